import { csvColumns, LineError, parseCsvLine, parseNdjsonLine, splitCsv } from './measurement-lines';

describe('measurement lines (NDJSON and CSV pushes)', () => {
  it('reads CSV with any column order, quoted fields and optional columns', () => {
    const columns = csvColumns('unit,Metric,value,component,observedAt');
    expect(parseCsvLine('kW,rack_power,118.5,"pdu, left",2026-11-20T10:00:00Z', 2, columns)).toEqual({
      unit: 'kW',
      metric: 'rack_power',
      value: 118.5,
      component: 'pdu, left',
      observedAt: '2026-11-20T10:00:00Z',
    });
    expect(parseCsvLine('kW,rack_power,118.5,,', 3, columns)).toEqual({ unit: 'kW', metric: 'rack_power', value: 118.5 });
    expect(splitCsv('"say ""hi""",x', 1)).toEqual(['say "hi"', 'x']);
  });

  it('names the line of what it cannot read', () => {
    expect(() => csvColumns('metric,unit')).toThrow(
      new LineError(1, 'the CSV header must name the columns metric, value and unit (missing value; found metric, unit)'),
    );
    expect(() => parseCsvLine('rack_power,hot,kW', 9, csvColumns('metric,value,unit'))).toThrow(
      'line 9: value must be a number (got "hot")',
    );
    expect(() => parseNdjsonLine('{"metric":', 4)).toThrow('line 4: not valid JSON');
    expect(() => parseNdjsonLine('[1]', 5)).toThrow('line 5: must be a JSON object');
  });
});
