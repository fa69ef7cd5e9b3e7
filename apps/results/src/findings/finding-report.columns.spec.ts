import { FINDING_REPORT_CSV_HEADER, FINDING_REPORT_XLSX_COLUMNS, findingReportCsvLines, toReportLine } from './finding-report.columns';
import type { FindingRecord } from './finding.model';

const finding: FindingRecord = {
  id: '0b7f8a7e-5f0e-4d7e-9c56-3a4b5c6d7e8f',
  origin: 'CRITERION',
  rackSerial: 'RK-G2-0001',
  generation: 'G2',
  lot: 'B',
  runId: '5f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5',
  criterion: 'rack.power',
  diagnosis: null,
  title: '+PSU shelf 2 tripped, "twice"',
  failureClass: 'POWER',
  component: { partNumber: 'PSU-3KW-A', supplier: 'Delta Electronics', countryOfOrigin: 'TW', location: 'PSU shelf 2' },
  owner: 'tess',
  state: 'TRIAGED',
  rmaId: null,
  rmaNumber: null,
  groupKey: 'criterion:rack.power|PSU-3KW-A|POWER',
  version: 2,
  openedBy: 'tess',
  openedAt: '2026-11-29T10:00:00.000Z',
  updatedAt: '2026-11-29T11:30:00.000Z',
};

describe("the findings report's columns", () => {
  const sut = toReportLine({
    finding,
    similar: 12,
    attachmentIds: ['a1b2c3d4-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000002'],
    position: [finding.openedAt, finding.id],
  });

  it('writes one CSV line per finding with its BOM line, group size and evidence paths, text through the formula rule', () => {
    expect(FINDING_REPORT_CSV_HEADER).toBe(
      'id,rack_serial,generation,lot,run_id,origin,criterion,diagnosis,title,failure_class,state,owner,part_number,supplier,' +
        'country_of_origin,location,opened_at,updated_at,group_key,similar_findings,evidence\r\n',
    );
    expect(findingReportCsvLines([sut])).toBe(
      '0b7f8a7e-5f0e-4d7e-9c56-3a4b5c6d7e8f,RK-G2-0001,G2,B,5f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5,CRITERION,rack.power,,' +
        `"'+PSU shelf 2 tripped, ""twice""",POWER,TRIAGED,tess,PSU-3KW-A,Delta Electronics,TW,PSU shelf 2,` +
        '2026-11-29T10:00:00.000Z,2026-11-29T11:30:00.000Z,criterion:rack.power|PSU-3KW-A|POWER,12,' +
        '/v1/findings/0b7f8a7e-5f0e-4d7e-9c56-3a4b5c6d7e8f/attachments/a1b2c3d4-0000-4000-8000-000000000001;' +
        '/v1/findings/0b7f8a7e-5f0e-4d7e-9c56-3a4b5c6d7e8f/attachments/a1b2c3d4-0000-4000-8000-000000000002\r\n',
    );
  });

  it('gives the workbook the same columns as typed cells', () => {
    const cells = Object.fromEntries(FINDING_REPORT_XLSX_COLUMNS.map((column) => [column.header, column.cell(sut)]));
    expect(FINDING_REPORT_XLSX_COLUMNS).toHaveLength(FINDING_REPORT_CSV_HEADER.split(',').length);
    expect(cells['Opened at (UTC)'].value).toEqual(new Date('2026-11-29T10:00:00.000Z'));
    expect(cells['Similar findings']).toEqual({ value: 12, numFmt: '0' });
    expect(cells.Title.value).toBe(`'+PSU shelf 2 tripped, "twice"`);
    expect(cells.Diagnosis.value).toBeNull();
  });
});
