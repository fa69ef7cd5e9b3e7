import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { bomLine, delivery, IntakeHarness } from './intake.fixture';

const HEADER =
  'deliveryReference,site,receivedAt,rackSerial,generation,lot,partNumber,category,quantity,unitCost,currency,supplier,countryOfOrigin';
const row = (reference: string, serial: string, cells: Partial<Record<string, string>> = {}) => {
  const v = {
    receivedAt: '2026-11-20T14:05:00Z',
    lot: 'LOT-A',
    partNumber: 'GPU-B200',
    quantity: '8',
    unitCost: '30000.00',
    supplier: 'Acme',
    ...cells,
  };
  return [
    reference,
    'US-TX-1',
    v.receivedAt,
    serial,
    'G1',
    v.lot,
    v.partNumber,
    'compute',
    v.quantity,
    v.unitCost,
    'USD',
    v.supplier,
    'US',
  ].join(',');
};
const crafted = (position: unknown) => Buffer.from(JSON.stringify(position)).toString('base64url');
const fields = (body: { details: Array<{ field: string }> }) => body.details.map((d) => d.field);

/**
 * Input PostgreSQL would refuse is a 400 naming the field, before anything is written; manifests
 * are read as they stream in, within MANIFEST_MAX_BYTES (64 KiB here) and MANIFEST_MAX_ROWS (300).
 */
describe('intake: input PostgreSQL would refuse, and bounded manifests', () => {
  let sut: IntakeHarness;
  beforeAll(async () => {
    sut = await IntakeHarness.start({ MANIFEST_MAX_BYTES: String(64 * 1024), MANIFEST_MAX_ROWS: '300' });
    await sut.registerGeneration('G1', '60.00');
  });
  afterAll(() => sut?.dispose());

  const refuses = async (send: () => Promise<{ status: number; body: any }>, expected: string[]) => {
    const before = await sut.counts();
    const response = await send();
    expect(response.status).toBe(400);
    expect(fields(response.body)).toEqual(expected);
    expect(await sut.counts()).toEqual(before);
    return response.body;
  };

  it.each([
    ['Feb 30', '2026-02-30T14:05:00Z'],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['hour 24', '2026-11-20T24:00:00Z'],
  ])('refuses a receivedAt of %s naming it', async (_, receivedAt) => {
    await refuses(
      () => sut.post('/v1/deliveries').send({ ...delivery('D-DATE', [{ serial: 'RK-DATE-1', generation: 'G1' }]), receivedAt }),
      ['receivedAt'],
    );
  });

  it('refuses NUL in any string: body, path and query', async () => {
    const body = await refuses(
      () =>
        sut
          .post('/v1/deliveries')
          .send(delivery('D-NUL', [{ serial: 'RK-NUL-1', generation: 'G1', bom: [bomLine({ supplier: 'Ac\u0000me' })] }])),
      ['racks[0].bom[0].supplier'],
    );
    expect(body.details[0].message).toBe('must not contain NUL characters (\\u0000)');
    await refuses(() => sut.post('/v1/racks/RK-NUL-1/return').send({ reason: 'gone\u0000' }), ['reason']);
    await refuses(() => sut.get('/v1/racks/RK%00NUL'), ['serial']);
    await refuses(() => sut.get('/v1/racks?site=US%00TX'), ['site']);
  });

  it('refuses numbers past their columns: int4 quantities and GPU counts, numeric(15,3) power, unit costs past 12 digits', async () => {
    for (const quantity of [2 ** 31, 1e300, 1.5, 1_000_001]) {
      await refuses(
        () => sut.post('/v1/deliveries').send(delivery('D-QTY', [{ serial: 'RK-QTY-1', generation: 'G1', bom: [bomLine({ quantity })] }])),
        ['racks[0].bom[0].quantity'],
      );
    }
    await refuses(
      () =>
        sut
          .post('/v1/deliveries')
          .send(delivery('D-COST', [{ serial: 'RK-COST-1', generation: 'G1', bom: [bomLine({ unitCost: '1000000000000.00' })] }])),
      ['racks[0].bom[0].unitCost'],
    );
    const generation = {
      code: 'G9',
      name: 'G9',
      cooling: 'air',
      rackPowerBudgetKw: '132.5',
      gpusPerRack: 72,
      domesticContentTargetPct: '50.00',
    };
    await refuses(() => sut.post('/v1/generations', 'ada').send({ ...generation, gpusPerRack: 3_000_000_000 }), ['gpusPerRack']);
    await refuses(
      () => sut.post('/v1/generations', 'ada').send({ ...generation, rackPowerBudgetKw: '1000000000000' }),
      ['rackPowerBudgetKw'],
    );
  });

  it.each([
    ['a NUL', ['RK\u00001']],
    ['an object', [{ serial: 'RK-1' }]],
    ['not JSON', 'garbage'],
  ])('answers a crafted cursor (%s) with 400 INVALID_CURSOR', async (_, position) => {
    const cursor = typeof position === 'string' ? position : crafted(position);
    const response = await sut.get(`/v1/racks?cursor=${cursor}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'INVALID_CURSOR', details: [{ field: 'cursor' }] });
  });

  describe('manifests', () => {
    const importCsv = (csv: string) => sut.post('/v1/deliveries/import').set('content-type', 'text/csv').send(csv);

    /** Sends a manifest without Content-Length, as it is produced. */
    async function stream(chunks: Iterable<string>) {
      const url = new URL('/v1/deliveries/import', sut.url);
      const headers = { authorization: `Bearer ${await sut.tokens.token('ines')}`, 'content-type': 'text/csv' };
      return new Promise<{ status: number; body: any }>((resolve, reject) => {
        const req = httpRequest(url, { method: 'POST', headers }, (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        });
        req.on('error', reject);
        Readable.from(chunks).pipe(req);
      });
    }

    it('refuses impossible dates, NUL and out-of-range cells by line and column, writing nothing', async () => {
      const csv = [
        HEADER,
        row('CSV-BAD', 'RK-B1', { receivedAt: '2026-02-30T14:05:00Z' }),
        row('CSV-BAD', 'RK-B1', { receivedAt: '2026-02-30T14:05:00Z', lot: 'LOT\u0000A', quantity: '2147483648' }),
      ].join('\n');
      const body = await refuses(
        () => importCsv(csv),
        ['line 2, column receivedAt', 'line 3, column receivedAt', 'line 3, column lot', 'line 3, column quantity'],
      );
      expect(body.code).toBe('INVALID_MANIFEST');
    });

    it('refuses a manifest past MANIFEST_MAX_BYTES with 413 naming it, declared or counted while streaming', async () => {
      const before = await sut.counts();
      const lines = [
        HEADER,
        ...Array.from({ length: 290 }, (_, i) =>
          row('CSV-BIG', `RK-BIG-${i % 5}`, { partNumber: `P-${i}`.padEnd(64, 'x'), supplier: 'S'.repeat(120) }),
        ),
      ];
      const declared = await importCsv(lines.join('\n'));
      expect(declared.status).toBe(413);
      expect(declared.body.message).toContain('64 KiB (MANIFEST_MAX_BYTES)');
      const streamed = await stream(
        (function* () {
          for (let i = 0; i < 40; i++) yield `${lines.join('\n')}\n`;
        })(),
      );
      expect(streamed.status).toBe(413);
      expect(streamed.body.message).toContain('MANIFEST_MAX_BYTES');
      expect(await sut.counts()).toEqual(before);
    });

    it('refuses a manifest past MANIFEST_MAX_ROWS with 413 naming it', async () => {
      const lines = [
        HEADER,
        ...Array.from({ length: 301 }, (_, i) => row('CSV-ROWS', 'RK-ROWS-1', { partNumber: `P-${i}`, supplier: 'A' })),
      ];
      const response = await importCsv(lines.join('\n'));
      expect(response.status).toBe(413);
      expect(response.body.message).toContain('300 rows (MANIFEST_MAX_ROWS)');
    });

    it('imports a manifest at the limit, keeping the event loop free (delay printed, not asserted)', async () => {
      const lines = [
        HEADER,
        ...Array.from({ length: 300 }, (_, i) => row('CSV-OK', `RK-OK-${i % 10}`, { partNumber: `P-${i}`, supplier: 'A' })),
      ];
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      const response = await importCsv(lines.join('\n'));
      delay.disable();
      expect(response.status).toBe(201);
      expect(response.body.racks).toHaveLength(10);
      console.log(`300-row manifest: longest event-loop stall ${(delay.max / 1e6).toFixed(1)} ms`);
    });
  });
});
