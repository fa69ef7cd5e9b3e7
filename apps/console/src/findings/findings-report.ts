import type { Finding, FindingState } from '../api';
import { findingsApi } from './findings-api';
import { groupLabel, STATE_LABELS } from './finding-words';

/** The most findings the printable report reads; past it the page says so and the files hold them all. */
export const REPORT_LIMIT = 2_000;
/** The largest page GET /v1/findings answers. */
const PAGE_SIZE = 500;

export interface ReportFilter {
  generation: string;
  lot?: string;
}

/** The findings of the filter, page after page along the cursor, up to `limit`; `truncated` when more were left. */
export async function readReportFindings(filter: ReportFilter, limit = REPORT_LIMIT): Promise<{ findings: Finding[]; truncated: boolean }> {
  const findings: Finding[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await findingsApi.list({ generation: filter.generation, lot: filter.lot || undefined, limit: PAGE_SIZE, cursor });
    findings.push(...page.items);
    if (findings.length >= limit) return { findings: findings.slice(0, limit), truncated: findings.length > limit || !!page.nextCursor };
    if (!page.nextCursor) return { findings, truncated: false };
    cursor = page.nextCursor;
  }
}

export interface ReportGroup {
  groupKey: string;
  label: string;
  findings: Finding[];
}

/** Findings by their group key (criterion or diagnosis + part + class), the largest group first, each oldest first. */
export function groupForReport(findings: readonly Finding[]): ReportGroup[] {
  const groups = new Map<string, ReportGroup>();
  for (const finding of findings) {
    let group = groups.get(finding.groupKey);
    if (!group) {
      group = {
        groupKey: finding.groupKey,
        label: groupLabel({
          criterion: finding.criterion,
          diagnosis: finding.diagnosis,
          partNumber: finding.component?.partNumber ?? null,
          failureClass: finding.failureClass,
        }),
        findings: [],
      };
      groups.set(finding.groupKey, group);
    }
    group.findings.push(finding);
  }
  const byOpening = (a: Finding, b: Finding) => a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id);
  return [...groups.values()]
    .map((group) => ({ ...group, findings: [...group.findings].sort(byOpening) }))
    .sort((a, b) => b.findings.length - a.findings.length || a.label.localeCompare(b.label));
}

/** How many findings are in each state (in the lifecycle's order) and each class (most first); only those with any. */
export function reportCounts(findings: readonly Finding[]) {
  const states = (Object.keys(STATE_LABELS) as FindingState[])
    .map((state) => ({ state, count: findings.filter((f) => f.state === state).length }))
    .filter((row) => row.count > 0);
  const classes = new Map<string | null, number>();
  for (const f of findings) classes.set(f.failureClass, (classes.get(f.failureClass) ?? 0) + 1);
  return {
    states,
    classes: [...classes.entries()]
      .map(([failureClass, count]) => ({ failureClass, count }))
      .sort((a, b) => b.count - a.count || (a.failureClass ?? '').localeCompare(b.failureClass ?? '')),
  };
}

const queryOf = (values: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => !!entry[1])).toString();

/** The console's printable report of a generation (and lot). */
export const reportPagePath = (filter: ReportFilter) => `/findings/report?${queryOf({ generation: filter.generation, lot: filter.lot })}`;

/** The same report as a file from results, through the gateway. */
export const reportFilePath = (filter: ReportFilter, format: 'csv' | 'xlsx') =>
  `/api/results/v1/findings/report?${queryOf({ generation: filter.generation, lot: filter.lot, format })}`;

/** `findings-G2-lot-B.csv`, as results names the file. */
export const reportFilename = (filter: ReportFilter, format: 'csv' | 'xlsx') =>
  `findings-${[filter.generation, filter.lot && `lot-${filter.lot}`].filter(Boolean).join('-')}.${format}`;
