import { useEffect, useState } from 'react';
import { isNotFound, purchaseOptionApi, type NewTerms } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { formatDateTime } from '../shared/format';
import { TextField } from '../shared/text-field';
import { useAsync } from '../shared/use-async';
import { useSubmit } from '../shared/use-submit';
import { FourEyesReview, reviewInWords } from './four-eyes-review';

const EMPTY = { unitPrice: '', currency: 'USD', windowDays: '30', approvalThreshold: '' };

/** Option terms of a generation: price, window and the four-eyes threshold; each version needs a second person's approval. */
export function TermsSection({ generation }: { generation: string }) {
  const terms = useAsync(() => purchaseOptionApi.terms(generation), [generation]);
  const [draft, setDraft] = useState(EMPTY);
  const [status, setStatus] = useState('');

  useEffect(() => {
    const t = terms.data;
    setDraft(
      t
        ? { unitPrice: t.unitPrice, currency: t.currency, windowDays: String(t.windowDays), approvalThreshold: t.approvalThreshold }
        : EMPTY,
    );
  }, [terms.data]);

  const { error, submit } = useSubmit(async () => {
    const body: NewTerms = {
      unitPrice: draft.unitPrice.trim(),
      currency: draft.currency.trim().toUpperCase(),
      windowDays: Number(draft.windowDays),
      approvalThreshold: draft.approvalThreshold.trim(),
    };
    const saved = await purchaseOptionApi.proposeTerms(generation, body);
    setStatus(
      saved.status === 'PROPOSED'
        ? `Terms version ${saved.version} proposed; another finance or admin user must approve it before it takes effect.`
        : `Terms version ${saved.version} already in force.`,
    );
    terms.reload();
  });

  const missing = isNotFound(terms.error);
  const current = terms.data;
  return (
    <section className="stack" aria-labelledby="terms-title">
      <form onSubmit={submit} className="stack">
        <h3 id="terms-title">Option terms {current ? `(version ${current.version}, ${current.status})` : missing ? '(none yet)' : ''}</h3>
        {current && (
          <p>
            Proposed by <strong>{current.publishedBy}</strong> on {formatDateTime(current.publishedAt)}
            {reviewInWords(current.review)}
          </p>
        )}
        {!missing && <ErrorMessage error={terms.error} title="Terms" />}
        <div className="inline-form">
          <TextField
            id="terms-price"
            label="Unit price"
            value={draft.unitPrice}
            onChange={(unitPrice) => setDraft({ ...draft, unitPrice })}
            placeholder="1250000.00"
          />
          <TextField
            id="terms-currency"
            label="Currency"
            value={draft.currency}
            onChange={(currency) => setDraft({ ...draft, currency })}
          />
          <TextField
            id="terms-window"
            label="Window (days after verdict)"
            value={draft.windowDays}
            onChange={(windowDays) => setDraft({ ...draft, windowDays })}
          />
          <TextField
            id="terms-threshold"
            label="Approval threshold"
            value={draft.approvalThreshold}
            onChange={(approvalThreshold) => setDraft({ ...draft, approvalThreshold })}
          />
          <button type="submit" className="primary">
            Propose terms
          </button>
        </div>
        <ErrorMessage error={error} title="The terms were not proposed" />
        <p role="status">{status}</p>
      </form>
      {current && <FourEyesReview what="terms" reviewed={current} proposedBy={current.publishedBy} onReviewed={terms.reload} />}
    </section>
  );
}
