import { csvCell } from '@rackeval/platform';
import { OptionView } from './dto/option.view';

const COLUMNS: Array<[string, (o: OptionView) => string | number | boolean | null | undefined]> = [
  ['rack_serial', (o) => o.rackSerial],
  ['generation', (o) => o.generation],
  ['state', (o) => o.state],
  ['terms_version', (o) => o.terms?.version],
  ['unit_price', (o) => o.terms?.unitPrice],
  ['currency', (o) => o.terms?.currency],
  ['approval_threshold', (o) => o.terms?.approvalThreshold],
  ['window_days', (o) => o.terms?.windowDays],
  ['evaluation', (o) => o.evidence.evaluation?.outcome],
  ['criteria_met', (o) => o.evidence.evaluation?.criteriaMet],
  ['criteria_total', (o) => o.evidence.evaluation?.criteriaTotal],
  ['performance_measured', (o) => o.evidence.evaluation?.performance?.measured],
  ['performance_target', (o) => o.evidence.evaluation?.performance?.target],
  ['performance_unit', (o) => o.evidence.evaluation?.performance?.unit],
  ['power_measured', (o) => o.evidence.evaluation?.power?.measured],
  ['power_target', (o) => o.evidence.evaluation?.power?.target],
  ['performance_per_watt_measured', (o) => o.evidence.evaluation?.performancePerWatt?.measured],
  ['performance_per_watt_target', (o) => o.evidence.evaluation?.performancePerWatt?.target],
  ['domestic_content_pct', (o) => o.evidence.domesticContent.pct],
  ['domestic_content_target_pct', (o) => o.evidence.domesticContent.targetPct],
  ['domestic_content_met', (o) => o.evidence.domesticContent.met],
  ['price_per_performance_unit', (o) => o.evidence.pricePerPerformanceUnit],
  ['cost_verdict', (o) => o.evidence.value.costVerdict ?? o.evidence.value.status],
  ['missed_cost_targets', (o) => o.evidence.value.missedTargets.join(' ')],
  ['tco', (o) => o.evidence.value.tco.value],
  ['tco_per_performance_unit', (o) => o.evidence.value.tcoPerPerformanceUnit.value],
  ['margin', (o) => o.evidence.value.margin.value],
  ['verdict_at', (o) => o.verdictAt],
  ['expires_at', (o) => o.expiresAt],
  ['days_left', (o) => o.daysLeft],
  ['requested_by', (o) => o.pendingRequest?.requestedBy],
  ['decided_by', (o) => o.outcome?.decidedBy],
  ['approved_by', (o) => o.outcome?.approvedBy],
  ['decision_rationale', (o) => o.outcome?.rationale],
  ['waiver', (o) => o.evidence.waiver],
  ['last_rejection_note', (o) => o.lastRejection?.note],
  ['ended_at', (o) => o.outcome?.endedAt],
  // Appended 2026-11-30, so earlier columns keep their places: the rack's incarnation and its latest RMA.
  ['incarnation', (o) => o.incarnation],
  ['rma', (o) => o.rma?.rmaNumber],
];

/** The header line, CRLF-terminated. */
export const OPTIONS_CSV_HEADER = `${COLUMNS.map(([name]) => name).join(',')}\r\n`;

/** One CRLF-terminated line per option. */
export function optionsCsvLines(options: OptionView[]): string {
  let out = '';
  for (const option of options) out += `${COLUMNS.map(([, read]) => csvCell(read(option))).join(',')}\r\n`;
  return out;
}
