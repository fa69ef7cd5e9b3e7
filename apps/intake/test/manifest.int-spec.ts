import { RackReceived, Topics } from '@rackeval/contracts';
import { waitFor } from '@rackeval/testing';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IntakeHarness } from './intake.fixture';

const HEADER =
  'deliveryReference,site,receivedAt,rackSerial,generation,lot,partNumber,category,quantity,unitCost,currency,supplier,countryOfOrigin';
const row = (reference: string, serial: string, cells: Partial<Record<string, string>> = {}) => {
  const values = {
    partNumber: 'GPU-B200',
    category: 'compute',
    quantity: '8',
    unitCost: '30000.00',
    currency: 'USD',
    supplier: 'Acme',
    countryOfOrigin: 'US',
    ...cells,
  };
  return [
    reference,
    'US-TX-1',
    '2026-11-20T14:05:00Z',
    serial,
    'G1',
    'LOT-A',
    values.partNumber,
    values.category,
    values.quantity,
    values.unitCost,
    values.currency,
    values.supplier,
    values.countryOfOrigin,
  ].join(',');
};

describe('intake: CSV delivery manifests', () => {
  let sut: IntakeHarness;

  beforeAll(async () => {
    sut = await IntakeHarness.start();
    await sut.registerGeneration('G1', '60.00');
  });
  afterAll(() => sut?.dispose());

  const importCsv = (csv: string, as = 'ines') => sut.post('/v1/deliveries/import', as).set('content-type', 'text/csv').send(csv);

  it('imports the documented example manifest, idempotently', async () => {
    const csv = readFileSync(path.join(__dirname, '..', 'examples', 'manifest.csv'), 'utf8');
    const response = await importCsv(csv).expect(201);
    expect(response.body).toMatchObject({ reference: 'DHL-7781-2231', site: 'US-TX-1', receivedAt: '2026-11-20T14:05:00.000Z' });
    // RK-G1-0001: US 250000 + 18500 + 3900 = 272400 of 272400 + 14400 + 2696 + 12600 = 302096 → 90.17 %
    expect(response.body.racks).toEqual([
      expect.objectContaining({
        serial: 'RK-G1-0001',
        bomLines: 6,
        bomCost: '302096.00',
        domesticContentPct: '90.17',
        meetsDomesticContentTarget: true,
      }),
      expect.objectContaining({ serial: 'RK-G1-0002', bomLines: 3 }),
    ]);
    const rack = await sut.get('/v1/racks/RK-G1-0001').expect(200);
    expect(rack.body.bom[2]).toMatchObject({
      partNumber: 'DAC-2M',
      supplier: 'Cables & Co, Ltd.',
      quantity: 64,
      unitCost: '42.1250',
      countryOfOrigin: 'MX',
    });

    const before = await sut.counts();
    const again = await importCsv(csv).expect(200);
    expect(again.body).toEqual(response.body);
    expect(await sut.counts()).toEqual(before);
    await waitFor('RackReceived for RK-G1-0002', async () =>
      (await sut.eventsAbout(Topics.intakeRacks, 'RK-G1-0002')).some((e) => e.type === RackReceived.type),
    );
  });

  it('reports every bad row by line and column in one 400 and writes nothing', async () => {
    const csv = [
      HEADER,
      row('CSV-BAD', 'RK-C1'),
      row('CSV-BAD', 'RK-C1', { unitCost: '12.5O', countryOfOrigin: 'XX' }),
      row('CSV-BAD', 'RK-C2', { quantity: '-3' }),
      row('CSV-BAD', 'RK-C2', { quantity: '1.5', category: 'storage' }),
    ].join('\n');
    const before = await sut.counts();
    const response = await importCsv(csv).expect(400);
    expect(response.body.code).toBe('INVALID_MANIFEST');
    expect(response.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining([
        'line 3, column unitCost',
        'line 3, column countryOfOrigin',
        'line 4, column quantity',
        'line 5, column quantity',
        'line 5, column category',
      ]),
    );
    expect(response.body.details).toHaveLength(5);
    expect(await sut.counts()).toEqual(before);
  });

  it.each([
    ['a wrong header', `${HEADER.replace('unitCost', 'price')}\n${row('CSV-H', 'RK-H1')}`, 'line 1, column price'],
    ['a missing column', `${HEADER.replace(',supplier', '')}\n${row('CSV-H', 'RK-H1')}`, 'line 1, column supplier'],
    ['a short row', `${HEADER}\n${row('CSV-S', 'RK-S1').replace(/,US$/, '')}`, 'line 2'],
    ['an unclosed quote', `${HEADER}\n${row('CSV-Q', 'RK-Q1', { supplier: '"Acme' })}`, 'line 2'],
    [
      'a second delivery in one manifest',
      `${HEADER}\n${row('CSV-D', 'RK-D1')}\n${row('CSV-OTHER', 'RK-D2')}`,
      'line 3, column deliveryReference',
    ],
    ['only a header', HEADER, 'line 2'],
  ])('refuses %s (400 naming the place) and writes nothing', async (_, csv, field) => {
    const before = await sut.counts();
    const response = await importCsv(csv).expect(400);
    expect(response.body.code).toBe('INVALID_MANIFEST');
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await sut.counts()).toEqual(before);
  });

  it('names the manifest line of a domain refusal: unknown generation (422), serial on site (409)', async () => {
    const unknown = await importCsv(`${HEADER}\n${row('CSV-G', 'RK-G-1').replace(',G1,', ',G8,')}`).expect(422);
    expect(unknown.body).toMatchObject({
      code: 'UNKNOWN_GENERATION',
      message: expect.stringContaining('G8'),
      details: [{ field: 'line 2, column generation' }],
    });
    await importCsv(`${HEADER}\n${row('CSV-ON', 'RK-ON-1')}`).expect(201);
    const onSite = await importCsv(`${HEADER}\n${row('CSV-O', 'RK-O-1')}\n${row('CSV-O', 'RK-ON-1')}`).expect(409);
    expect(onSite.body).toMatchObject({
      code: 'RACK_ALREADY_ON_SITE',
      message: expect.stringContaining('RK-ON-1'),
      details: [{ field: 'line 3, column rackSerial' }],
    });
  });

  it('refuses a manifest sent as something other than text/csv (415) or by the wrong role (403)', async () => {
    await sut.post('/v1/deliveries/import').set('content-type', 'application/json').send({ csv: HEADER }).expect(415);
    await importCsv(`${HEADER}\n${row('CSV-R', 'RK-R1')}`, 'vic').expect(403);
  });

  it('imports a 10,000-line manifest in one request (time printed, not asserted)', async () => {
    const lines = [HEADER];
    for (let rack = 0; rack < 250; rack += 1) {
      for (let line = 0; line < 40; line += 1) {
        lines.push(
          row('CSV-BIG', `RK-BIG-${String(rack).padStart(4, '0')}`, {
            partNumber: `P-${line}`,
            unitCost: `${line + 1}.25`,
            countryOfOrigin: line % 3 ? 'US' : 'DE',
          }),
        );
      }
    }
    const started = process.hrtime.bigint();
    const response = await importCsv(lines.join('\n')).expect(201);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(
      `10,000-line manifest (250 racks x 40 BOM lines, ${(lines.join('\n').length / 1024).toFixed(0)} KiB) imported in ${ms.toFixed(0)} ms`,
    );
    expect(response.body.racks).toHaveLength(250);
    const counts = await sut.counts();
    expect(counts.bom_lines).toBeGreaterThanOrEqual(10_000);
    await waitFor('every RackReceived relayed', async () => (await sut.unpublished()) === 0, { timeoutMs: 30_000 });
  });
});
