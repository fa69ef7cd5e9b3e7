import { GenerationRegistered, RackReceived, Topics } from '@rackeval/contracts';
import { waitFor } from '@rackeval/testing';
import request from 'supertest';
import { bomLine, delivery, IntakeHarness } from './intake.fixture';

describe('intake: generations and deliveries', () => {
  let sut: IntakeHarness;

  beforeAll(async () => {
    sut = await IntakeHarness.start();
    await sut.registerGeneration('G1', '90.00');
    await sut.registerGeneration('G2', '95.00');
  });
  afterAll(() => sut?.dispose());

  /** The delivery is refused with `status` and `code`, naming `named` and `field`, and nothing is written. */
  async function expectRefused(body: object, status: number, code: string, named: string, field: string) {
    const before = await sut.counts();
    const response = await sut.post('/v1/deliveries').send(body).expect(status);
    expect(response.body.code).toBe(code);
    expect(response.body.message).toContain(named);
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await sut.counts()).toEqual(before);
  }

  describe('generations', () => {
    it('lists registered generations to any role and publishes GenerationRegistered', async () => {
      const list = await sut.get('/v1/generations', 'tariq').expect(200);
      expect(list.body.items.map((g: { code: string }) => g.code)).toEqual(['G1', 'G2']);
      expect(list.body.items[0]).toMatchObject({
        cooling: 'direct-liquid',
        rackPowerBudgetKw: '132.500',
        gpusPerRack: 72,
        domesticContentTargetPct: '90.00',
      });
      const events = await waitFor('GenerationRegistered for G1', async () => {
        const found = await sut.eventsAbout(Topics.intakeRacks, 'G1');
        return found.length ? found : undefined;
      });
      expect(events[0]).toMatchObject({ type: GenerationRegistered.type, data: { code: 'G1', domesticContentTargetPct: '90.00' } });
    });

    it('refuses a known code (409), a non-admin (403), no token (401) and bad fields (400)', async () => {
      const body = { code: 'G1', name: 'again', cooling: 'air', rackPowerBudgetKw: '10', gpusPerRack: 8, domesticContentTargetPct: '10' };
      const conflict = await sut.post('/v1/generations', 'ada').send(body).expect(409);
      expect(conflict.body).toMatchObject({ code: 'GENERATION_ALREADY_REGISTERED', message: expect.stringContaining('G1') });
      await sut
        .post('/v1/generations', 'ines')
        .send({ ...body, code: 'G9' })
        .expect(403);
      await request(sut.url)
        .post('/v1/generations')
        .send({ ...body, code: 'G9' })
        .expect(401);
      const bad = await sut
        .post('/v1/generations', 'ada')
        .send({ ...body, code: 'G9', domesticContentTargetPct: '101', rackPowerBudgetKw: 12.5 })
        .expect(400);
      expect([...new Set(bad.body.details.map((d: { field: string }) => d.field))].sort()).toEqual([
        'domesticContentTargetPct',
        'rackPowerBudgetKw',
      ]);
      const list = await sut.get('/v1/generations').expect(200);
      expect(list.body.items).toHaveLength(2);
    });
  });

  describe('POST /v1/deliveries', () => {
    it('receives every rack with its exact domestic content and publishes RackReceived', async () => {
      const response = await sut
        .post('/v1/deliveries')
        .send(
          delivery('DEL-1', [
            { serial: 'RK-1-A', generation: 'G1' },
            { serial: 'RK-1-B', generation: 'G2' },
          ]),
        )
        .expect(201);
      expect(response.body.racks).toEqual([
        expect.objectContaining({
          serial: 'RK-1-A',
          bomCost: '260000.00',
          bomCurrency: 'USD',
          domesticContentPct: '92.31',
          domesticContentTargetPct: '90.00',
          meetsDomesticContentTarget: true,
        }),
        expect.objectContaining({
          serial: 'RK-1-B',
          domesticContentPct: '92.31',
          domesticContentTargetPct: '95.00',
          meetsDomesticContentTarget: false,
        }),
      ]);
      const rack = await sut.get('/v1/racks/RK-1-A').expect(200);
      expect(rack.body).toMatchObject({ state: 'RECEIVED', site: 'US-TX-1', deliveryReference: 'DEL-1', domesticContentPct: '92.31' });
      expect(rack.body.bom).toHaveLength(2);
      expect(rack.body.history).toEqual([expect.objectContaining({ from: null, to: 'RECEIVED', actor: 'ines' })]);

      const [received] = await waitFor('RackReceived for RK-1-A', async () => {
        const found = await sut.eventsAbout(Topics.intakeRacks, 'RK-1-A');
        return found.length ? found : undefined;
      });
      expect(received).toEqual({
        type: RackReceived.type,
        data: expect.objectContaining({
          rackSerial: 'RK-1-A',
          generation: 'G1',
          deliveryReference: 'DEL-1',
          lot: 'LOT-A',
          domesticContentPct: '92.31',
          domesticContentTargetPct: '90.00',
          bomCost: '260000.00',
          bomCurrency: 'USD',
          actor: 'ines',
        }),
      });
    });

    it('answers a re-sent delivery with the same result and writes nothing again', async () => {
      const body = delivery('DEL-2', [{ serial: 'RK-2-A', generation: 'G1' }]);
      const first = await sut.post('/v1/deliveries').send(body).expect(201);
      const before = await sut.counts();
      const again = await sut.post('/v1/deliveries').send(body).expect(200);
      expect(again.body).toEqual(first.body);
      expect(await sut.counts()).toEqual(before);
    });

    it('refuses the same reference with a different body (409 naming the reference)', async () => {
      await sut
        .post('/v1/deliveries')
        .send(delivery('DEL-3', [{ serial: 'RK-3-A', generation: 'G1' }]))
        .expect(201);
      const before = await sut.counts();
      const response = await sut
        .post('/v1/deliveries')
        .send(delivery('DEL-3', [{ serial: 'RK-3-B', generation: 'G1' }]))
        .expect(409);
      expect(response.body).toMatchObject({ code: 'DELIVERY_REFERENCE_REUSED', message: expect.stringContaining('DEL-3') });
      expect(await sut.counts()).toEqual(before);
    });

    it.each([
      [
        'a serial twice in one delivery',
        delivery('DEL-X2', [
          { serial: 'RK-DUP', generation: 'G1' },
          { serial: 'RK-DUP', generation: 'G1' },
        ]),
        409,
        'RACK_ALREADY_ON_SITE',
        'RK-DUP',
        'racks[1].serial',
      ],
      [
        'an unknown generation',
        delivery('DEL-X3', [{ serial: 'RK-X3', generation: 'G7' }]),
        422,
        'UNKNOWN_GENERATION',
        'G7',
        'racks[0].generation',
      ],
      [
        'mixed currencies in one BOM',
        delivery('DEL-X4', [{ serial: 'RK-X4', generation: 'G1', bom: [bomLine(), bomLine({ currency: 'EUR' })] }]),
        422,
        'MIXED_BOM_CURRENCIES',
        'currency',
        'racks[0].bom[1].currency',
      ],
      [
        'a bad country code',
        delivery('DEL-X5', [{ serial: 'RK-X5', generation: 'G1', bom: [bomLine({ countryOfOrigin: 'XX' })] }]),
        400,
        'VALIDATION_FAILED',
        'countryOfOrigin',
        'racks[0].bom[0].countryOfOrigin',
      ],
      [
        'a negative quantity',
        delivery('DEL-X6', [{ serial: 'RK-X6', generation: 'G1', bom: [bomLine({ quantity: -1 })] }]),
        400,
        'VALIDATION_FAILED',
        'quantity',
        'racks[0].bom[0].quantity',
      ],
      [
        'a fractional quantity',
        delivery('DEL-X7', [{ serial: 'RK-X7', generation: 'G1', bom: [bomLine({ quantity: 1.5 })] }]),
        400,
        'VALIDATION_FAILED',
        'quantity',
        'racks[0].bom[0].quantity',
      ],
      [
        'money as a number',
        delivery('DEL-X8', [{ serial: 'RK-X8', generation: 'G1', bom: [bomLine({ unitCost: 12.5 })] }]),
        400,
        'VALIDATION_FAILED',
        'unitCost',
        'racks[0].bom[0].unitCost',
      ],
      [
        'malformed money',
        delivery('DEL-X9', [{ serial: 'RK-X9', generation: 'G1', bom: [bomLine({ unitCost: '1,250.00' })] }]),
        400,
        'VALIDATION_FAILED',
        'unitCost',
        'racks[0].bom[0].unitCost',
      ],
      [
        'an unknown category',
        delivery('DEL-XA', [{ serial: 'RK-XA', generation: 'G1', bom: [bomLine({ category: 'storage' })] }]),
        400,
        'VALIDATION_FAILED',
        'category',
        'racks[0].bom[0].category',
      ],
      [
        'an unknown field',
        { ...delivery('DEL-XB', [{ serial: 'RK-XB', generation: 'G1' }]), carrier: 'DHL' },
        400,
        'VALIDATION_FAILED',
        'carrier',
        'carrier',
      ],
      [
        'an unknown nested field',
        delivery('DEL-XC', [{ serial: 'RK-XC', generation: 'G1', bom: [bomLine({ colour: 'red' })] }]),
        400,
        'VALIDATION_FAILED',
        'colour',
        'racks[0].bom[0].colour',
      ],
    ])('refuses %s, naming it, and writes nothing', (_, body, status, code, named, field) =>
      expectRefused(body, status, code, named, field),
    );

    it('refuses a serial already on site, naming it, and writes nothing', async () => {
      await sut
        .post('/v1/deliveries')
        .send(delivery('DEL-ON-SITE', [{ serial: 'RK-ON-SITE', generation: 'G1' }]))
        .expect(201);
      const body = delivery('DEL-X1', [
        { serial: 'RK-X-NEW', generation: 'G1' },
        { serial: 'RK-ON-SITE', generation: 'G1' },
      ]);
      await expectRefused(body, 409, 'RACK_ALREADY_ON_SITE', 'RK-ON-SITE', 'racks[1].serial');
    });

    it('refuses the wrong role (403) and no token (401), writing nothing', async () => {
      const before = await sut.counts();
      const body = delivery('DEL-AUTH', [{ serial: 'RK-AUTH', generation: 'G1' }]);
      await sut.post('/v1/deliveries', 'vic').send(body).expect(403);
      await sut.post('/v1/deliveries', 'ada').send(body).expect(403);
      await request(sut.url).post('/v1/deliveries').send(body).expect(401);
      expect(await sut.counts()).toEqual(before);
    });
  });
});
