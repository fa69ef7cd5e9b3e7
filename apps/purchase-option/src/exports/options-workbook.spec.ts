import ExcelJS from 'exceljs';
import { Decimal } from '@rackeval/platform';
import { approvalEntry, optionView } from '../../test/support/option-view.fixture';
import { optionsWorkbook } from './options-workbook';

const audit = approvalEntry({ id: '7', reason: '=HYPERLINK("http://evil.example","click")' });

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

const columnOf = (sheet: ExcelJS.Worksheet, header: string) => {
  const values = sheet.getRow(1).values as unknown[];
  const index = values.indexOf(header);
  if (index < 1) throw new Error(`no column ${header}`);
  return index;
};
const cell = (sheet: ExcelJS.Worksheet, row: number, header: string) => sheet.getRow(row).getCell(columnOf(sheet, header));

describe('the finance workbook', () => {
  const options = [
    optionView(),
    optionView({
      rackSerial: 'RK-0002',
      generation: 'G2',
      state: 'EXERCISABLE',
      outcome: null,
      daysLeft: 9,
      terms: { ...optionView().terms!, generation: 'G2', unitPrice: '12345678901234567.89' },
    }),
    optionView({
      rackSerial: 'RK-0003',
      state: 'DECLINED',
      outcome: { decidedBy: 'fiona', approvedBy: null, rationale: '@SUM(A1:A9)', endedAt: '2026-01-20T10:00:00.000Z' },
    }),
  ];

  it('has a summary, one sheet per generation, the decisions and the audit', async () => {
    const sut = await readBack(await optionsWorkbook(options, [audit], new Date('2026-01-21T00:00:00.000Z')));
    expect(sut.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'G1', 'G2', 'Decisions', 'Audit']);
    expect(
      sut
        .getWorksheet('G1')!
        .getColumn(columnOf(sut.getWorksheet('G1')!, 'Rack serial'))
        .values.slice(2),
    ).toEqual(['RK-0001', 'RK-0003']);
    expect(sut.getWorksheet('G2')!.actualRowCount).toBe(2);
    expect(sut.getWorksheet('Decisions')!.actualRowCount).toBe(3);
    const summary = sut.getWorksheet('Summary')!;
    expect(cell(summary, 2, 'Generation').value).toBe('G1');
    expect(cell(summary, 2, 'EXERCISED').value).toBe(1);
    expect(cell(summary, 2, 'DECLINED').value).toBe(1);
    expect(cell(summary, 2, 'Committed spend').value).toBe(1250000.1);
  });

  it('writes money as a number cell showing the exact decimal and currency when a double holds it exactly, else as exact text', async () => {
    const sut = await readBack(await optionsWorkbook(options, [audit], new Date()));
    const price = cell(sut.getWorksheet('G1')!, 2, 'Unit price');
    expect(price.type).toBe(ExcelJS.ValueType.Number);
    expect(price.value).toBe(1250000.1);
    expect(price.numFmt).toBe('#,##0.00 "USD"');
    const huge = cell(sut.getWorksheet('G2')!, 2, 'Unit price');
    expect(huge.type).toBe(ExcelJS.ValueType.String);
    expect(huge.value).toBe('12345678901234567.89 USD');
    const tco = cell(sut.getWorksheet('G1')!, 2, 'TCO');
    expect(Decimal.parse(String(tco.value)).compare(Decimal.parse(options[0].evidence.value.tco.value!))).toBe(0);
    expect(tco.numFmt).toBe('#,##0.00 "USD"');
  });

  it('writes dates, counts and flags as typed cells', async () => {
    const sut = await readBack(await optionsWorkbook(options, [audit], new Date()));
    const g1 = sut.getWorksheet('G1')!;
    expect(cell(g1, 2, 'Expires at (UTC)').value).toEqual(new Date('2026-02-11T15:30:00.000Z'));
    expect(cell(g1, 2, 'Expires at (UTC)').type).toBe(ExcelJS.ValueType.Date);
    expect(cell(g1, 2, 'Criteria met').value).toBe(5);
    expect(cell(g1, 2, 'Domestic met').value).toBe(true);
    expect(cell(g1, 2, 'Performance').value).toBe(24000);
    expect(cell(sut.getWorksheet('G2')!, 2, 'Days left').value).toBe(9);
  });

  it('freezes the header, filters every column and sizes the columns', async () => {
    const sut = await readBack(await optionsWorkbook(options, [audit], new Date()));
    for (const sheet of sut.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
      expect(sheet.getRow(1).font?.bold).toBe(true);
    }
    const g1 = sut.getWorksheet('G1')!;
    expect(String(g1.autoFilter)).toMatch(/^A1:[A-Z]+1$/);
    expect(g1.getColumn(columnOf(g1, 'Rationale')).width).toBe(40);
  });

  it('neutralises formulas in text cells with the CSV rule', async () => {
    const sut = await readBack(await optionsWorkbook(options, [audit], new Date()));
    expect(cell(sut.getWorksheet('Audit')!, 2, 'Reason').value).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(cell(sut.getWorksheet('Decisions')!, 3, 'Rationale').value).toBe(`'@SUM(A1:A9)`);
    for (const sheet of sut.worksheets) sheet.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('appends the incarnation and the latest RMA number to the option sheets, and the incarnation to the audit, after every other column', async () => {
    const back = optionView({
      rackSerial: 'RK-0004',
      incarnation: 2,
      rma: {
        rmaId: '4b1f2c3d-0000-4000-8000-000000000001',
        rmaNumber: '=RMA-2026-7001',
        shippedAt: '2026-01-15T08:00:00.000Z',
        receivedAt: '2026-01-19T12:00:00.000Z',
        incarnationAfter: 2,
        returnKind: 'REPAIRED',
        replacedBy: null,
      },
    });
    const reopened = approvalEntry({ id: '9', rackSerial: 'RK-0004', action: 'REOPENED_AFTER_RMA', incarnation: 2 });
    const sut = await readBack(await optionsWorkbook([...options, back], [audit, reopened], new Date()));
    const g1 = sut.getWorksheet('G1')!;
    const headers = (g1.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 3)).toEqual(['Rack serial', 'Generation', 'State']);
    expect(headers.slice(-3)).toEqual(['Ended at (UTC)', 'Incarnation', 'RMA']);
    const rowOf = (serial: string) => g1.getColumn(1).values.indexOf(serial);
    expect(cell(g1, rowOf('RK-0001'), 'Incarnation').value).toBe(1);
    expect(cell(g1, rowOf('RK-0001'), 'RMA').value).toBeNull();
    expect(cell(g1, rowOf('RK-0004'), 'Incarnation').value).toBe(2);
    expect(cell(g1, rowOf('RK-0004'), 'RMA').value).toBe(`'=RMA-2026-7001`);
    const auditSheet = sut.getWorksheet('Audit')!;
    expect((auditSheet.getRow(1).values as unknown[]).slice(-2)).toEqual(['Currency', 'Incarnation']);
    expect(cell(auditSheet, 2, 'Incarnation').value).toBe(1);
    expect(cell(auditSheet, 3, 'Incarnation').value).toBe(2);
  });
});
