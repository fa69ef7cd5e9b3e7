import { TestApi } from '@rackeval/testing';
import { sleep } from '../support/log';
import { FaultSystem } from '../system/fault-system';
import { ServiceName } from '../system/service-instance';
import { History } from './history';

/** The fields of answers the suite reads (ids, states, error codes); the rest passes unread. */
export interface AnswerBody {
  code?: string;
  id?: string;
  state?: string;
  status?: string;
  version?: number;
  inspections?: unknown[];
}

export interface Answer {
  status: number;
  body?: AnswerBody;
}

export interface CommandSpec {
  f: string;
  key: string;
  user: string;
  service: ServiceName;
  method: 'POST' | 'PUT';
  path: string;
  body?: unknown;
  /** Sent on every attempt of the command, where the route supports it. */
  idempotencyKey?: string;
  /** An answer meaning another service has not learnt, from events, what the command needs yet. */
  notYet?: (answer: Answer) => boolean;
  /** After an attempt with no certain answer, a refusal may mean that attempt applied: ask. */
  reconcile?: () => Promise<boolean>;
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Calls the public HTTP API as a patient harness would: bearer token, a request timeout of
 * 10 s, any live process of the service (a load balancer's choice), and retries with backoff on
 * 5xx, timeouts and refused connections until the scenario's give-up time. Each command is one
 * invoke and one ok/fail/unknown in the history.
 */
export class PatientClient {
  private turn = 0;
  /** No command gives up before this (set when the nemesis heals: heal + the stuck bound). */
  giveUpAt = Number.POSITIVE_INFINITY;
  healedAt = Number.POSITIVE_INFINITY;
  /** From when the system must settle within the stuck bound: healing, or the last rack's start if later. */
  settleFrom = Number.POSITIVE_INFINITY;

  constructor(
    private readonly system: FaultSystem,
    private readonly tokens: Map<string, string>,
    readonly history: History,
  ) {}

  token(user: string): string {
    return this.tokens.get(user) ?? '';
  }

  /** The same services and tokens through the generated clients, for the set-up before any fault (not in the history). */
  testApi(): TestApi {
    return new TestApi((service) => this.target(service), { token: async (user) => this.token(user) });
  }

  private target(service: ServiceName): string {
    const live = this.system.of(service).filter((instance) => instance.alive);
    const pool = live.length ? live : this.system.of(service);
    return pool[this.turn++ % pool.length].url;
  }

  /** One attempt; undefined when no answer came (refused, reset, timed out). */
  async attempt(
    user: string,
    service: ServiceName,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer | undefined> {
    const started = Date.now();
    try {
      const response = await fetch(`${this.target(service)}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.tokens.get(user)}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      let parsed: AnswerBody | undefined;
      try {
        parsed = text ? (JSON.parse(text) as AnswerBody) : undefined;
      } catch {
        // not JSON (e.g. a proxy's error page): only the status counts
      }
      return { status: response.status, body: parsed };
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') this.history.unanswered.push(started);
      return undefined;
    }
  }

  get(user: string, service: ServiceName, path: string): Promise<Answer | undefined> {
    return this.attempt(user, service, 'GET', path);
  }

  async command(spec: CommandSpec): Promise<{ ok: boolean; body?: AnswerBody }> {
    // Past the give-up time a patient client starts nothing new: no invoke without an attempt.
    if (Date.now() >= this.giveUpAt) return { ok: false };
    this.history.record({ type: 'invoke', f: spec.f, key: spec.key });
    const headers: Record<string, string> = spec.idempotencyKey ? { 'idempotency-key': spec.idempotencyKey } : {};
    let uncertain = false;
    let attempts = 0;
    let delay = 100;
    let last: Answer | undefined;
    while (Date.now() < this.giveUpAt) {
      attempts += 1;
      last = await this.attempt(spec.user, spec.service, spec.method, spec.path, spec.body, headers);
      if (last && last.status < 300) {
        this.history.record({ type: 'ok', f: spec.f, key: spec.key, attempts, status: last.status });
        return { ok: true, body: last.body };
      }
      if (!last || last.status >= 500) uncertain = true;
      else if (uncertain && (await spec.reconcile?.().catch(() => false))) {
        this.history.record({ type: 'ok', f: spec.f, key: spec.key, attempts, status: last.status, note: 'applied by an earlier attempt' });
        return { ok: true };
      } else if (!spec.notYet?.(last) && last.body?.code !== 'CONCURRENT_UPDATE') {
        this.history.record({ type: 'fail', f: spec.f, key: spec.key, attempts, status: last.status, note: String(last.body?.code ?? '') });
        return { ok: false };
      }
      await sleep(delay);
      delay = Math.min(delay * 1.5, 1_000);
    }
    const type = uncertain ? 'unknown' : 'fail';
    this.history.record({
      type,
      f: spec.f,
      key: spec.key,
      attempts,
      status: last?.status,
      note: `gave up; last answer ${last?.status ?? 'none'} ${last?.body?.code ?? ''}`,
    });
    return { ok: false };
  }
}
