/**
 * Idempotency-Key against the real database: a replay answers with the first answer's status,
 * headers and body (marked Idempotent-Replayed), another body under the same key is refused, and
 * concurrent requests with one key apply once.
 */
import { TestTokens } from '@rackeval/auth/testing';
import { deleteTestTopics, RunningService, startTestService, withDatabase } from '@rackeval/testing';
import request from 'supertest';
import { LedgerConfig } from './fixtures/ledger.fixture';
import { receiptRecipe } from './fixtures/receipt.fixture';

describe('Idempotency-Key replays', () => {
  let tokens: TestTokens;
  let token: string;
  let service: RunningService<LedgerConfig>;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    token = await tokens.token('ines');
    service = await startTestService(receiptRecipe, { publicKeyFile: tokens.publicKeyFile });
  });
  afterAll(async () => {
    await service?.close();
    await deleteTestTopics();
    await tokens?.dispose();
  });

  const take = (body: object, key?: string) => {
    const call = request(service.url).post('/receipts').set('authorization', `Bearer ${token}`);
    return (key ? call.set('idempotency-key', key) : call).send(body);
  };
  const applied = (serial: string) =>
    withDatabase(async (db) => {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM "${service.config.DATABASE_SCHEMA}".ledger_entry WHERE rack_serial = $1`,
        [serial],
      );
      return rows[0].n as number;
    });

  it('answers a retry with the first status, Location and body, marked as replayed', async () => {
    const first = await take({ serial: 'Q-1', queued: true }, 'replay-key-202').expect(202);
    expect(first.headers.location).toBe(`/receipts/${first.body.receiptId}`);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const again = await take({ queued: true, serial: 'Q-1' }, 'replay-key-202').expect(202);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['idempotent-replayed']).toBe('true');

    const created = await take({ serial: 'C-1' }, 'replay-key-201').expect(201);
    const createdAgain = await take({ serial: 'C-1' }, 'replay-key-201').expect(201);
    expect(createdAgain.body).toEqual(created.body);
    expect(createdAgain.headers['idempotent-replayed']).toBe('true');
    expect(createdAgain.headers.location).toBeUndefined();
    expect([await applied('Q-1'), await applied('C-1')]).toEqual([1, 1]);
  });

  it('refuses the same key with another body (422 naming the rule) and applies nothing', async () => {
    await take({ serial: 'R-1' }, 'reused-key-01').expect(201);
    const reused = await take({ serial: 'R-2' }, 'reused-key-01').expect(422);
    expect(reused.body).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      message: expect.stringContaining('reused-key-01'),
      details: [{ field: 'Idempotency-Key', message: 'already used with a different body' }],
    });
    expect(await applied('R-2')).toBe(0);
  });

  it('applies concurrent requests with one key once, and answers each of them alike', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => take({ serial: 'P-1', queued: true }, 'parallel-key-01')));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => a.body.receiptId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.headers.location)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(5);
    expect(await applied('P-1')).toBe(1);
  });

  it('without a key, each request applies and answers with the status the work chose', async () => {
    await take({ serial: 'N-1', queued: true }).expect(202);
    await take({ serial: 'N-1', queued: true }).expect(202);
    expect(await applied('N-1')).toBe(2);
  });
});
