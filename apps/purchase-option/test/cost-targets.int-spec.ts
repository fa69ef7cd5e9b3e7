import { Api, countRows, evaluated, received, sendEvaluation, sendReceived, startedService } from './fixtures';

const TARGETS = {
  currency: 'USD',
  performanceUnit: 'tokens/s',
  maxUnitPrice: '1000000.00',
  maxPricePerPerformanceUnit: '300',
  energyPricePerKwh: '0.085',
  pue: '1.25',
  horizonYears: '5',
  maxTcoPerPerformanceUnit: '450',
  note: 'business case 2026-Q4',
};
const TERMS = { unitPrice: '900000.00', currency: 'USD', windowDays: 30, approvalThreshold: '1000000.00' };

describe('cost targets (four-eyes) and the value section of every option', () => {
  const sut = startedService({ LAPSE_SWEEP_INTERVAL_SECONDS: '3600' });
  const clients: Record<string, Awaited<ReturnType<Api['as']>>> = {};
  beforeAll(async () => {
    for (const user of ['ada', 'fiona', 'farid', 'vic', 'ines']) clients[user] = await sut.api.as(user);
  });

  const versions = (generation: string) => countRows(sut.service.config.DATABASE_SCHEMA, 'cost_targets', 'generation = $1', [generation]);
  const reviews = (generation: string) =>
    countRows(sut.service.config.DATABASE_SCHEMA, 'cost_targets_review', 'generation = $1', [generation]);

  /** Each test has a generation of its own; `targets` makes TARGETS its active cost targets (fiona proposes, ada approves). */
  async function generationWith(generation: string, { targets = false } = {}) {
    await sut.api.activeTerms(generation, TERMS);
    if (!targets) return;
    await clients.fiona.put(`/v1/cost-targets/${generation}`, TARGETS).expect(201);
    await clients.ada
      .post(`/v1/cost-targets/${generation}/versions/1/approval`, { approve: true, note: 'matches the business case' })
      .expect(200);
  }

  /** Three options of `generation` judged against TARGETS: one meets them, one misses the TCO target, one lacks the power to judge. */
  async function judgedOptions(generation: string, prefix: string) {
    const runPower = { metric: 'rack_power', unit: 'kW', measured: 118.4, target: 132, suite: 'training-throughput' };
    await sendReceived(
      received(`${prefix}-MEETS`, generation),
      received(`${prefix}-MISSES`, generation),
      received(`${prefix}-NOPOWER`, generation),
    );
    await sendEvaluation(
      evaluated(`${prefix}-MEETS`, generation, {
        performance: { metric: 'training_throughput', unit: 'tokens/s', measured: 3400, target: 3000 },
        performanceRunPower: runPower,
      }),
      evaluated(`${prefix}-MISSES`, generation, {
        performance: { metric: 'training_throughput', unit: 'tokens/s', measured: 3000, target: 3000 },
        performanceRunPower: runPower,
      }),
      evaluated(`${prefix}-NOPOWER`, generation, {
        performanceRunPower: {
          metric: 'power',
          unit: 'kW',
          suite: 'training-throughput',
          note: 'no power criterion was measured in the training-throughput run that measured training_throughput',
        },
      }),
    );
    return {
      meets: await sut.api.waitForOption(`${prefix}-MEETS`, 'EXERCISABLE'),
      misses: await sut.api.waitForOption(`${prefix}-MISSES`, 'EXERCISABLE'),
      noPower: await sut.api.waitForOption(`${prefix}-NOPOWER`, 'EXERCISABLE'),
    };
  }

  it('refuses bad targets naming every field, and lets only admin or finance propose', async () => {
    await generationWith('GR');
    const bad = await clients.fiona
      .put('/v1/cost-targets/GR', { currency: 'USD', maxTcoPerPerformanceUnit: '450', energyPricePerKwh: '0.085', pue: '0.8' })
      .expect(400);
    expect(bad.body.code).toBe('INVALID_COST_TARGETS');
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['horizonYears', 'performanceUnit', 'pue']);
    const float = await clients.fiona.put('/v1/cost-targets/GR', { ...TARGETS, maxUnitPrice: 1000000 }).expect(400);
    expect(JSON.stringify(float.body.details)).toContain('maxUnitPrice');
    const unknown = await clients.fiona.put('/v1/cost-targets/GX', TARGETS).expect(422);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_GENERATION', details: [{ field: 'generation' }] });
    await clients.vic.put('/v1/cost-targets/GR', TARGETS).expect(403);
    await clients.ines.put('/v1/cost-targets/GR', TARGETS).expect(403);
    expect(await versions('GR')).toBe(0);
  });

  it('takes effect only when a different finance or admin user approves the proposal', async () => {
    await generationWith('GC');
    const proposed = await clients.fiona.put('/v1/cost-targets/GC', TARGETS).expect(201);
    expect(proposed.body).toMatchObject({
      generation: 'GC',
      version: 1,
      status: 'PROPOSED',
      maxUnitPrice: '1000000.00',
      pue: '1.25',
      proposedBy: 'fiona',
      review: null,
    });
    // The same targets again change nothing; other targets wait for the pending one to be decided.
    await clients.fiona.put('/v1/cost-targets/GC', { ...TARGETS, pue: '1.250' }).expect(200);
    const conflict = await clients.ada.put('/v1/cost-targets/GC', { ...TARGETS, pue: '1.4' }).expect(409);
    expect(conflict.body.code).toBe('COST_TARGETS_CONFLICT');

    const pending = await clients.vic.get('/v1/cost-targets/GC').expect(200);
    expect(pending.body).toMatchObject({ generation: 'GC', active: null, versions: [{ version: 1, status: 'PROPOSED' }] });

    const own = await clients.fiona.post('/v1/cost-targets/GC/versions/1/approval', { approve: true, note: 'mine' }).expect(403);
    expect(own.body.code).toBe('FOUR_EYES_RULE');
    expect(await reviews('GC')).toBe(0);

    const approved = await clients.ada
      .post('/v1/cost-targets/GC/versions/1/approval', { approve: true, note: 'matches the business case' })
      .expect(200);
    expect(approved.body).toMatchObject({
      status: 'ACTIVE',
      review: { approved: true, reviewedBy: 'ada', note: 'matches the business case' },
    });
    const again = await clients.farid.post('/v1/cost-targets/GC/versions/1/approval', { approve: false, note: 'too late' }).expect(409);
    expect(again.body).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await clients.farid.post('/v1/cost-targets/GC/versions/9/approval', { approve: true, note: 'x' }).expect(404);

    // A rejected proposal leaves the active version in force.
    await clients.farid.put('/v1/cost-targets/GC', { ...TARGETS, maxUnitPrice: '1.00' }).expect(201);
    await clients.fiona.post('/v1/cost-targets/GC/versions/2/approval', { approve: false, note: 'typo' }).expect(200);
    const after = await clients.vic.get('/v1/cost-targets/GC').expect(200);
    expect(after.body.active).toMatchObject({ version: 1, status: 'ACTIVE' });
    expect(after.body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'REJECTED'],
      [1, 'ACTIVE'],
    ]);
    expect(await reviews('GC')).toBe(2);
  });

  it('judges every option against the active targets: figures, TCO, margin and the cost verdict naming what is missed', async () => {
    await generationWith('GV', { targets: true });
    const { meets, misses, noPower } = await judgedOptions('GV', 'RK-C');
    expect(meets.evidence.value).toMatchObject({
      status: 'JUDGED',
      costVerdict: 'MEETS',
      missedTargets: [],
      costTargetsVersion: 1,
      price: { value: '900000.00', target: '1000000.00', met: true },
      performance: { value: '3400', unit: 'tokens/s' },
      power: { value: '118.4', unit: 'kW' },
      pricePerPerformanceUnit: { value: '264.705882', unit: 'USD per tokens/s', target: '300', met: true },
      energyCost: { value: '551004.00' }, // 118.4 kW × 5 y × 8760 h × 1.25 × 0.085
      tco: { value: '1451004.00' },
      tcoPerPerformanceUnit: { value: '426.765882', target: '450', met: true },
      bomCost: { value: '840000.00' },
      margin: { value: '60000.00' },
      domesticContent: { value: '62.50', target: '60.00', met: true },
    });

    expect(misses.evidence.value).toMatchObject({
      costVerdict: 'MISSES',
      missedTargets: ['maxTcoPerPerformanceUnit'],
      tcoPerPerformanceUnit: { value: '483.668000', met: false },
    });

    expect(noPower.evidence.value).toMatchObject({
      status: 'INCOMPLETE',
      costVerdict: null,
      tco: { value: null, missing: 'no power criterion was measured in the training-throughput run that measured training_throughput' },
      unjudgedTargets: [{ target: 'maxTcoPerPerformanceUnit' }],
    });

    const list = await clients.fiona.get('/v1/options?generation=GV').expect(200);
    const verdicts = Object.fromEntries(
      list.body.items.map((o: { rackSerial: string; evidence: { value: { costVerdict: string | null } } }) => [
        o.rackSerial,
        o.evidence.value.costVerdict,
      ]),
    );
    expect(verdicts).toEqual({ 'RK-C-MEETS': 'MEETS', 'RK-C-MISSES': 'MISSES', 'RK-C-NOPOWER': null });
  });

  it("reads an option's page as one, saying what the list and the audit trail say of it, to the last digit", async () => {
    await generationWith('GP', { targets: true });
    // A later version of each, proposed and not approved: the page must still be judged on the approved ones, and say so.
    await clients.fiona.put('/v1/cost-targets/GP', { ...TARGETS, maxUnitPrice: '1.00' }).expect(201);
    await clients.ada.put('/v1/terms/GP', { ...TERMS, unitPrice: '123456789012345678.91' }).expect(201);
    const { meets } = await judgedOptions('GP', 'RK-P');
    await clients.fiona.post('/v1/options/RK-P-MEETS/decision', { decision: 'EXERCISE', rationale: 'meets every target' }).expect(200);

    const { history, ...page } = (await clients.vic.get('/v1/options/RK-P-MEETS').expect(200)).body;
    const listed = (await clients.vic.get('/v1/options?generation=GP&limit=10').expect(200)).body.items;
    expect(page).toEqual(listed.find((option: { rackSerial: string }) => option.rackSerial === 'RK-P-MEETS'));
    expect(page).toMatchObject({
      state: 'EXERCISED',
      terms: { version: 1, status: 'ACTIVE', unitPrice: '900000.00' },
      evidence: { value: { costTargetsVersion: 1, price: { target: '1000000.00', met: true }, energyCost: { value: '551004.00' } } },
    });
    expect(page.evidence.value).toEqual(meets.evidence.value);

    const trail = (await clients.fiona.get('/v1/audit?rack=RK-P-MEETS&limit=50').expect(200)).body.items;
    expect(history).toEqual(trail);
    expect(history.map((entry: { action: string }) => entry.action)).toEqual(['OPENED', 'EVALUATION_PASSED', 'EXERCISED']);
    expect(history[2]).toMatchObject({ unitPrice: '900000.00', termsVersion: 1 });
  });

  it('has no cost verdict for a generation without active cost targets', async () => {
    await generationWith('GN');
    await sendReceived(received('RK-N-1', 'GN'));
    await sendEvaluation(evaluated('RK-N-1', 'GN'));
    const option = await sut.api.waitForOption('RK-N-1', 'EXERCISABLE');
    expect(option.evidence.value).toMatchObject({
      status: 'NO_TARGETS',
      costVerdict: null,
      costTargetsVersion: null,
      pricePerPerformanceUnit: { value: '281.250000' },
    });
    await clients.fiona.post('/v1/options/RK-N-1/decision', { decision: 'EXERCISE', rationale: 'no targets to miss' }).expect(200);
  });

  it('exercising a rack that passed but misses cost needs a waiver (422 naming the rule; nothing written)', async () => {
    await generationWith('GW', { targets: true });
    await judgedOptions('GW', 'RK-W');
    const before = await sut.api.option('RK-W-MISSES');
    const audit = await countRows(sut.service.config.DATABASE_SCHEMA, 'option_audit', 'rack_serial = $1', ['RK-W-MISSES']);
    const refused = await clients.fiona
      .post('/v1/options/RK-W-MISSES/decision', { decision: 'EXERCISE', rationale: 'we need capacity' })
      .expect(422);
    expect(refused.body.code).toBe('WAIVER_REQUIRED');
    expect(refused.body.message).toContain(
      'cost rule: the rack passed its evaluation but it misses its cost targets (maxTcoPerPerformanceUnit)',
    );
    expect(refused.body.details).toEqual([{ field: 'waiver', message: 'required to exercise an option whose cost verdict is MISSES' }]);
    expect((await sut.api.option('RK-W-MISSES')).version).toBe(before.version);
    expect(await countRows(sut.service.config.DATABASE_SCHEMA, 'option_audit', 'rack_serial = $1', ['RK-W-MISSES'])).toBe(audit);

    const blank = await clients.fiona
      .post('/v1/options/RK-W-NOPOWER/decision', { decision: 'EXERCISE', rationale: 'we need capacity' })
      .expect(422);
    expect(blank.body.message).toContain('cost targets cannot all be checked');

    const exercised = await clients.fiona
      .post('/v1/options/RK-W-MISSES/decision', {
        decision: 'EXERCISE',
        rationale: 'we need capacity',
        waiver: 'energy contract below the assumed price',
      })
      .expect(200);
    expect(exercised.body).toMatchObject({ state: 'EXERCISED', evidence: { waiver: 'energy contract below the assumed price' } });
    expect(exercised.body.history.at(-1)).toMatchObject({
      action: 'EXERCISED',
      waiver: 'energy contract below the assumed price',
      reason: expect.stringContaining('[cost targets v1: it misses its cost targets (maxTcoPerPerformanceUnit); waived]'),
    });

    const waived = await clients.fiona
      .post('/v1/options/RK-W-MEETS/decision', { decision: 'EXERCISE', rationale: 'fine', waiver: 'not needed' })
      .expect(422);
    expect(waived.body.code).toBe('WAIVER_NOT_APPLICABLE');
  });
});
