import { RackCorrected, Topics } from '@rackeval/contracts';
import { waitFor } from '@rackeval/testing';
import { bomLine, delivery, IntakeHarness } from './intake.fixture';

describe('intake: record corrections and the checklist by cooling', () => {
  let sut: IntakeHarness;

  beforeAll(async () => {
    sut = await IntakeHarness.start();
    await sut.registerGeneration('G1', '60.00');
    await sut
      .post('/v1/generations', 'ada')
      .send({
        code: 'GA',
        name: 'Air-cooled',
        cooling: 'air',
        rackPowerBudgetKw: '45.000',
        gpusPerRack: 32,
        domesticContentTargetPct: '25.00',
      })
      .expect(201);
    await sut
      .post('/v1/deliveries')
      .send(
        delivery('DEL-CORR', [
          { serial: 'RK-CORR-01', generation: 'G1' },
          { serial: 'RK-AIR-01', generation: 'GA' },
        ]),
      )
      .expect(201);
  });
  afterAll(() => sut?.dispose());

  const rack = async (serial: string) => (await sut.get(`/v1/racks/${serial}`).expect(200)).body;

  it('inspects an air-cooled rack without a coolant leak test and refuses one (422 naming the rule)', async () => {
    const air = ['shock-tilt-indicators', 'visual-damage', 'power-on-self-test'].map((name) => ({ name, passed: true }));
    const refused = await sut
      .post('/v1/racks/RK-AIR-01/inspections')
      .send({ checks: [...air, { name: 'coolant-leak-test', passed: true }], outcome: 'ACCEPTED' })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'CHECK_NOT_APPLICABLE', details: [{ field: 'checks[3].name' }] });
    expect(refused.body.message).toContain('COOLANT_CHECK_NOT_APPLICABLE');
    expect((await rack('RK-AIR-01')).state).toBe('RECEIVED');
    await sut.post('/v1/racks/RK-AIR-01/inspections').send({ checks: air, outcome: 'ACCEPTED' }).expect(201);
    expect((await rack('RK-AIR-01')).state).toBe('RELEASED_FOR_EVALUATION');
  });

  it('corrects BOM, lot and site with a reason, recomputes domestic content, keeps the history and tells downstream', async () => {
    expect(await rack('RK-CORR-01')).toMatchObject({ domesticContentPct: '92.31', lot: 'LOT-A' });
    const bom = [
      bomLine(),
      bomLine({ partNumber: 'NIC-1', category: 'networking', quantity: 2, unitCost: '10000.00', countryOfOrigin: 'US' }),
    ];
    const reason = 'certificate of origin: NICs are made in the US';
    await sut.post('/v1/racks/RK-CORR-01/corrections', 'vic').send({ reason, bom }).expect(403);
    const corrected = await sut.post('/v1/racks/RK-CORR-01/corrections').send({ reason, bom, lot: 'LOT-B' }).expect(201);
    expect(corrected.body).toMatchObject({
      changed: ['bom', 'lot'],
      reason,
      correctedBy: 'ines',
      before: { lot: 'LOT-A', domesticContentPct: '92.31', bomCost: '260000.00', bomLines: 2 },
      after: { lot: 'LOT-B', site: 'US-TX-1', domesticContentPct: '100.00', bomCost: '260000.00', bomLines: 2 },
    });
    expect(corrected.body.previousBom[1]).toMatchObject({ line: 2, partNumber: 'NIC-1', countryOfOrigin: 'TW' });
    const after = await rack('RK-CORR-01');
    expect(after).toMatchObject({ domesticContentPct: '100.00', lot: 'LOT-B' });
    expect(after.bom[1]).toMatchObject({ partNumber: 'NIC-1', countryOfOrigin: 'US' });

    const bySite = await sut
      .post('/v1/racks/RK-CORR-01/corrections', 'ada')
      .send({ reason: 'received at the Arizona dock, not Texas', site: 'US-AZ-2' })
      .expect(201);
    expect(bySite.body).toMatchObject({ changed: ['site'], correctedBy: 'ada' });
    const history = (await sut.get('/v1/racks/RK-CORR-01/corrections').expect(200)).body.items;
    expect(history.map((entry: { changed: string[] }) => entry.changed)).toEqual([['site'], ['bom', 'lot']]);

    const events = await waitFor('both corrections published', async () => {
      const found = (await sut.eventsAbout(Topics.intakeRacks, 'RK-CORR-01')).filter((event) => event.type === RackCorrected.type);
      return found.length === 2 ? found : undefined;
    });
    expect(events[0].data).toMatchObject({
      changed: ['bom', 'lot'],
      lot: 'LOT-B',
      domesticContentPct: '100.00',
      domesticContentTargetPct: '60.00',
      bomCost: '260000.00',
      reason,
    });
    expect(events[1].data).toMatchObject({ changed: ['site'], site: 'US-AZ-2' });
  });

  it('refuses a correction that changes nothing, or mixes currencies, and writes nothing', async () => {
    await sut
      .post('/v1/deliveries')
      .send(delivery('DEL-CORR-REFUSED', [{ serial: 'RK-CORR-02', generation: 'G1' }]))
      .expect(201);
    await sut.post('/v1/racks/RK-CORR-02/corrections', 'ada').send({ reason: 'moved to Arizona', site: 'US-AZ-2' }).expect(201);
    const before = await sut.counts();
    const same = await sut.post('/v1/racks/RK-CORR-02/corrections').send({ reason: 'again', site: 'US-AZ-2' }).expect(422);
    expect(same.body.code).toBe('NOTHING_TO_CORRECT');
    const mixed = await sut
      .post('/v1/racks/RK-CORR-02/corrections')
      .send({ reason: 'currencies', bom: [bomLine(), bomLine({ currency: 'EUR' })] })
      .expect(422);
    expect(mixed.body).toMatchObject({ code: 'MIXED_BOM_CURRENCIES', details: [{ field: 'bom[1].currency' }] });
    const empty = await sut.post('/v1/racks/RK-CORR-02/corrections').send({ site: 'X' }).expect(400);
    expect(empty.body.details.map((d: { field: string }) => d.field)).toContain('reason');
    expect(await sut.counts()).toEqual(before);
    expect((await sut.get('/v1/racks/RK-CORR-02/corrections').expect(200)).body.items).toHaveLength(1);
  });
});
