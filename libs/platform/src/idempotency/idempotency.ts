import { createHash } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';
import type { Transaction } from '@rackeval/messaging';
import { DomainError, ErrorKind } from '../http/domain-error';

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

/**
 * Makes a retried request a no-op, inside the same transaction as the work it guards: the key is
 * claimed first (a concurrent retry waits on the unique index until the first commits), the work
 * runs, and its response is stored. A retry with the same key and body gets the stored response;
 * the same key with another body is refused.
 */
export async function onceForKey<R>(tx: Transaction, request: IdempotentRequest | undefined, work: () => Promise<R>): Promise<R> {
  if (!request) return work();
  if (!IDEMPOTENCY_KEY_PATTERN.test(request.key)) throw new InvalidIdempotencyKeyError();
  const hash = createHash('sha256').update(canonicalJson(request.body ?? null)).digest('hex');
  const claimed: unknown[] = await tx.manager.query(
    `INSERT INTO idempotent_request (scope, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
    [request.scope, request.key, hash],
  );
  if (!claimed.length) {
    const [previous] = await tx.manager.query(`SELECT request_hash, response FROM idempotent_request WHERE scope = $1 AND key = $2`, [
      request.scope,
      request.key,
    ]);
    if (previous.request_hash !== hash) throw new IdempotencyKeyReusedError(request.key);
    return previous.response as R;
  }
  const response = await work();
  await tx.manager.query(`UPDATE idempotent_request SET response = $3 WHERE scope = $1 AND key = $2`, [
    request.scope,
    request.key,
    JSON.stringify(response ?? null),
  ]);
  return response;
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
