import { TestTokens } from '@rackeval/auth/testing';
import { deleteTestTopics, RunningService } from '@rackeval/testing';
import request from 'supertest';
import { PurchaseOptionConfig } from '../src/config';
import { Api, countRows, start } from './fixtures';

const terms = { unitPrice: '1250000.00', currency: 'USD', windowDays: 30, approvalThreshold: '2000000.00' };

describe('a retried terms approval (Idempotency-Key)', () => {
  let tokens: TestTokens;
  let sut: RunningService<PurchaseOptionConfig>;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    sut = await start(tokens, { LAPSE_SWEEP_INTERVAL_SECONDS: '3600' });
    await new Api(sut.url, tokens).registerGenerations('GR1');
  });
  afterAll(async () => {
    await sut?.close();
    await deleteTestTopics();
    await tokens?.dispose();
  });

  const as = async (username: string) => {
    const token = await tokens.token(username);
    return (path: string, body: object, key?: string) => {
      const call = request(sut.url).post(path).set('authorization', `Bearer ${token}`);
      return (key ? call.set('idempotency-key', key) : call).send(body);
    };
  };

  it('answers the retry with the first approval (200, replayed) instead of 409, and records one review', async () => {
    const proposerToken = await tokens.token('ada');
    await request(sut.url).put('/v1/terms/GR1').set('authorization', `Bearer ${proposerToken}`).send(terms).expect(201);
    const fiona = await as('fiona');
    const approval = { approve: true, note: 'matches the contract' };

    const first = await fiona('/v1/terms/GR1/versions/1/approval', approval, 'approve-GR1-v1').expect(200);
    expect(first.body).toMatchObject({ version: 1, status: 'ACTIVE', review: { approved: true, reviewedBy: 'fiona' } });
    const retried = await fiona(
      '/v1/terms/GR1/versions/1/approval',
      { note: 'matches the contract', approve: true },
      'approve-GR1-v1',
    ).expect(200);
    expect(retried.body).toEqual(first.body);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(await countRows(sut.config.DATABASE_SCHEMA, 'option_terms_review', 'generation = $1', ['GR1'])).toBe(1);

    // Without the key a second approval is still an illegal transition; with the key and another body, the key's rule.
    await fiona('/v1/terms/GR1/versions/1/approval', approval)
      .expect(409)
      .expect(({ body }) => expect(body.code).toBe('ILLEGAL_TRANSITION'));
    const reused = await fiona('/v1/terms/GR1/versions/1/approval', { approve: false, note: 'changed my mind' }, 'approve-GR1-v1').expect(
      422,
    );
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});
