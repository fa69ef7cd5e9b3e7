import type { FigureEvidence, PurchaseOption } from '../api';
import { formatMoney, formatNumber, formatPct } from '../shared/format';
import { daysLeftInWords } from './option-queue';
import { OptionValueSection } from './option-value';

/** The price and, beside it, the evidence finance weighs. */
export function OptionEvidence({ option }: { option: PurchaseOption }) {
  const { evidence, terms } = option;
  const evaluation = evidence.evaluation;
  return (
    <div className="evidence">
      <section className="card price" aria-labelledby="price-title">
        <h2 id="price-title">Price</h2>
        <p className="big">{terms ? formatMoney(terms.unitPrice, terms.currency) : 'No terms yet'}</p>
        {terms && (
          <p className="muted">
            Terms v{terms.version}; approval needed above {formatMoney(terms.approvalThreshold, terms.currency)}; window {terms.windowDays}{' '}
            days
          </p>
        )}
        <p>
          <strong>{daysLeftInWords(option.daysLeft)}</strong>
        </p>
      </section>
      <section className="card" aria-labelledby="evidence-title">
        <h2 id="evidence-title">Evidence</h2>
        <dl className="figures">
          <dt>Evaluation</dt>
          <dd>
            {evaluation
              ? `${evaluation.outcome.toLowerCase()}, criteria met ${evaluation.criteriaMet} / ${evaluation.criteriaTotal}`
              : 'not concluded yet'}
          </dd>
          {evaluation?.failedSuites.length ? (
            <>
              <dt>Failed suites</dt>
              <dd className="warn">{evaluation.failedSuites.join(', ')}</dd>
            </>
          ) : null}
          <FigureRow label="Performance" figure={evaluation?.performance} />
          <FigureRow label="Power" figure={evaluation?.power} />
          <FigureRow label="Performance per watt (same run)" figure={evaluation?.performancePerWatt} />
          <dt>Price per performance</dt>
          <dd>
            {evidence.pricePerPerformanceUnit
              ? `${formatNumber(evidence.pricePerPerformanceUnit, 2)} ${evidence.pricePerPerformanceUnitOf ?? ''}`
              : '—'}
          </dd>
          <dt>Domestic content</dt>
          <dd className={evidence.domesticContent.met ? 'ok' : 'warn'}>
            {formatPct(evidence.domesticContent.pct)} (target {formatPct(evidence.domesticContent.targetPct)},{' '}
            {evidence.domesticContent.met ? 'met' : 'not met'})
          </dd>
          {evidence.intakeRejection && (
            <>
              <dt>Rejected at intake</dt>
              <dd className="warn">{evidence.intakeRejection.reason}</dd>
            </>
          )}
          {evidence.waiver && (
            <>
              <dt>Waiver</dt>
              <dd>{evidence.waiver}</dd>
            </>
          )}
        </dl>
      </section>
      <OptionValueSection value={evidence.value} />
    </div>
  );
}

function FigureRow({ label, figure }: { label: string; figure?: FigureEvidence | null }) {
  if (!figure) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {figure.measured === null && figure.note ? (
          <span className="muted">{figure.note}</span>
        ) : (
          `${formatNumber(figure.measured)} ${figure.unit}`
        )}{' '}
        <span className="muted">target {formatNumber(figure.target)}</span>{' '}
        {figure.meetsTarget !== null && (
          <span className={figure.meetsTarget ? 'ok' : 'warn'}>{figure.meetsTarget ? 'meets' : 'misses'}</span>
        )}
      </dd>
    </>
  );
}
