import type { ResultsPaths } from '@rackeval/api-client';
import { Api, call, RetryOptions, sleep } from '../api';
import { CliError, EXIT } from '../exit-codes';
import { Output } from '../output';

type Measurement = ResultsPaths['/v1/runs/{runId}/measurements']['get']['responses'][200]['content']['application/json']['items'][number];
type Verdict = ResultsPaths['/v1/runs/{runId}/verdict']['get']['responses'][200]['content']['application/json'];

export interface TailOptions {
  /** Measurements already stored shown first (the most recent ones). */
  backlog: number;
  /** Keep following after the run ended and was judged. */
  follow?: boolean;
  intervalSeconds: number;
  metric?: string;
}

const ENDED = new Set(['COMPLETED', 'ABORTED']);

/**
 * Prints a run's measurements as they are stored and its verdict as it is given or revised, until
 * the run has ended and been judged (or forever with --follow). The gateway's live events carry
 * run and evaluation events but not measurements, so this polls results politely: at once while
 * there is a backlog, every --interval seconds when idle, backing off to four times that.
 */
export async function tail(
  api: Api,
  runId: string,
  options: TailOptions,
  retry: RetryOptions,
  out: Output,
  signal: AbortSignal,
): Promise<void> {
  const path = { runId };
  const show = (event: Record<string, unknown>, human: string) => out.result(event, () => human);
  const run = await call(`run ${runId}`, () => api.results.GET('/v1/runs/{runId}', { params: { path } }), retry);
  let state = run.data.state;
  show(
    { type: 'run', runId, state, rackSerial: run.data.rackSerial, suite: run.data.suite },
    `run ${runId} ${state} (${run.data.rackSerial}, ${run.data.suite})`,
  );
  let cursor: string | undefined;
  let lastId = 0n;
  let catchingUp = true;
  let backlog: Measurement[] = [];
  let revision = -1;
  let idle = 0;
  const print = (m: Measurement) =>
    show(
      { type: 'measurement', ...m },
      `${m.observedAt ?? m.recordedAt}  ${m.metric.padEnd(24)} ${String(m.value).padStart(12)} ${m.unit}${m.component ? `  ${m.component}` : ''}`,
    );
  while (!signal.aborted) {
    const page = await call(
      'read measurements',
      () =>
        api.results.GET('/v1/runs/{runId}/measurements', {
          params: { path, query: { limit: 500, ...(cursor ? { cursor } : {}), ...(options.metric ? { metric: options.metric } : {}) } },
        }),
      { ...retry, signal },
    ).catch((error: unknown) => (signal.aborted ? undefined : Promise.reject(error)));
    if (!page) break;
    const fresh = page.data.items.filter((m) => BigInt(m.id) > lastId);
    for (const m of fresh) lastId = BigInt(m.id);
    if (catchingUp) {
      backlog = [...backlog, ...fresh].slice(-options.backlog);
      if (!page.data.nextCursor) {
        catchingUp = false;
        backlog.forEach(print);
        backlog = [];
      }
    } else fresh.forEach(print);
    if (page.data.nextCursor) {
      cursor = page.data.nextCursor;
      continue;
    }
    // The last page is read again next time (its cursor is kept); rows already shown are skipped by id.
    const verdict = await call('read the verdict', () => api.results.GET('/v1/runs/{runId}/verdict', { params: { path } }), retry).catch(
      (error: unknown) => {
        if (error instanceof CliError && error.exitCode === EXIT.NOT_FOUND) return undefined;
        throw error;
      },
    );
    if (verdict && verdict.data.revision !== revision) {
      revision = verdict.data.revision;
      show({ type: 'verdict', ...verdict.data }, describeVerdict(verdict.data));
    }
    const now = await call(`run ${runId}`, () => api.results.GET('/v1/runs/{runId}', { params: { path } }), retry);
    if (now.data.state !== state) {
      state = now.data.state;
      show({ type: 'run', runId, state }, `run ${runId} ${state}`);
    }
    if (!options.follow && ENDED.has(state) && (verdict || state === 'ABORTED')) return;
    idle = fresh.length ? 0 : idle + 1;
    await sleep(options.intervalSeconds * 1000 * Math.min(1 + Math.floor(idle / 5), 4), signal);
  }
  throw new CliError('tail: interrupted', EXIT.INTERRUPTED);
}

function describeVerdict(verdict: Verdict): string {
  const lines = [
    `verdict ${verdict.verdict} (revision ${verdict.revision}, judged ${verdict.judgedAt}${verdict.reason ? `, ${verdict.reason}` : ''})`,
  ];
  for (const c of verdict.criteria) {
    lines.push(
      `  ${c.result.padEnd(5)} ${c.metric}: ${c.measured ?? '-'} ${c.unit} from ${c.samples} sample(s)${c.reason ? ` (${c.reason})` : ''}`,
    );
  }
  return lines.join('\n');
}
