import { AuditEntryView, FigureView, OptionDetailView } from '../options/dto/option.view';
import { ValueFigureView } from '../options/dto/option-value.view';

/** One section of the memo: a title, plain lines, label/value rows, or a table. */
export interface MemoSection {
  title: string;
  lines?: string[];
  rows?: Array<[string, string]>;
  table?: { headers: string[]; rows: string[][] };
}

const dash = (value: string | number | boolean | null | undefined) =>
  value === null || value === undefined || value === '' ? '-' : String(value);
const yesNo = (met: boolean | null) => (met === null ? 'not judged' : met ? 'met' : 'missed');

/**
 * The decision memo of one option, for a board pack: the evidence, the performance and cost
 * verdicts, the price, the value figures, the decision history and who decided and approved.
 * Figures are the API's exact decimal strings, never reformatted through a float.
 */
export function decisionMemo(option: OptionDetailView, generatedAt: Date): MemoSection[] {
  const evaluation = option.evidence.evaluation;
  const value = option.evidence.value;
  const currency = option.terms?.currency ?? value.currency ?? '';
  return [
    {
      title: 'Option',
      lines: option.incarnation > 1 ? [incarnationLine(option)] : [],
      rows: [
        ['Rack', option.rackSerial],
        ['Generation', option.generation],
        ['Site', option.site],
        ['State', option.state],
        ['Verdict at', dash(option.verdictAt)],
        ['Expires at', dash(option.expiresAt)],
        ['Memo generated at', generatedAt.toISOString()],
      ],
    },
    {
      title: 'Verdicts',
      rows: [
        [
          'Performance verdict',
          evaluation
            ? `${evaluation.outcome} (${evaluation.criteriaMet} of ${evaluation.criteriaTotal} criteria met)`
            : 'awaiting the evaluation',
        ],
        ['Cost verdict', value.costVerdict ?? value.status],
        ['Missed cost targets', value.missedTargets.length ? value.missedTargets.join(', ') : 'none'],
        ['Cost targets version', dash(value.costTargetsVersion)],
      ],
    },
    {
      title: 'Price',
      rows: option.terms
        ? [
            ['Unit price', `${option.terms.unitPrice} ${currency}`],
            ['Terms version', String(option.terms.version)],
            ['Approval threshold', `${option.terms.approvalThreshold} ${currency}`],
            ['Exercise window', `${option.terms.windowDays} days`],
          ]
        : [['Unit price', 'no terms yet']],
    },
    {
      title: 'Evidence',
      rows: [
        ...figureRow('Performance', evaluation?.performance ?? null),
        ...figureRow('Power', evaluation?.power ?? null),
        ...figureRow('Performance per watt', evaluation?.performancePerWatt ?? null),
        ['Failed suites', evaluation?.failedSuites.length ? evaluation.failedSuites.join(', ') : 'none'],
        [
          'Domestic content',
          `${option.evidence.domesticContent.pct}% (target ${option.evidence.domesticContent.targetPct}%, ${option.evidence.domesticContent.met ? 'met' : 'missed'})`,
        ],
        [
          'Price per performance unit',
          option.evidence.pricePerPerformanceUnit
            ? `${option.evidence.pricePerPerformanceUnit} ${dash(option.evidence.pricePerPerformanceUnitOf)}`
            : '-',
        ],
        ['Waiver', dash(option.evidence.waiver)],
        [
          'Rejected at intake',
          option.evidence.intakeRejection ? `${option.evidence.intakeRejection.reason} (${option.evidence.intakeRejection.at})` : '-',
        ],
      ],
    },
    {
      title: 'Value',
      table: {
        headers: ['Figure', 'Value', 'Target', 'Judged'],
        rows: [
          valueRow('Price', value.price),
          valueRow('Price per performance unit', value.pricePerPerformanceUnit),
          valueRow('Energy cost', value.energyCost),
          valueRow('TCO', value.tco),
          valueRow('TCO per performance unit', value.tcoPerPerformanceUnit),
          valueRow('BOM cost', value.bomCost),
          valueRow('Margin', value.margin),
          valueRow('Domestic content', value.domesticContent),
        ],
      },
      rows: [
        ['TCO basis', dash(value.tcoBasis)],
        ['Rounding', value.rounding],
      ],
    },
    {
      title: 'Decision and approvers',
      rows: [
        ['Requested by', dash(option.pendingRequest?.requestedBy ?? requester(option.history))],
        ['Decided by', dash(option.outcome?.decidedBy)],
        ['Approved by', dash(option.outcome?.approvedBy)],
        ['Rationale', dash(option.outcome?.rationale ?? option.pendingRequest?.rationale)],
        ['Ended at', dash(option.outcome?.endedAt)],
      ],
    },
    historySection(option.history),
  ];
}

/**
 * Which unit under the serial the memo is about, once it is not the one first delivered: the RMA
 * it came back under, how, and the UTC day. Only the rack's latest RMA is known to the view; when
 * that is not the one this incarnation came back from (the rack is away again, or the return has
 * not been read yet) the line says so rather than naming the wrong RMA.
 */
function incarnationLine(option: OptionDetailView): string {
  const rma = option.rma;
  const head = `Incarnation ${option.incarnation} — back from the manufacturer`;
  if (!rma || rma.incarnationAfter !== option.incarnation) return `${head} after an RMA (its return is not on record here)`;
  const how = rma.returnKind ? ` (${rma.returnKind.toLowerCase()})` : '';
  const on = rma.receivedAt ? ` on ${rma.receivedAt.slice(0, 10)}` : '';
  return `${head} under RMA ${rma.rmaNumber}${how}${on}`;
}

/** The trail oldest first; each line's incarnation once any line is past the first. */
function historySection(history: AuditEntryView[]): MemoSection {
  const withIncarnation = history.some((entry) => entry.incarnation > 1);
  return {
    title: 'Decision history',
    table: {
      headers: ['When (UTC)', ...(withIncarnation ? ['Incarnation'] : []), 'Action', 'Actor', 'From -> to', 'Reason'],
      rows: history.map((entry) => [
        entry.occurredAt,
        ...(withIncarnation ? [String(entry.incarnation)] : []),
        entry.action,
        entry.actor,
        `${dash(entry.fromState)} -> ${dash(entry.toState)}`,
        [entry.reason, entry.waiver ? `waiver: ${entry.waiver}` : ''].filter(Boolean).join('; '),
      ]),
    },
  };
}

function figureRow(label: string, figure: FigureView | null): Array<[string, string]> {
  if (!figure) return [[label, '-']];
  const measured = figure.measured ? `${figure.measured} ${figure.unit}` : dash(figure.note);
  const target = figure.target ? `target ${figure.target} ${figure.unit}, ${yesNo(figure.meetsTarget)}` : 'no target';
  return [[label, `${measured} (${target})`]];
}

function valueRow(label: string, figure: ValueFigureView): string[] {
  const value = figure.value ? `${figure.value} ${figure.unit}` : `- (${dash(figure.missing)})`;
  return [label, value, figure.target ? `${figure.target} ${figure.unit}` : '-', yesNo(figure.met)];
}

/** Who asked for the exercise, from the trail, once the pending request is gone. */
function requester(history: AuditEntryView[]): string | null {
  return [...history].reverse().find((entry) => entry.toState === 'PENDING_APPROVAL')?.actor ?? null;
}
