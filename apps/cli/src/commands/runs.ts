import { RUN_STATES, type TestRunPaths } from '@rackeval/api-client';
import { randomUUID } from 'node:crypto';
import { Api, call, RetryOptions } from '../api';
import { CliError, EXIT } from '../exit-codes';
import { Output, table } from '../output';

type RunView = TestRunPaths['/v1/runs/{id}']['get']['responses'][200]['content']['application/json'];
type RunState = RunView['state'];

export interface ListOptions {
  rack?: string;
  state?: string;
  generation?: string;
  suite?: string;
  bay?: string;
  limit: number;
  cursor?: string;
  all?: boolean;
}

const summary = (run: RunView): string[] => [
  run.id,
  run.state,
  run.rackSerial,
  run.suite,
  String(run.attempt),
  run.bay,
  run.startedAt ?? run.scheduledAt,
];
const SUMMARY_HEADER = ['RUN', 'STATE', 'RACK', 'SUITE', 'ATTEMPT', 'BAY', 'SINCE'];

export async function listRuns(api: Api, options: ListOptions, retry: RetryOptions, out: Output): Promise<void> {
  if (options.state && !RUN_STATES.includes(options.state as RunState))
    throw new CliError(`--state must be one of ${RUN_STATES.join(', ')}`, EXIT.USAGE);
  const items: RunView[] = [];
  let cursor = options.cursor;
  let nextCursor: string | null = null;
  do {
    const query = {
      rack: options.rack,
      state: options.state as RunState | undefined,
      generation: options.generation,
      suite: options.suite,
      bay: options.bay,
      limit: options.limit,
      cursor,
    };
    const { data } = await call('list runs', () => api.testRun.GET('/v1/runs', { params: { query } }), retry);
    items.push(...data.items);
    nextCursor = data.nextCursor ?? null;
    cursor = nextCursor ?? undefined;
  } while (options.all && cursor);
  out.result({ items, nextCursor: options.all ? null : nextCursor }, () =>
    [table(SUMMARY_HEADER, items.map(summary)), ...(nextCursor && !options.all ? [`more: --cursor ${nextCursor} (or --all)`] : [])].join(
      '\n',
    ),
  );
}

export async function showRun(api: Api, id: string, retry: RetryOptions, out: Output): Promise<void> {
  const { data: run } = await call(`run ${id}`, () => api.testRun.GET('/v1/runs/{id}', { params: { path: { id } } }), retry);
  out.result(run, () => describe(run));
}

export interface StartOptions {
  rack?: string;
  suite?: string;
  bay?: string;
}

/** Starts a scheduled run, or (with --rack, --suite and --bay) schedules one and starts it; each POST carries an Idempotency-Key. */
export async function startRun(api: Api, id: string | undefined, options: StartOptions, retry: RetryOptions, out: Output): Promise<void> {
  let runId = id;
  if (!runId) {
    if (!options.rack || !options.suite || !options.bay)
      throw new CliError('give a run id, or --rack, --suite and --bay to schedule one and start it', EXIT.USAGE);
    // A rack released a moment ago may not have reached test-run yet: it waits for it (RFC 7240) rather than refusing.
    const headers = { 'idempotency-key': `cli-schedule-${randomUUID()}`, prefer: 'wait=10' };
    const body = { rackSerial: options.rack, suite: options.suite, bay: options.bay };
    const { data } = await call('schedule run', () => api.testRun.POST('/v1/runs', { body, headers }), retry);
    runId = data.id;
    out.note(`scheduled run ${runId}`);
  }
  const target = runId;
  const headers = { 'idempotency-key': `cli-start-${randomUUID()}` };
  const { data: run } = await call(
    `start run ${target}`,
    () => api.testRun.POST('/v1/runs/{id}/start', { params: { path: { id: target } }, headers }),
    retry,
  );
  out.result(run, () => `run ${run.id} ${run.state} (${run.rackSerial}, ${run.suite}, attempt ${run.attempt}, bay ${run.bay})`);
}

export async function completeRun(api: Api, id: string, retry: RetryOptions, out: Output): Promise<void> {
  const headers = { 'idempotency-key': `cli-complete-${randomUUID()}` };
  const { data: run } = await call(
    `complete run ${id}`,
    () => api.testRun.POST('/v1/runs/{id}/complete', { params: { path: { id } }, headers }),
    retry,
  );
  out.result(run, () => `run ${run.id} ${run.state} at ${run.completedAt}`);
}

function describe(run: RunView): string {
  const lines = [
    `run       ${run.id}`,
    `state     ${run.state}`,
    `rack      ${run.rackSerial} (${run.generation})`,
    `suite     ${run.suite} (${run.suiteName}), attempt ${run.attempt} of ${run.maxAttempts}${run.required ? ', required' : ''}`,
    `metrics   ${run.metrics.join(', ')}`,
    `bay       ${run.bay} at ${run.site}`,
    `scheduled ${run.scheduledAt} by ${run.scheduledBy}`,
  ];
  if (run.startedAt) lines.push(`started   ${run.startedAt} by ${run.startedBy}`);
  if (run.completedAt) lines.push(`completed ${run.completedAt} by ${run.completedBy}`);
  if (run.abortedAt) lines.push(`aborted   ${run.abortedAt}`);
  return lines.join('\n');
}
