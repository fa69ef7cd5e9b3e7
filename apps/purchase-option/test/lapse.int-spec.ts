import { TestTokens } from '@rackeval/auth/testing';
import { OptionLapsed, OptionStateChanged } from '@rackeval/contracts';
import { deleteTestTopics, RunningService, waitFor, withDatabase } from '@rackeval/testing';
import { PurchaseOptionConfig } from '../src/config';
import { LapseSweepService } from '../src/lapse/lapse-sweep.service';
import { Api, countRows, evaluated, optionEvents, received, sendEvaluation, sendReceived, start } from './fixtures';
import { twoInstances } from './support/two-instances';

const DAY_MS = 86_400_000;

describe('lapse at expiry with two instances of the service on one schema', () => {
  let tokens: TestTokens;
  let first: RunningService<PurchaseOptionConfig>;
  let second: RunningService<PurchaseOptionConfig>;
  let api: Api;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    [first, second] = await twoInstances(tokens, { LAPSE_SWEEP_INTERVAL_SECONDS: '1', LAPSE_SWEEP_BATCH_SIZE: '3' });
    api = new Api(first.url, tokens);
  });

  afterAll(async () => {
    await second?.stop();
    await first?.close();
    await deleteTestTopics();
    await tokens?.dispose();
  });

  it('lapses every expired option exactly once, with one OptionLapsed each, whichever instance sweeps', async () => {
    await api.activeTerms('GZ', { unitPrice: '1000.00', currency: 'USD', windowDays: 0, approvalThreshold: '5000.00' });
    const serials = Array.from({ length: 12 }, (_, i) => `RK-Z${String(i + 1).padStart(2, '0')}`);
    await sendReceived(...serials.map((serial) => received(serial, 'GZ')));
    await sendEvaluation(...serials.map((serial, i) => evaluated(serial, 'GZ', { outcome: i % 3 ? 'PASSED' : 'FAILED' })));

    // Besides both timers, both instances sweep concurrently and continuously until everything lapsed.
    const sweepers = [first, second].map((instance) => instance.app.get(LapseSweepService));
    let done = false;
    const hammer = (async () => {
      const lapsed: string[] = [];
      while (!done) {
        const batches = await Promise.all(sweepers.flatMap((sweeper) => [sweeper.sweepOnce(3), sweeper.sweepOnce(3)]));
        lapsed.push(...batches.flat());
      }
      return lapsed;
    })();

    const viewer = await api.as('vic');
    try {
      await waitFor(
        'every option lapsed',
        async () => (await viewer.get('/v1/options?generation=GZ&state=LAPSED&limit=100')).body.items.length === serials.length,
        { timeoutMs: 30_000 },
      );
    } finally {
      done = true;
    }
    const byHammer = await hammer;
    expect(new Set(byHammer).size).toBe(byHammer.length);

    const schema = first.config.DATABASE_SCHEMA;
    for (const serial of serials) {
      const option = await api.option(serial);
      expect(option).toMatchObject({ state: 'LAPSED', outcome: { decidedBy: 'system:lapse-sweep' } });
      expect(option.history.filter((h: { action: string }) => h.action === 'LAPSED')).toHaveLength(1);
      expect(await countRows(schema, 'option_audit', `rack_serial = $1 AND action = 'LAPSED'`, [serial])).toBe(1);
    }
    const events = await waitFor('one OptionLapsed per rack', async () => {
      const all = await Promise.all(serials.map((serial) => optionEvents(serial)));
      return all.every((list) => list.some((e) => e.type === OptionLapsed.type)) ? all : undefined;
    });
    for (const list of events) {
      expect(list.filter((e) => e.type === OptionLapsed.type)).toHaveLength(1);
      expect(list.filter((e) => e.type === OptionStateChanged.type && e.data.to === 'LAPSED')).toHaveLength(1);
    }
    // Both instances consumed every event (different groups); the shared inbox applied each once.
    expect(await countRows(schema, 'purchase_option', `generation = 'GZ'`)).toBe(serials.length);
    expect(await countRows(schema, 'option_audit', `action = 'OPENED' AND rack_serial LIKE 'RK-Z%'`)).toBe(serials.length);
  });

  it('lapses an option pending approval when its window closes, and leaves open windows alone', async () => {
    await api.activeTerms('GP', { unitPrice: '9000.00', currency: 'USD', windowDays: 1, approvalThreshold: '5000.00' });
    // A verdict almost a day old: the one-day window closes a few seconds from now.
    const closesInMs = 12_000;
    await sendReceived(received('RK-P1', 'GP'), received('RK-P2', 'GP'));
    await sendEvaluation(
      evaluated('RK-P1', 'GP', { occurredAt: new Date(Date.now() - DAY_MS + closesInMs).toISOString() }),
      evaluated('RK-P2', 'GP'),
    );
    await api.waitForOption('RK-P1', 'EXERCISABLE');
    await (await api.as('fiona')).post('/v1/options/RK-P1/decision', { decision: 'EXERCISE', rationale: 'above threshold' }).expect(200);
    expect((await api.option('RK-P1')).state).toBe('PENDING_APPROVAL');

    const lapsed = await api.waitForOption('RK-P1', 'LAPSED');
    expect(lapsed.pendingRequest).toBeNull();
    expect(lapsed.history.at(-1)).toMatchObject({ action: 'LAPSED', fromState: 'PENDING_APPROVAL', actor: 'system:lapse-sweep' });
    await (await api.as('farid')).post('/v1/options/RK-P1/approval', { approve: true, note: 'too late' }).expect(409);
    expect((await api.option('RK-P2')).state).toBe('EXERCISABLE');
  });
});

describe('lapse of an option that cannot end', () => {
  let tokens: TestTokens;
  let service: RunningService<PurchaseOptionConfig>;
  let api: Api;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    // No timer-driven sweep during the test: it calls the sweep itself.
    service = await start(tokens, { LAPSE_SWEEP_INTERVAL_SECONDS: '3600', LAPSE_SWEEP_BATCH_SIZE: '2' });
    api = new Api(service.url, tokens);
  });
  afterAll(async () => {
    await service?.close();
    await deleteTestTopics();
    await tokens?.dispose();
  });

  it('is skipped and counted while every other expired option still lapses', async () => {
    await api.activeTerms('GF', { unitPrice: '1000.00', currency: 'USD', windowDays: 0, approvalThreshold: '5000.00' });
    const serials = ['RK-F1', 'RK-F2', 'RK-F3', 'RK-F4', 'RK-F5'];
    await sendReceived(...serials.map((serial) => received(serial, 'GF')));
    await sendEvaluation(...serials.map((serial) => evaluated(serial, 'GF')));
    for (const serial of serials) await api.waitForOption(serial, 'EXERCISABLE');
    // Damaged data: the first option to expire no longer names the terms it opened under.
    const schema = service.config.DATABASE_SCHEMA;
    await withDatabase((db) => db.query(`UPDATE "${schema}".purchase_option SET terms_version = NULL WHERE rack_serial = 'RK-F1'`));

    const lapsed = await service.app.get(LapseSweepService).sweep(2);

    expect(lapsed).toBe(4);
    expect((await api.option('RK-F1')).state).toBe('EXERCISABLE');
    for (const serial of serials.slice(1)) expect((await api.option(serial)).state).toBe('LAPSED');
    const metrics = await (await api.as('ada')).get('/metrics');
    expect(metrics.text).toMatch(/^rackeval_lapse_failures_total 1$/m);
  });
});
