import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { purchaseOptionApi, type FigureEvidence, type PurchaseOptionDetail, type ValueFigure } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { humanise } from '../live/refresh-rules';
import { DataTable, num } from '../shared/data-table';
import { saveBlob } from '../shared/download';
import { formatDateTime, formatMoney } from '../shared/format';
import { useAsync } from '../shared/use-async';

/** The decision memo of one option as a printable page (print CSS hides the console around it), with its PDF for a board pack. */
export function OptionMemoPage() {
  const { serial = '' } = useParams();
  const option = useAsync(() => purchaseOptionApi.option(serial), [serial]);
  const [pdfError, setPdfError] = useState<unknown>();

  async function downloadPdf() {
    setPdfError(undefined);
    try {
      saveBlob(await purchaseOptionApi.memoPdf(serial), `decision-memo-${serial}.pdf`);
    } catch (reason) {
      setPdfError(reason);
    }
  }

  return (
    <article className="memo" aria-labelledby="memo-title">
      <div className="page-head no-print">
        <Link to={`/options/${encodeURIComponent(serial)}`}>← Back to the option</Link>
        <span>
          <button type="button" onClick={() => window.print()}>
            Print
          </button>{' '}
          <button type="button" onClick={downloadPdf}>
            Download PDF
          </button>
        </span>
      </div>
      <ErrorMessage error={pdfError} title="The PDF could not be made" />
      <ErrorMessage error={option.error} title="The option could not be loaded" />
      <h1 id="memo-title">Decision memo: purchase option for rack {serial}</h1>
      {option.data && <MemoBody option={option.data} />}
    </article>
  );
}

const met = (value: boolean | null) => (value === null ? 'not judged' : value ? 'met' : 'missed');

function MemoBody({ option }: { option: PurchaseOptionDetail }) {
  const evaluation = option.evidence.evaluation;
  const value = option.evidence.value;
  const requestedBy =
    option.pendingRequest?.requestedBy ?? [...option.history].reverse().find((h) => h.toState === 'PENDING_APPROVAL')?.actor;
  return (
    <>
      <p className="muted">
        {option.generation} · {option.site} · {humanise(option.state)} · memo of {formatDateTime(new Date().toISOString())}
      </p>
      <section aria-labelledby="memo-verdicts">
        <h2 id="memo-verdicts">Verdicts</h2>
        <dl className="memo-facts">
          <dt>Performance verdict</dt>
          <dd>
            {evaluation
              ? `${evaluation.outcome} (${evaluation.criteriaMet} of ${evaluation.criteriaTotal} criteria met)`
              : 'awaiting the evaluation'}
          </dd>
          <dt>Cost verdict</dt>
          <dd>{value.costVerdict ?? humanise(value.status)}</dd>
          <dt>Missed cost targets</dt>
          <dd>{value.missedTargets.length ? value.missedTargets.join(', ') : 'none'}</dd>
        </dl>
      </section>
      <section aria-labelledby="memo-price">
        <h2 id="memo-price">Price</h2>
        <dl className="memo-facts">
          <dt>Unit price</dt>
          <dd>{option.terms ? formatMoney(option.terms.unitPrice, option.terms.currency) : 'no terms yet'}</dd>
          <dt>Terms version</dt>
          <dd>{option.terms?.version ?? '—'}</dd>
          <dt>Approval threshold</dt>
          <dd>{option.terms ? formatMoney(option.terms.approvalThreshold, option.terms.currency) : '—'}</dd>
          <dt>Expires</dt>
          <dd>{formatDateTime(option.expiresAt)}</dd>
        </dl>
      </section>
      <section aria-labelledby="memo-evidence">
        <h2 id="memo-evidence">Evidence</h2>
        <dl className="memo-facts">
          <Figure label="Performance" figure={evaluation?.performance ?? null} />
          <Figure label="Power" figure={evaluation?.power ?? null} />
          <Figure label="Performance per watt" figure={evaluation?.performancePerWatt ?? null} />
          <dt>Failed suites</dt>
          <dd>{evaluation?.failedSuites.length ? evaluation.failedSuites.join(', ') : 'none'}</dd>
          <dt>Domestic content</dt>
          <dd>
            {option.evidence.domesticContent.pct} % (target {option.evidence.domesticContent.targetPct} %,{' '}
            {option.evidence.domesticContent.met ? 'met' : 'missed'})
          </dd>
          <dt>Waiver</dt>
          <dd>{option.evidence.waiver ?? '—'}</dd>
        </dl>
      </section>
      <section aria-labelledby="memo-value">
        <h2 id="memo-value">Value</h2>
        <DataTable columns={['Figure', num('Value'), num('Target'), 'Judged']}>
          <ValueRow label="Price" figure={value.price} />
          <ValueRow label="Price per performance unit" figure={value.pricePerPerformanceUnit} />
          <ValueRow label="Energy cost" figure={value.energyCost} />
          <ValueRow label="TCO" figure={value.tco} />
          <ValueRow label="TCO per performance unit" figure={value.tcoPerPerformanceUnit} />
          <ValueRow label="BOM cost" figure={value.bomCost} />
          <ValueRow label="Margin" figure={value.margin} />
        </DataTable>
        {value.tcoBasis && <p className="muted">TCO basis: {value.tcoBasis}</p>}
      </section>
      <section aria-labelledby="memo-decision">
        <h2 id="memo-decision">Decision and approvers</h2>
        <dl className="memo-facts">
          <dt>Requested by</dt>
          <dd>{requestedBy ?? '—'}</dd>
          <dt>Decided by</dt>
          <dd>{option.outcome?.decidedBy ?? '—'}</dd>
          <dt>Approved by</dt>
          <dd>{option.outcome?.approvedBy ?? '—'}</dd>
          <dt>Rationale</dt>
          <dd>{option.outcome?.rationale ?? option.pendingRequest?.rationale ?? '—'}</dd>
        </dl>
      </section>
      <section aria-labelledby="memo-history">
        <h2 id="memo-history">Decision history</h2>
        <DataTable columns={['When', 'Action', 'Who', 'From → to', 'Reason']}>
          {option.history.map((entry) => (
            <tr key={entry.id}>
              <td>{formatDateTime(entry.occurredAt)}</td>
              <td>{humanise(entry.action)}</td>
              <td>{entry.actor}</td>
              <td>
                {entry.fromState ?? '—'} → {entry.toState ?? '—'}
              </td>
              <td>
                {entry.reason}
                {entry.waiver ? ` (waiver: ${entry.waiver})` : ''}
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
    </>
  );
}

function Figure({ label, figure }: { label: string; figure: FigureEvidence | null }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {!figure
          ? '—'
          : `${figure.measured ? `${figure.measured} ${figure.unit}` : (figure.note ?? '—')}${figure.target ? ` (target ${figure.target} ${figure.unit}, ${met(figure.meetsTarget)})` : ''}`}
      </dd>
    </>
  );
}

function ValueRow({ label, figure }: { label: string; figure: ValueFigure }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="num">{figure.value ? formatMoney(figure.value, figure.unit) : `— ${figure.missing ?? ''}`}</td>
      <td className="num">{figure.target ? formatMoney(figure.target, figure.unit) : '—'}</td>
      <td>{met(figure.met)}</td>
    </tr>
  );
}
