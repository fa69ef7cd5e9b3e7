import { TestTokens } from '@rackeval/auth/testing';
import { OptionStateChanged } from '@rackeval/contracts';
import { deleteTestTopics, RunningService, sleep, waitFor } from '@rackeval/testing';
import request from 'supertest';
import { PurchaseOptionConfig } from '../src/config';
import { Api, countRows, evaluated, optionEvents, received, sendEvaluation, sendReceived, start } from './fixtures';

const DAY_MS = 86_400_000;
const terms = (overrides: object = {}) => ({
  unitPrice: '1250000.00',
  currency: 'USD',
  windowDays: 30,
  approvalThreshold: '2000000.00',
  ...overrides,
});

describe('purchase options from intake and results events', () => {
  let tokens: TestTokens;
  let sut: RunningService<PurchaseOptionConfig>;
  let api: Api;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    sut = await start(tokens, { LAPSE_SWEEP_INTERVAL_SECONDS: '3600' });
    api = new Api(sut.url, tokens);
    await api.registerGenerations('GT1', 'GT2', 'GT3', 'GT4', 'GT5', 'GNEW');
  });

  afterAll(async () => {
    await sut?.close();
    await deleteTestTopics();
    await tokens?.dispose();
  });

  describe('terms', () => {
    it('refuses terms for a generation intake never registered (422 naming it) and writes nothing', async () => {
      const refused = await (await api.as('fiona')).put('/v1/terms/GX9', terms()).expect(422);
      expect(refused.body).toMatchObject({
        code: 'UNKNOWN_GENERATION',
        details: [{ field: 'generation', message: 'unknown generation GX9' }],
      });
      expect(refused.body.message).toContain('GX9');
      await (await api.as('vic')).get('/v1/terms/GX9').expect(404);
    });

    it('proposes a version that takes effect only when another finance or admin user approves it', async () => {
      const [ada, fiona, farid] = [await api.as('ada'), await api.as('fiona'), await api.as('farid')];
      const first = await ada.put('/v1/terms/GT1', terms()).expect(201);
      expect(first.body).toMatchObject({
        generation: 'GT1',
        version: 1,
        status: 'PROPOSED',
        unitPrice: '1250000.00',
        currency: 'USD',
        windowDays: 30,
        approvalThreshold: '2000000.00',
        publishedBy: 'ada',
        review: null,
      });
      await ada
        .put('/v1/terms/GT1', terms({ unitPrice: '1250000' }))
        .expect(200)
        .expect(({ body }) => expect(body).toMatchObject({ version: 1, status: 'PROPOSED' }));
      await fiona
        .put('/v1/terms/GT1', terms({ unitPrice: '1.00' }))
        .expect(409)
        .expect(({ body }) => expect(body.code).toBe('TERMS_CONFLICT'));

      const own = await ada.post('/v1/terms/GT1/versions/1/approval', { approve: true, note: 'mine' }).expect(403);
      expect(own.body.code).toBe('FOUR_EYES_RULE');
      const approved = await fiona.post('/v1/terms/GT1/versions/1/approval', { approve: true, note: 'matches the contract' }).expect(200);
      expect(approved.body).toMatchObject({
        version: 1,
        status: 'ACTIVE',
        review: { approved: true, reviewedBy: 'fiona', note: 'matches the contract' },
      });
      await farid
        .post('/v1/terms/GT1/versions/1/approval', { approve: true, note: 'again' })
        .expect(409)
        .expect(({ body }) => expect(body.code).toBe('ILLEGAL_TRANSITION'));
      await ada
        .put('/v1/terms/GT1', terms())
        .expect(200)
        .expect(({ body }) => expect(body).toMatchObject({ version: 1, status: 'ACTIVE' }));

      await fiona
        .put('/v1/terms/GT1', terms({ unitPrice: '1300000.50' }))
        .expect(201)
        .expect(({ body }) => expect(body).toMatchObject({ version: 2, status: 'PROPOSED', publishedBy: 'fiona' }));
      await ada
        .get('/v1/terms/GT1')
        .expect(200)
        .expect(({ body }) => expect(body).toMatchObject({ version: 2, status: 'PROPOSED' }));
      await farid
        .post('/v1/terms/GT1/versions/2/approval', { approve: false, note: 'price not agreed' })
        .expect(200)
        .expect(({ body }) => expect(body.status).toBe('REJECTED'));
      await ada
        .get('/v1/terms/GT1?version=1')
        .expect(200)
        .expect(({ body }) => expect(body).toMatchObject({ status: 'ACTIVE', unitPrice: '1250000.00' }));
      await farid.post('/v1/terms/GT1/versions/2/approval', { approve: true, note: 'changed my mind' }).expect(409);

      await fiona
        .put('/v1/terms/GT1', terms({ windowDays: 45 }))
        .expect(201)
        .expect(({ body }) => expect(body.version).toBe(3));
      await ada.post('/v1/terms/GT1/versions/3/approval', { approve: true, note: 'ok' }).expect(200);
      await ada
        .get('/v1/terms/GT1?version=1')
        .expect(200)
        .expect(({ body }) => expect(body.status).toBe('SUPERSEDED'));
      await ada
        .get('/v1/terms/GT1?version=3')
        .expect(200)
        .expect(({ body }) => expect(body.status).toBe('ACTIVE'));

      await ada.post('/v1/terms/GT1/versions/9/approval', { approve: true, note: 'x' }).expect(404);
      await ada.post('/v1/terms/GT1/versions/0/approval', { approve: true, note: 'x' }).expect(400);
      await ada.post('/v1/terms/GT1/versions/1/approval', { approve: 'yes', note: '' }).expect(400);
    });

    it('compares people by issuer and subject, not by the username shown', async () => {
      const finance = async (sub: string, username: string) => {
        const token = await tokens.tokenWith({ username, roles: ['finance'], claims: { sub } });
        return {
          put: (path: string, body: object) => request(sut.url).put(path).set('authorization', `Bearer ${token}`).send(body),
          post: (path: string, body: object) => request(sut.url).post(path).set('authorization', `Bearer ${token}`).send(body),
        };
      };
      await (await finance('fiona', 'fiona')).put('/v1/terms/GT4', terms()).expect(201);
      // Same subject under another display name: still the proposer.
      await (await finance('fiona', 'not-fiona')).post('/v1/terms/GT4/versions/1/approval', { approve: true, note: 'x' }).expect(403);
      // Another subject that calls itself fiona: a different person.
      await (await finance('someone-else', 'fiona')).post('/v1/terms/GT4/versions/1/approval', { approve: true, note: 'x' }).expect(200);
    });

    it('keeps each option on the version it opened under: a new threshold does not lift four-eyes from older options', async () => {
      await api.activeTerms('GT5', terms({ approvalThreshold: '1000000.00' }));
      await sendReceived(received('RK-T5', 'GT5'));
      await sendEvaluation(evaluated('RK-T5', 'GT5'));
      await api.waitForOption('RK-T5', 'EXERCISABLE');

      const fiona = await api.as('fiona');
      await fiona.put('/v1/terms/GT5', terms({ approvalThreshold: '9000000.00' })).expect(201);
      await sendReceived(received('RK-T6', 'GT5'));
      expect((await api.waitForOption('RK-T6')).terms).toMatchObject({ version: 1, status: 'ACTIVE' });

      await (await api.as('farid')).post('/v1/terms/GT5/versions/2/approval', { approve: true, note: 'raised' }).expect(200);
      const exercised = await fiona.post('/v1/options/RK-T5/decision', { decision: 'EXERCISE', rationale: 'good rack' }).expect(200);
      expect(exercised.body).toMatchObject({
        state: 'PENDING_APPROVAL',
        terms: { version: 1, approvalThreshold: '1000000.00', status: 'SUPERSEDED' },
      });
      await sendReceived(received('RK-T7', 'GT5'));
      expect((await api.waitForOption('RK-T7')).terms).toMatchObject({ version: 2, status: 'ACTIVE' });
    });

    it('refuses malformed money, windows and currencies naming each field, writing nothing', async () => {
      const ada = await api.as('ada');
      const bad = await ada
        .put('/v1/terms/GT2', { unitPrice: 1250000.5, currency: 'usd', windowDays: -1, approvalThreshold: '1.234' })
        .expect(400);
      const fields = bad.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['unitPrice', 'currency', 'windowDays', 'approvalThreshold']));
      await ada.put('/v1/terms/GT2', terms({ windowDays: 1.5 })).expect(400);
      await ada.put('/v1/terms/GT2', terms({ unitPrice: '-5.00' })).expect(400);
      await ada.put('/v1/terms/GT2', { ...terms(), extra: true }).expect(400);
      await ada.put('/v1/terms/g2', terms()).expect(400);
      await ada
        .get('/v1/terms/GT2')
        .expect(404)
        .expect(({ body }) => expect(body.code).toBe('UNKNOWN_TERMS'));
      expect(await countRows(sut.config.DATABASE_SCHEMA, 'option_terms', 'generation = $1', ['GT2'])).toBe(0);
    });

    it('lets only admin and finance propose and review terms', async () => {
      for (const user of ['vic', 'ines', 'tariq']) await (await api.as(user)).put('/v1/terms/GT3', terms()).expect(403);
      expect(await countRows(sut.config.DATABASE_SCHEMA, 'option_terms', 'generation = $1', ['GT3'])).toBe(0);
      await (await api.as('fiona')).put('/v1/terms/GT3', terms()).expect(201);
      for (const user of ['vic', 'ines', 'tariq']) {
        await (await api.as(user)).post('/v1/terms/GT3/versions/1/approval', { approve: true, note: 'x' }).expect(403);
      }
      expect(await countRows(sut.config.DATABASE_SCHEMA, 'option_terms_review', 'generation = $1', ['GT3'])).toBe(0);
    });
  });

  it('opens an option on receipt and makes it exercisable on a passed evaluation, with the evidence beside the price', async () => {
    await api.activeTerms('GE', terms());
    await sendReceived(received('RK-E1', 'GE'));
    const opened = await api.waitForOption('RK-E1');
    expect(opened).toMatchObject({ state: 'PENDING_EVALUATION', terms: { version: 1 }, expiresAt: null, daysLeft: null });

    const verdictAt = new Date(Date.now() - 2 * DAY_MS);
    await sendEvaluation(evaluated('RK-E1', 'GE', { occurredAt: verdictAt.toISOString() }));
    const option = await api.waitForOption('RK-E1', 'EXERCISABLE');
    expect(option.verdictAt).toBe(verdictAt.toISOString());
    expect(option.expiresAt).toBe(new Date(verdictAt.getTime() + 30 * DAY_MS).toISOString());
    expect(option.daysLeft).toBe(28);
    expect(option.evidence).toEqual({
      evaluation: {
        outcome: 'PASSED',
        criteriaMet: 12,
        criteriaTotal: 12,
        performance: {
          metric: 'training_throughput',
          unit: 'tokens/s',
          measured: '3200',
          target: '3000',
          meetsTarget: true,
          suite: null,
          note: null,
        },
        power: { metric: 'rack_power', unit: 'kW', measured: '118.4', target: '120', meetsTarget: true, suite: null, note: null },
        performancePerWatt: {
          metric: 'throughput_per_watt',
          unit: 'tokens/s/W',
          measured: '0.027',
          target: '0.025',
          meetsTarget: true,
          suite: null,
          note: null,
        },
        performanceRunPower: null,
        failedSuites: [],
        concludedAt: verdictAt.toISOString(),
      },
      domesticContent: { pct: '62.50', targetPct: '60.00', met: true },
      pricePerPerformanceUnit: '390.625000',
      pricePerPerformanceUnitOf: 'USD per tokens/s',
      waiver: null,
      intakeRejection: null,
      // No cost targets for GE: no verdict; the power of the performance run was not reported, so no TCO.
      value: expect.objectContaining({
        status: 'NO_TARGETS',
        costVerdict: null,
        price: expect.objectContaining({ value: '1250000.00' }),
        power: expect.objectContaining({
          value: null,
          missing: 'the evaluation does not say what power was measured in its performance run',
        }),
        margin: expect.objectContaining({ value: '410000.00' }),
      }),
    });
    expect(option.history.map((h: { action: string }) => h.action)).toEqual(['OPENED', 'EVALUATION_PASSED']);

    const events = await waitFor('the state change event', async () => {
      const found = await optionEvents('RK-E1');
      return found.length ? found : undefined;
    });
    expect(events).toEqual([
      {
        type: OptionStateChanged.type,
        data: expect.objectContaining({
          from: 'PENDING_EVALUATION',
          to: 'EXERCISABLE',
          termsVersion: 1,
          unitPrice: '1250000.00',
          currency: 'USD',
          expiresAt: option.expiresAt,
        }),
      },
    ]);
  });

  it('keeps an evaluation that arrives before the rack and applies it when the option opens', async () => {
    await api.activeTerms('GO', terms());
    await sendEvaluation(
      evaluated('RK-O1', 'GO'),
      evaluated('RK-O2', 'GO', { outcome: 'FAILED', criteriaMet: 9, failedSuites: ['thermal-soak'] }),
    );
    await waitFor(
      'both evaluations stored',
      async () => (await countRows(sut.config.DATABASE_SCHEMA, 'rack_evaluation', `rack_serial LIKE 'RK-O%'`)) === 2,
    );
    expect(await countRows(sut.config.DATABASE_SCHEMA, 'purchase_option', `rack_serial LIKE 'RK-O%'`)).toBe(0);

    await sendReceived(received('RK-O1', 'GO'), received('RK-O2', 'GO', { domesticContentPct: '55.00' }));
    const passed = await api.waitForOption('RK-O1', 'EXERCISABLE');
    const failed = await api.waitForOption('RK-O2', 'NOT_EXERCISABLE');
    expect(passed.expiresAt).not.toBeNull();
    expect(failed.evidence.evaluation).toMatchObject({ outcome: 'FAILED', criteriaMet: 9, failedSuites: ['thermal-soak'] });
    expect(failed.evidence.domesticContent).toEqual({ pct: '55.00', targetPct: '60.00', met: false });
    expect(failed.history.map((h: { action: string; toState: string }) => [h.action, h.toState])).toEqual([
      ['OPENED', 'PENDING_EVALUATION'],
      ['EVALUATION_FAILED', 'NOT_EXERCISABLE'],
    ]);
  });

  it('applies duplicate and repeated events once', async () => {
    await api.activeTerms('GD', terms());
    const receipt = received('RK-D1', 'GD');
    const evaluation = evaluated('RK-D1', 'GD');
    await sendReceived(receipt, receipt, received('RK-D1', 'GD', { site: 'ELSEWHERE' }));
    await sendEvaluation(evaluation, evaluation, evaluated('RK-D1', 'GD', { outcome: 'FAILED' }));
    await sendReceived(received('RK-D-MARK', 'GD'));
    await sendEvaluation(evaluated('RK-D-MARK', 'GD'));
    // Same partitions, in order: once the later racks are applied, every duplicate has been seen.
    await api.waitForOption('RK-D-MARK', 'EXERCISABLE');
    await sleep(500);

    const option = await api.waitForOption('RK-D1', 'EXERCISABLE');
    expect(option.site).toBe('AUS-1');
    expect(option.evidence.evaluation.outcome).toBe('PASSED');
    expect(option.history).toHaveLength(2);
    expect(option.version).toBe(2);
    expect(await optionEvents('RK-D1')).toHaveLength(1);
  });

  it('opens without terms, waits for the first version, and keeps the version it took', async () => {
    const verdictAt = new Date(Date.now() - DAY_MS);
    await sendReceived(received('RK-N1', 'GNEW'));
    await sendEvaluation(evaluated('RK-N1', 'GNEW', { occurredAt: verdictAt.toISOString() }));
    await waitFor(
      'the evaluation stored',
      async () => (await countRows(sut.config.DATABASE_SCHEMA, 'rack_evaluation', `rack_serial = 'RK-N1'`)) === 1,
    );
    const waiting = await api.waitForOption('RK-N1');
    expect(waiting).toMatchObject({ state: 'PENDING_EVALUATION', terms: null, expiresAt: null });
    expect(waiting.evidence.evaluation.outcome).toBe('PASSED');
    expect(waiting.evidence.pricePerPerformanceUnit).toBeNull();

    const fiona = await api.as('fiona');
    await fiona.put('/v1/terms/GNEW', terms({ windowDays: 10 })).expect(201);
    expect(await api.option('RK-N1')).toMatchObject({ state: 'PENDING_EVALUATION', terms: null });
    await (await api.as('ada')).post('/v1/terms/GNEW/versions/1/approval', { approve: true, note: 'first terms' }).expect(200);
    const attached = await api.option('RK-N1');
    expect(attached).toMatchObject({ state: 'EXERCISABLE', terms: { version: 1 } });
    expect(attached.expiresAt).toBe(new Date(verdictAt.getTime() + 10 * DAY_MS).toISOString());

    await api.activeTerms('GNEW', terms({ windowDays: 10, unitPrice: '999.99' }));
    await sendReceived(received('RK-N2', 'GNEW'));
    expect((await api.waitForOption('RK-N2')).terms).toMatchObject({ version: 2, unitPrice: '999.99' });
    expect((await api.option('RK-N1')).terms).toMatchObject({ version: 1, unitPrice: '1250000.00' });
  });

  describe('listing', () => {
    beforeAll(async () => {
      await api.activeTerms('GL', terms({ windowDays: 10 }));
      await sendReceived(received('RK-L1', 'GL'), received('RK-L2', 'GL'), received('RK-L3', 'GL'));
      await sendEvaluation(
        evaluated('RK-L1', 'GL', { occurredAt: new Date(Date.now() - DAY_MS).toISOString() }),
        evaluated('RK-L2', 'GL', { occurredAt: new Date(Date.now() - 5 * DAY_MS).toISOString(), outcome: 'FAILED' }),
      );
      await api.waitForOption('RK-L1', 'EXERCISABLE');
      await api.waitForOption('RK-L2', 'NOT_EXERCISABLE');
      await api.waitForOption('RK-L3');
    });

    it('sorts by expiry, soonest first, options without expiry last, page by page', async () => {
      const fiona = await api.as('fiona');
      const all = await fiona.get('/v1/options?generation=GL').expect(200);
      expect(all.body.items.map((o: { rackSerial: string }) => o.rackSerial)).toEqual(['RK-L2', 'RK-L1', 'RK-L3']);
      expect(all.body.nextCursor).toBeNull();

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ rackSerial: string }>; nextCursor: string | null } } = await fiona
          .get(`/v1/options?generation=GL&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        expect(page.body.items).toHaveLength(1);
        seen.push(page.body.items[0].rackSerial);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['RK-L2', 'RK-L1', 'RK-L3']);
    });

    it('filters by state, generation and days to expiry', async () => {
      const vic = await api.as('vic');
      const serials = async (query: string) =>
        (await vic.get(`/v1/options?${query}`).expect(200)).body.items.map((o: { rackSerial: string }) => o.rackSerial);
      expect(await serials('generation=GL&state=EXERCISABLE')).toEqual(['RK-L1']);
      expect(await serials('generation=GL&expiringWithinDays=6')).toEqual(['RK-L2']);
      expect(await serials('generation=GL&expiringWithinDays=9')).toEqual(['RK-L2', 'RK-L1']);
      expect(await serials('generation=NOPE')).toEqual([]);
    });

    it('refuses bad filters and callers without a reading role', async () => {
      const vic = await api.as('vic');
      await vic.get('/v1/options?state=OPEN').expect(400);
      await vic.get('/v1/options?expiringWithinDays=-1').expect(400);
      await vic.get('/v1/options?cursor=not-a-cursor').expect(400);
      await vic
        .get('/v1/options/RK-UNKNOWN')
        .expect(404)
        .expect(({ body }) => expect(body.code).toBe('UNKNOWN_OPTION'));
      await (await api.as('ines')).get('/v1/options').expect(403);
      await (await api.as('tariq')).get('/v1/options/RK-L1').expect(403);
    });
  });

  describe('waiting for an option to change (Prefer: wait with If-None-Match)', () => {
    it("answers a held read when the option opens and when results' verdict changes it, and 304 when nothing changed within the wait", async () => {
      await api.activeTerms('GLP', terms());
      const vic = await api.as('vic');
      const read = () => vic.get('/v1/options/RK-LP-1');

      const opening = read()
        .set('prefer', 'wait=20')
        .then((response) => response);
      await sendReceived(received('RK-LP-1', 'GLP'));
      const opened = await opening; // held while the option did not exist, answered once intake's receipt opened it
      expect(opened.status).toBe(200);
      expect(opened.body).toMatchObject({ rackSerial: 'RK-LP-1', state: 'PENDING_EVALUATION' });
      const seen = opened.headers.etag;
      expect(seen).toMatch(/^W\/"/);

      const held = read()
        .set('prefer', 'wait=20')
        .set('if-none-match', seen)
        .then((response) => response);
      await sendEvaluation(evaluated('RK-LP-1', 'GLP'));
      const changed = await held;
      expect(changed.status).toBe(200);
      expect(changed.headers['preference-applied']).toBe('wait=20');
      expect(changed.body).toMatchObject({ rackSerial: 'RK-LP-1', state: 'EXERCISABLE' });
      expect(changed.headers.etag).not.toBe(seen);

      const unchanged = await read().set('prefer', 'wait=1').set('if-none-match', changed.headers.etag);
      expect(unchanged.status).toBe(304);
      expect(unchanged.headers.etag).toBe(changed.headers.etag);
    });
  });
});
