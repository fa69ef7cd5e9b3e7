import { TestTokens } from '@rackeval/auth/testing';
import { RackShippedForRma } from '@rackeval/contracts';
import { deleteTestTopics, parseCsv, produceEvents, produceRmaReturn, RunningService, waitFor } from '@rackeval/testing';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import type PdfParse from 'pdf-parse';
import request from 'supertest';
import { PurchaseOptionConfig } from '../src/config';
import { Api, evaluated, received, sendEvaluation, sendReceived, start } from './fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdf: typeof PdfParse = require('pdf-parse/lib/pdf-parse.js');

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('finance formats over HTTP: the XLSX export and the decision memo PDF', () => {
  let tokens: TestTokens;
  let service: RunningService<PurchaseOptionConfig>;
  let api: Api;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    service = await start(tokens);
    api = new Api(service.url, tokens);
    await api.activeTerms('GX', { unitPrice: '900000.10', currency: 'USD', windowDays: 30, approvalThreshold: '1000000.00' });
    await api.activeTerms('GY', { unitPrice: '1100000.00', currency: 'EUR', windowDays: 30, approvalThreshold: '2000000.00' });
    await sendReceived(received('RK-X1', 'GX'), received('RK-X2', 'GX'), received('RK-Y1', 'GY'));
    await sendEvaluation(evaluated('RK-X1', 'GX'), evaluated('RK-X2', 'GX', { outcome: 'FAILED' }), evaluated('RK-Y1', 'GY'));
    await api.waitForOption('RK-X1', 'EXERCISABLE');
    await api.waitForOption('RK-X2', 'NOT_EXERCISABLE');
    await api.waitForOption('RK-Y1', 'EXERCISABLE');
    const fiona = await api.as('fiona');
    await fiona.post('/v1/options/RK-X1/decision', { decision: 'EXERCISE', rationale: '=cmd|"/c calc"!A1 best value' }).expect(200);
  });

  afterAll(async () => {
    await service?.close();
    await deleteTestTopics();
    await tokens?.dispose();
  });

  const download = async (user: string, path: string) =>
    request(service.url)
      .get(path)
      .set('authorization', `Bearer ${await tokens.token(user)}`)
      .buffer(true)
      .parse(binary);

  it('exports the queue as a workbook: a sheet per generation, typed cells, exact money, the CSV filter and roles', async () => {
    const response = await download('fiona', '/v1/options/export.xlsx');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toContain('purchase-options.xlsx');
    const sut = new ExcelJS.Workbook();
    await sut.xlsx.load(response.body);
    expect(sut.worksheets.map((sheet) => sheet.name)).toEqual(expect.arrayContaining(['Summary', 'GX', 'GY', 'Decisions', 'Audit']));
    const gx = sut.getWorksheet('GX')!;
    const header = gx.getRow(1).values as unknown[];
    const row = gx.getRow(2);
    expect(row.getCell(header.indexOf('Rack serial')).value).toBe('RK-X1');
    expect(row.getCell(header.indexOf('Unit price')).value).toBe(900000.1);
    expect(row.getCell(header.indexOf('Unit price')).numFmt).toBe('#,##0.00 "USD"');
    expect(row.getCell(header.indexOf('Verdict at (UTC)')).value).toBeInstanceOf(Date);
    expect(row.getCell(header.indexOf('Rationale')).value).toBe(`'=cmd|"/c calc"!A1 best value`);
    expect(gx.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const gy = sut.getWorksheet('GY')!;
    expect(gy.getRow(2).getCell((gy.getRow(1).values as unknown[]).indexOf('Unit price')).numFmt).toBe('#,##0.00 "EUR"');

    const filtered = new ExcelJS.Workbook();
    await filtered.xlsx.load((await download('farid', '/v1/options/export.xlsx?generation=GY')).body);
    expect(filtered.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'GY', 'Decisions', 'Audit']);

    expect((await download('vic', '/v1/options/export.xlsx')).status).toBe(403);
    expect((await download('fiona', '/v1/options/export.xlsx?state=NOPE')).status).toBe(400);
  });

  it('serves the decision memo of an option as a PDF whose text carries the evidence and the decision', async () => {
    const response = await download('vic', '/v1/options/RK-X1/memo.pdf');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = (await pdf(response.body)).text.replace(/\s+/g, ' ');
    expect(text).toContain('rack RK-X1');
    expect(text).toContain('Performance verdict: PASSED (12 of 12 criteria met)');
    expect(text).toContain('Unit price: 900000.10 USD');
    expect(text).toContain('3200 tokens/s (target 3000 tokens/s, met)');
    expect(text).toContain('Decided by: fiona');
    expect(text).toContain('EXERCISED');

    const failed = (await pdf((await download('fiona', '/v1/options/RK-X2/memo.pdf')).body)).text.replace(/\s+/g, ' ');
    expect(failed).toContain('Performance verdict: FAILED');
    expect((await download('fiona', '/v1/options/RK-NONE/memo.pdf')).status).toBe(404);
  });

  it('shows a rack back from an RMA as its incarnation with the RMA in the CSV, the workbook and the memo', async () => {
    const serial = 'RK-X4';
    const rmaNumber = 'RMA-2026-8201';
    await sendReceived(received(serial, 'GX'));
    await api.waitForOption(serial, 'PENDING_EVALUATION');
    await (await api.as('fiona')).post(`/v1/options/${serial}/decision`, { decision: 'DECLINE', rationale: 'PSU shelf trips' }).expect(200);
    const rma = { rmaId: randomUUID(), rmaNumber, serials: [serial], findingIds: [randomUUID()] };
    const shippedAt = new Date().toISOString();
    await produceEvents(RackShippedForRma, [
      { rackSerial: serial, generation: 'GX', actor: 'ines', occurredAt: shippedAt, rmaId: rma.rmaId, rmaNumber, shippedAt },
    ]);
    await produceRmaReturn(serial, rma, { generation: 'GX', incarnation: 2 });
    const viewer = await api.as('vic');
    const back = await waitFor('the option reopened for incarnation 2 with its RMA back', async () => {
      const option = (await viewer.get(`/v1/options/${serial}`).expect(200)).body;
      return option.incarnation === 2 && option.rma?.incarnationAfter === 2 ? option : undefined;
    });

    const [csvHeader, ...csvRows] = parseCsv((await download('fiona', '/v1/options/export.csv?generation=GX')).body.toString('utf8'));
    expect(csvHeader.slice(-3)).toEqual(['ended_at', 'incarnation', 'rma']);
    const csvRow = (serialOf: string) => csvRows.find((row) => row[csvHeader.indexOf('rack_serial')] === serialOf)!;
    expect([csvRow(serial).at(-2), csvRow(serial).at(-1)]).toEqual(['2', rmaNumber]);
    expect([csvRow('RK-X1').at(-2), csvRow('RK-X1').at(-1)]).toEqual(['1', '']);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download('fiona', '/v1/options/export.xlsx?generation=GX')).body);
    const gx = workbook.getWorksheet('GX')!;
    const header = (gx.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(-3)).toEqual(['Ended at (UTC)', 'Incarnation', 'RMA']);
    const rowOf = (serialOf: string) => gx.getRow((gx.getColumn(header.indexOf('Rack serial') + 1).values as unknown[]).indexOf(serialOf));
    expect(rowOf(serial).getCell(header.indexOf('Incarnation') + 1).value).toBe(2);
    expect(rowOf(serial).getCell(header.indexOf('RMA') + 1).value).toBe(rmaNumber);
    expect(rowOf('RK-X1').getCell(header.indexOf('Incarnation') + 1).value).toBe(1);
    expect(rowOf('RK-X1').getCell(header.indexOf('RMA') + 1).value).toBeNull();
    const audit = workbook.getWorksheet('Audit')!;
    const auditHeader = audit.getRow(1).values as unknown[];
    expect(auditHeader.at(-1)).toBe('Incarnation');
    const lines: Array<[unknown, unknown, unknown]> = [];
    audit.eachRow((row, index) => {
      if (index > 1)
        lines.push([
          row.getCell(auditHeader.indexOf('Rack serial')).value,
          row.getCell(auditHeader.indexOf('Action')).value,
          row.getCell(auditHeader.indexOf('Incarnation')).value,
        ]);
    });
    expect(lines).toContainEqual([serial, 'DECLINED', 1]);
    expect(lines).toContainEqual([serial, 'REOPENED_AFTER_RMA', 2]);

    const memo = (await pdf((await download('vic', `/v1/options/${serial}/memo.pdf`)).body)).text;
    expect(memo.replace(/\s+/g, ' ')).toContain(
      `Incarnation 2 — back from the manufacturer under RMA ${rmaNumber} (repaired) on ${back.rma.receivedAt.slice(0, 10)}`,
    );
    const history = memo.slice(memo.indexOf('Decision history')).replace(/\s+/g, '');
    expect(history).toContain('When(UTC)IncarnationAction');
    expect(history).toMatch(/Z1DECLINED/);
    expect(history).toMatch(/Z2REOPENED_AFTER_RMA/);
  });
});
