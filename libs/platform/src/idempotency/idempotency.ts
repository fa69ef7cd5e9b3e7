import { createHash } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';
import type { Transaction } from '@rackeval/messaging';
import { DomainError, ErrorKind } from '../http/domain-error';
import { currentIdempotentExchange, IdempotentExchange } from './idempotent-exchange';

/** The request a retried POST must match to be answered from the first response. */
export interface IdempotentRequest {
  /** The `Idempotency-Key` header. */
  key: string;
  /** What the key is scoped to, e.g. `POST /v1/runs/<id>/measurements` and the caller. */
  scope: string;
  /** The request body (or anything that must be identical on a retry). */
  body: unknown;
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor(key: string) {
    super(ErrorKind.DomainRule, 'IDEMPOTENCY_KEY_REUSED', `Idempotency-Key ${key} was already used for a different request`, [
      { field: 'Idempotency-Key', message: 'already used with a different body' },
    ]);
  }
}

export const IDEMPOTENCY_KEY_PATTERN = /^[\w.:-]{8,128}$/;

export class InvalidIdempotencyKeyError extends DomainError {
  constructor() {
    super(ErrorKind.BadInput, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 8-128 letters, digits, or . _ : -', [
      { field: 'Idempotency-Key', message: 'must be 8-128 letters, digits, or . _ : -' },
    ]);
  }
}

/** An answer whose status (or headers, e.g. Location) is not the route's usual one; see `answer()`. */
export class HttpAnswer<R> {
  constructor(
    readonly body: R,
    readonly status?: number,
    readonly headers: Record<string, string> = {},
  ) {}
}

/**
 * Lets the work behind a route choose its status and headers, e.g. 202 for a batch taken but not
 * yet judged, with a Location. `onceForKey` stores them, so a retry gets the same answer.
 */
export function answer<R>(body: R, options: { status?: number; headers?: Record<string, string> }): HttpAnswer<R> {
  return new HttpAnswer(body, options.status, options.headers);
}

interface StoredRequest {
  request_hash: string;
  response: unknown;
  response_status: number | null;
  response_headers: Record<string, string> | null;
}

/**
 * Makes a retried request a no-op, inside the same transaction as the work it guards: the key is
 * claimed first (a concurrent retry waits on the unique index until the first commits), the work
 * runs, and its answer (status, headers, body) is stored. A retry with the same key and body gets
 * the stored answer, marked `Idempotent-Replayed: true`; the same key with another body is refused.
 */
export async function onceForKey<R>(
  tx: Transaction,
  request: IdempotentRequest | undefined,
  work: () => Promise<R | HttpAnswer<R>>,
): Promise<R> {
  const exchange = currentIdempotentExchange();
  if (!request) return sent(exchange, await work());
  if (!IDEMPOTENCY_KEY_PATTERN.test(request.key)) throw new InvalidIdempotencyKeyError();
  const hash = createHash('sha256')
    .update(canonicalJson(request.body ?? null))
    .digest('hex');
  const claimed: unknown[] = await tx.manager.query(
    `INSERT INTO idempotent_request (scope, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
    [request.scope, request.key, hash],
  );
  if (!claimed.length) {
    const [previous] = (await tx.manager.query(
      `SELECT request_hash, response, response_status, response_headers FROM idempotent_request WHERE scope = $1 AND key = $2`,
      [request.scope, request.key],
    )) as StoredRequest[];
    if (previous.request_hash !== hash) throw new IdempotencyKeyReusedError(request.key);
    // A key stored before statuses were kept answers with the route's status, as it did then.
    if (exchange) {
      const status = previous.response_status ?? exchange.routeStatus;
      exchange.answer = { status, headers: previous.response_headers ?? {}, replayed: true };
    }
    return previous.response as R;
  }
  const result = await work();
  const body = sent(exchange, result);
  const status = exchange?.answer?.status ?? exchange?.routeStatus ?? null;
  await tx.manager.query(
    `UPDATE idempotent_request SET response = $3, response_status = $4, response_headers = $5 WHERE scope = $1 AND key = $2`,
    [request.scope, request.key, JSON.stringify(body ?? null), status, JSON.stringify(exchange?.answer?.headers ?? {})],
  );
  return body;
}

/**
 * `onceForKey` for the current request of an `@Idempotent()` route: key, scope and body come from the
 * request (see `idempotentRequestOf`). ServiceModule hands it to `UnitOfWork.runOnce`. Outside HTTP
 * (a consumer) the work just runs.
 */
export function onceForCurrentRequest<R>(tx: Transaction, work: () => Promise<R | HttpAnswer<R>>): Promise<R> {
  const exchange = currentIdempotentExchange();
  if (exchange && exchange.retry === undefined) {
    throw new Error('UnitOfWork.runOnce serves a route without @Idempotent(): declare it on the route');
  }
  return onceForKey(tx, exchange?.retry ?? undefined, work);
}

/** Unwraps an `HttpAnswer`, handing its status and headers to the request's exchange. */
function sent<R>(exchange: IdempotentExchange | undefined, result: R | HttpAnswer<R>): R {
  if (!(result instanceof HttpAnswer)) return result;
  if (exchange) exchange.answer = { status: result.status ?? exchange.routeStatus, headers: result.headers, replayed: false };
  return result.body;
}

/**
 * JSON with object keys sorted at every level, so a client that sends the same body with its keys
 * in another order is recognised as the same request. Array order is meaningful and kept.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

export class IdempotentRequests1764115200000 implements MigrationInterface {
  name = 'IdempotentRequests1764115200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotent_request (
        scope        text NOT NULL,
        key          text NOT NULL,
        request_hash text NOT NULL,
        response     jsonb,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotent_request`);
  }
}

/** Keeps the status and headers of the first answer, so a replay answers exactly as the first request did. */
export class IdempotentResponseStatus1764790000000 implements MigrationInterface {
  name = 'IdempotentResponseStatus1764790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE idempotent_request ADD COLUMN response_status smallint, ADD COLUMN response_headers jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE idempotent_request DROP COLUMN response_status, DROP COLUMN response_headers`);
  }
}
