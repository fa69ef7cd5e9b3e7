import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, purchaseOptionApi, type NewTerms } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { useAsync } from '../shared/use-async';
import { Field } from './generations-section';

const EMPTY = { unitPrice: '', currency: 'USD', windowDays: '30', approvalThreshold: '' };

/** Option terms of a generation: price, window and the four-eyes threshold. */
export function TermsSection({ generation }: { generation: string }) {
  const terms = useAsync(() => purchaseOptionApi.terms(generation), [generation]);
  const [draft, setDraft] = useState(EMPTY);
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');

  useEffect(() => {
    const t = terms.data;
    setDraft(t ? { unitPrice: t.unitPrice, currency: t.currency, windowDays: String(t.windowDays), approvalThreshold: t.approvalThreshold } : EMPTY);
  }, [terms.data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const body: NewTerms = { unitPrice: draft.unitPrice.trim(), currency: draft.currency.trim().toUpperCase(), windowDays: Number(draft.windowDays), approvalThreshold: draft.approvalThreshold.trim() };
    try {
      const saved = await purchaseOptionApi.publishTerms(generation, body);
      setStatus(`Terms version ${saved.version} in force.`);
      terms.reload();
    } catch (reason) {
      setError(reason);
    }
  }

  const missing = terms.error instanceof ApiError && terms.error.status === 404;
  return (
    <form onSubmit={submit} className="stack" aria-labelledby="terms-title">
      <h3 id="terms-title">Option terms {terms.data ? `(version ${terms.data.version})` : missing ? '(none yet)' : ''}</h3>
      {!missing && <ErrorMessage error={terms.error} title="Terms" />}
      <div className="inline-form">
        <Field id="terms-price" label="Unit price" value={draft.unitPrice} onChange={(unitPrice) => setDraft({ ...draft, unitPrice })} placeholder="1250000.00" />
        <Field id="terms-currency" label="Currency" value={draft.currency} onChange={(currency) => setDraft({ ...draft, currency })} />
        <Field id="terms-window" label="Window (days after verdict)" value={draft.windowDays} onChange={(windowDays) => setDraft({ ...draft, windowDays })} />
        <Field id="terms-threshold" label="Approval threshold" value={draft.approvalThreshold} onChange={(approvalThreshold) => setDraft({ ...draft, approvalThreshold })} />
        <button type="submit" className="primary">
          Publish terms
        </button>
      </div>
      <ErrorMessage error={error} title="The terms were not published" />
      <p role="status">{status}</p>
    </form>
  );
}
