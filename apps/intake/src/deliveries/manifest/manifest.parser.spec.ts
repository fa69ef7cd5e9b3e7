import { Readable } from 'node:stream';
import { IntakeError } from '../../intake.errors';
import { ManifestTooLargeError, parseManifest } from './manifest.parser';

const HEADER =
  'deliveryReference,site,receivedAt,rackSerial,generation,lot,partNumber,category,quantity,unitCost,currency,supplier,countryOfOrigin';
const row = (serial: string, overrides: Record<number, string> = {}) => {
  const cells = [
    'DEL-1',
    'US-TX-1',
    '2026-11-20T14:05:00Z',
    serial,
    'G1',
    'LOT-A',
    'GPU-1',
    'compute',
    '8',
    '30000.00',
    'USD',
    'Acme',
    'US',
  ];
  for (const [index, value] of Object.entries(overrides)) cells[Number(index)] = value;
  return cells.join(',');
};

async function refusal(csv: string | Readable, limits?: { maxBytes: number; maxRows: number }): Promise<IntakeError> {
  try {
    await parseManifest(csv, limits);
  } catch (error) {
    return error as IntakeError;
  }
  throw new Error('expected the manifest to be refused');
}

describe('parseManifest', () => {
  const sut = parseManifest;

  it('groups rows into racks by serial, keeping first-seen order and BOM order', async () => {
    const { delivery, locate } = await sut(
      [HEADER, row('RK-2'), row('RK-1', { 6: 'NIC-1' }), row('RK-2', { 6: 'PSU-1', 7: 'power', 8: '2' })].join('\r\n'),
    );
    expect(delivery).toMatchObject({ reference: 'DEL-1', site: 'US-TX-1', receivedAt: '2026-11-20T14:05:00Z' });
    expect(delivery.racks.map((rack) => [rack.serial, rack.bom.map((line) => line.partNumber)])).toEqual([
      ['RK-2', ['GPU-1', 'PSU-1']],
      ['RK-1', ['NIC-1']],
    ]);
    expect(delivery.racks[0].bom[1]).toEqual({
      partNumber: 'PSU-1',
      category: 'power',
      quantity: 2,
      unitCost: '30000.00',
      currency: 'USD',
      supplier: 'Acme',
      countryOfOrigin: 'US',
    });
    expect(locate(0, 1, 'currency')).toBe('line 4, column currency');
    expect(locate(1, undefined, 'serial')).toBe('line 3, column rackSerial');
  });

  it('accepts columns in any order, quoted fields, a byte-order mark and blank lines', async () => {
    const header = HEADER.split(',').reverse().join(',');
    const cells = row('RK-1', { 11: '"Acme, Inc."' })
      .match(/("[^"]*"|[^,]+)/g)!
      .reverse()
      .join(',');
    const { delivery } = await sut(`\uFEFF${header}\n\n${cells}\n`);
    expect(delivery.racks[0].bom[0].supplier).toBe('Acme, Inc.');
  });

  it('reports every bad cell with its line and column', async () => {
    const error = await refusal(
      [HEADER, row('RK-1', { 8: '0', 9: '1.23456' }), row('RK-1', { 12: 'us', 10: 'DOLLARS' }), row('RK 2')].join('\n'),
    );
    expect(error.code).toBe('INVALID_MANIFEST');
    expect(error.details.map((d) => d.field).sort()).toEqual([
      'line 2, column quantity',
      'line 2, column unitCost',
      'line 3, column countryOfOrigin',
      'line 3, column currency',
      'line 4, column rackSerial',
    ]);
  });

  it('refuses a wrong header naming the columns, before looking at rows', async () => {
    const error = await refusal(`${HEADER.replace('lot', 'batch')},extra\n${row('RK-1')}`);
    expect(error.details.map((d) => d.field)).toEqual(['line 1, column batch', 'line 1, column extra', 'line 1, column lot']);
  });

  it('refuses rows that disagree on the delivery or on a rack', async () => {
    const error = await refusal([HEADER, row('RK-1'), row('RK-1', { 1: 'US-AZ-2', 4: 'G2' })].join('\n'));
    expect(error.details.map((d) => d.field)).toEqual(['line 3, column site', 'line 3, column generation']);
  });

  it('refuses malformed CSV and empty manifests with a line number', async () => {
    expect((await refusal(`${HEADER}\n${row('RK-1', { 11: '"Acme' })}`)).details[0].field).toMatch(/^line \d+$/);
    expect((await refusal('')).details[0].field).toBe('line 1');
    expect((await refusal(HEADER)).details[0]).toEqual({ field: 'line 2', message: 'the manifest has a header but no rows' });
    expect((await refusal(`${HEADER}\n${row('RK-1')},surplus`)).details[0]).toEqual({
      field: 'line 2',
      message: 'expected 13 fields, found 14',
    });
  });

  it('refuses what PostgreSQL would refuse, naming line and column: impossible dates, NUL, quantities and costs past their columns', async () => {
    const error = await refusal(
      [
        HEADER,
        row('RK-1', { 2: '2026-02-30T14:05:00Z' }),
        row('RK-1', { 2: '2026-02-30T14:05:00Z', 5: 'LOT\u0000A' }),
        row('RK-1', { 2: '2026-02-30T14:05:00Z', 8: '1000001', 9: '1000000000000.00' }),
      ].join('\n'),
    );
    expect(error.details.map((d) => d.field)).toEqual([
      'line 2, column receivedAt',
      'line 3, column receivedAt',
      'line 3, column lot',
      'line 4, column receivedAt',
      'line 4, column quantity',
      'line 4, column unitCost',
    ]);
  });

  it('stops at MANIFEST_MAX_BYTES and MANIFEST_MAX_ROWS, and names an over-long row', async () => {
    const rows = [HEADER, ...Array.from({ length: 20 }, (_, i) => row(`RK-${i}`))].join('\n');
    await expect(parseManifest(rows, { maxBytes: 1024, maxRows: 100 })).rejects.toEqual(
      new ManifestTooLargeError('MANIFEST_MAX_BYTES', 1024),
    );
    await expect(parseManifest(rows, { maxBytes: 1024 ** 2, maxRows: 10 })).rejects.toEqual(
      new ManifestTooLargeError('MANIFEST_MAX_ROWS', 10),
    );
    const long = await refusal(`${HEADER}\n${row('RK-1', { 11: 'x'.repeat(70_000) })}`);
    expect(long.details[0]).toEqual({ field: 'line 2', message: 'a row is longer than 65536 characters' });
  });

  it('reads a manifest as it streams in, chunk by chunk', async () => {
    const text = [HEADER, row('RK-1'), row('RK-2')].join('\r\n');
    const chunks = text.match(/[\s\S]{1,7}/g)!.map((piece) => Buffer.from(piece));
    const { delivery } = await sut(Readable.from(chunks));
    expect(delivery.racks.map((rack) => rack.serial)).toEqual(['RK-1', 'RK-2']);
  });
});
