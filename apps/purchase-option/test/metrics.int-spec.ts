import { TestTokens } from '@rackeval/auth/testing';
import { deleteTestTopics, RunningService, waitFor } from '@rackeval/testing';
import request from 'supertest';
import { PurchaseOptionConfig } from '../src/config';
import { Api, evaluated, received, sendEvaluation, sendReceived, start } from './fixtures';

/** One sample of the service's /metrics whose labels include `labels`; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const [, body, value] of text.matchAll(new RegExp(`^${name}\\{(.*)\\} (\\S+)$`, 'gm'))) {
    if (Object.entries(labels).every(([key, wanted]) => body.includes(`${key}="${wanted}"`))) return Number(value);
  }
  return undefined;
}

describe('purchase-option metrics: options expiring undecided, decisions by outcome', () => {
  let tokens: TestTokens;
  let sut: RunningService<PurchaseOptionConfig>;
  let api: Api;
  const scrape = async () => (await request(sut.url).get('/metrics').expect(200)).text;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    sut = await start(tokens, { LAPSE_SWEEP_INTERVAL_SECONDS: '3600' });
    api = new Api(sut.url, tokens);
    // MX: a two-day window, so its options expire within three days; MY: thirty days.
    await api.activeTerms('MX', { unitPrice: '900000.00', currency: 'USD', windowDays: 2, approvalThreshold: '1000000.00' });
    await api.activeTerms('MY', { unitPrice: '900000.00', currency: 'USD', windowDays: 30, approvalThreshold: '1000000.00' });
  });

  afterAll(async () => {
    await sut?.close();
    await deleteTestTopics();
    await tokens?.dispose();
  });

  it('counts open options whose window closes within 3 days by generation, until finance decides', async () => {
    await sendReceived(received('RK-MX-1', 'MX'), received('RK-MX-2', 'MX'), received('RK-MY-1', 'MY'));
    await sendEvaluation(evaluated('RK-MX-1', 'MX'), evaluated('RK-MX-2', 'MX', { outcome: 'FAILED' }), evaluated('RK-MY-1', 'MY'));
    await api.waitForOption('RK-MX-1', 'EXERCISABLE');
    await api.waitForOption('RK-MX-2', 'NOT_EXERCISABLE');
    await api.waitForOption('RK-MY-1', 'EXERCISABLE');

    const before = await scrape();
    expect(sample(before, 'rackeval_options_expiring_undecided', { generation: 'MX', state: 'EXERCISABLE' })).toBe(1);
    expect(sample(before, 'rackeval_options_expiring_undecided', { generation: 'MX', state: 'NOT_EXERCISABLE' })).toBe(1);
    expect(sample(before, 'rackeval_options_expiring_undecided', { generation: 'MY' })).toBeUndefined();

    const fiona = await api.as('fiona');
    await fiona.post('/v1/options/RK-MX-1/decision', { decision: 'EXERCISE', rationale: 'meets every target' }).expect(200);
    await fiona.post('/v1/options/RK-MX-2/decision', { decision: 'DECLINE', rationale: 'failed its evaluation' }).expect(200);

    const after = await waitFor('the expiring gauge to drop the decided options', async () => {
      const text = await scrape();
      return sample(text, 'rackeval_options_expiring_undecided', { generation: 'MX' }) === undefined ? text : undefined;
    });
    expect(sample(after, 'rackeval_option_decisions_total', { outcome: 'exercised' })).toBe(1);
    expect(sample(after, 'rackeval_option_decisions_total', { outcome: 'declined' })).toBe(1);
  });

  it('does not count a decision replayed under the same idempotency key', async () => {
    await sendReceived(received('RK-MY-2', 'MY'));
    await sendEvaluation(evaluated('RK-MY-2', 'MY'));
    await api.waitForOption('RK-MY-2', 'EXERCISABLE');
    const fiona = await api.as('fiona');
    for (let attempt = 0; attempt < 2; attempt++) {
      await fiona
        .post('/v1/options/RK-MY-2/decision', { decision: 'EXERCISE', rationale: 'meets every target' })
        .set('idempotency-key', 'metrics-replay-1')
        .expect(200);
    }
    expect(sample(await scrape(), 'rackeval_option_decisions_total', { outcome: 'exercised' })).toBe(2);
  });
});
