import { useEffect, useState } from 'react';
import { isNotFound, purchaseOptionApi, type CostTargetsVersion, type NewCostTargets } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { formatDateTime } from '../shared/format';
import { useAsync } from '../shared/use-async';
import { useSubmit } from '../shared/use-submit';
import { FourEyesReview, reviewInWords } from './four-eyes-review';

type Draft = Record<Exclude<keyof NewCostTargets, 'note'>, string> & { note: string };
const FIELDS: Array<[keyof Draft, string, string]> = [
  ['currency', 'Currency', 'USD'],
  ['performanceUnit', 'Performance unit', 'tokens/s'],
  ['maxUnitPrice', 'Max unit price', '1300000.00'],
  ['maxPricePerPerformanceUnit', 'Max price per performance unit', '60'],
  ['energyPricePerKwh', 'Energy price per kWh', '0.085'],
  ['pue', 'PUE', '1.25'],
  ['horizonYears', 'Horizon (years)', '5'],
  ['maxTcoPerPerformanceUnit', 'Max TCO per performance unit', '70'],
  ['note', 'Why these targets', ''],
];
const EMPTY: Draft = {
  currency: 'USD',
  performanceUnit: '',
  maxUnitPrice: '',
  maxPricePerPerformanceUnit: '',
  energyPricePerKwh: '',
  pue: '',
  horizonYears: '',
  maxTcoPerPerformanceUnit: '',
  note: '',
};

/** Only the filled fields: a blank target is not set. */
function toBody(draft: Draft): NewCostTargets {
  const entries = Object.entries(draft)
    .map(([key, value]) => [key, value.trim()] as const)
    .filter(([, value]) => value !== '');
  const body = Object.fromEntries(entries) as unknown as NewCostTargets;
  return { ...body, currency: draft.currency.trim().toUpperCase() };
}

/** Cost targets of a generation, four-eyes like terms: a version takes effect once another finance or admin user approves it. */
export function CostTargetsSection({ generation }: { generation: string }) {
  const targets = useAsync(() => purchaseOptionApi.costTargets(generation), [generation]);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [status, setStatus] = useState('');
  const latest = targets.data?.versions[0];

  useEffect(() => {
    const t = targets.data?.active ?? latest;
    setDraft(
      t ? (Object.fromEntries(FIELDS.map(([key]) => [key, (t[key as keyof CostTargetsVersion] as string | null) ?? ''])) as Draft) : EMPTY,
    );
  }, [targets.data, latest]);

  const { error, submit } = useSubmit(async () => {
    const saved = await purchaseOptionApi.proposeCostTargets(generation, toBody(draft));
    setStatus(
      saved.status === 'PROPOSED'
        ? `Cost targets version ${saved.version} proposed; another finance or admin user must approve them before options are judged against them.`
        : `Cost targets version ${saved.version} already in force.`,
    );
    targets.reload();
  });

  const missing = isNotFound(targets.error);
  const active = targets.data?.active;
  return (
    <section className="stack" aria-labelledby="cost-targets-title">
      <form onSubmit={submit} className="stack">
        <h3 id="cost-targets-title">
          Cost targets {active ? `(version ${active.version} active)` : missing ? '(none yet)' : '(none active)'}
        </h3>
        {latest && (
          <p>
            Version {latest.version} ({latest.status}) proposed by <strong>{latest.proposedBy}</strong> on{' '}
            {formatDateTime(latest.proposedAt)}
            {reviewInWords(latest.review)}
          </p>
        )}
        {!missing && <ErrorMessage error={targets.error} title="Cost targets" />}
        <div className="inline-form">
          {FIELDS.map(([key, label, placeholder]) => (
            <span className="field" key={key}>
              <label htmlFor={`cost-${key}`}>{label}</label>
              <input
                id={`cost-${key}`}
                value={draft[key]}
                placeholder={placeholder}
                onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
                required={key === 'currency'}
              />
            </span>
          ))}
          <button type="submit" className="primary">
            Propose cost targets
          </button>
        </div>
        <p className="muted">
          Leave a target blank to not set it. TCO = price + measured power (kW) × horizon × 8760 h × PUE × energy price.
        </p>
        <ErrorMessage error={error} title="The cost targets were not proposed" />
        <p role="status">{status}</p>
      </form>
      {latest && <FourEyesReview what="cost targets" reviewed={latest} proposedBy={latest.proposedBy} onReviewed={targets.reload} />}
    </section>
  );
}
