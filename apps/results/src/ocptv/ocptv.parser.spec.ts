import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OcptvStreamParser } from './ocptv.parser';

const fixture = (name: string) => readFileSync(join(__dirname, '../../test/fixtures', name), 'utf8').trimEnd().split('\n');

function parseAll(lines: string[], serial = 'RK-OCP-1') {
  const sut = new OcptvStreamParser(serial);
  const results = lines.map((line) => sut.parse(line));
  return { sut, results, problems: results.flatMap((r, i) => (r.problem ? [`${i + 1}: ${r.problem.message}`] : [])), end: sut.finish() };
}

describe('OCPTV stream parser', () => {
  it('reads a well-formed stream: single measurements and series, components from hardware infos', () => {
    const { sut, results, problems, end } = parseAll(fixture('burn-in.ocptv.jsonl'));
    expect(problems).toEqual([]);
    expect(end).toEqual([]);
    const samples = results.flatMap((r) => r.samples);
    expect(samples).toHaveLength(16);
    expect(samples[0]).toEqual({ metric: 'rack.power', value: 48_000, unit: 'W', component: 'pdu1', observedAt: '2026-11-20T10:00:10.000Z' });
    expect(samples[15]).toMatchObject({ metric: 'training.tokens_per_s', value: 1211.75, unit: 'tokens/s', component: 'rack' });
    expect(sut.summary).toMatchObject({ artifacts: 32, steps: 2, runStatus: 'COMPLETE', runResult: 'PASS', diagnoses: { PASS: 1 } });
  });

  it('names every bad line and a truncated end', () => {
    const { problems, end } = parseAll(fixture('malformed.ocptv.jsonl'));
    expect(problems).toEqual([
      '6: not valid JSON',
      '8: measurementSeriesElement refers to series nope, which is not open',
      '10: measurement rack.power: value must be a finite number',
    ]);
    expect(end).toEqual(['the stream ended without testRunEnd (truncated?)', 'measurement series power-pdu1 has no measurementSeriesEnd']);
  });

  it('refuses a stream about another rack as a rule, not as malformed', () => {
    const { results } = parseAll(fixture('wrong-rack.ocptv.jsonl'));
    expect(results[1].problem).toEqual({
      message: "dutInfo.hardwareInfos[].serialNumber must include the run's rack RK-OCP-1 (found RK-OTHER-9, PDU-88121, PDU-88122)",
      rule: true,
    });
  });

  it('refuses a series element whose timestamp has the right shape but is no date (month 13) as a bad line', () => {
    const lines = fixture('burn-in.ocptv.jsonl');
    const element = lines.findIndex((line) => line.includes('measurementSeriesElement'));
    const artifact = JSON.parse(lines[element]);
    artifact.testStepArtifact.measurementSeriesElement.timestamp = '2026-13-01T00:00:00Z';
    lines[element] = JSON.stringify(artifact);
    const { problems } = parseAll(lines);
    expect(problems).toContain(`${element + 1}: measurementSeriesElement.timestamp must be an RFC 3339 date-time (a real date, years 0001-9999 in UTC)`);
  });

  it('checks the envelope of every artifact', () => {
    const sut = new OcptvStreamParser('RK-1');
    expect(sut.parse('{"testRunArtifact":{},"sequenceNumber":0,"timestamp":"2026-11-20T10:00:00Z"}').problem?.message).toBe(
      'the first artifact must be schemaVersion',
    );
    expect(sut.parse('{"schemaVersion":{"major":1,"minor":0},"sequenceNumber":0,"timestamp":"2026-11-20T10:00:00Z"}').problem?.message).toContain('OCPTV 2.x');
    expect(sut.parse('{"schemaVersion":{"major":2,"minor":0},"sequenceNumber":-1,"timestamp":"2026-11-20T10:00:00Z"}').problem?.message).toContain('sequenceNumber');
    expect(sut.parse('{"schemaVersion":{"major":2,"minor":0},"testRunArtifact":{},"sequenceNumber":0,"timestamp":"2026-11-20T10:00:00Z"}').problem?.message).toContain(
      'exactly one of',
    );
    expect(sut.parse('[1,2]').problem?.message).toBe('an artifact must be a JSON object');
  });
});

describe('OCPTV stream parser: what PostgreSQL would refuse is a bad line', () => {
  const lines = fixture('burn-in.ocptv.jsonl');
  const elementAt = lines.findIndex((line) => line.includes('measurementSeriesElement'));
  const measurementAt = lines.findIndex((line) => line.includes('"measurement"'));
  const withArtifact = (index: number, change: (artifact: any) => void) => {
    const copy = [...lines];
    const artifact = JSON.parse(copy[index]);
    change(artifact);
    copy[index] = JSON.stringify(artifact);
    return parseAll(copy).problems;
  };

  it.each([
    ['Feb 30', '2026-02-30T10:00:00Z'],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['an instant past 9999 once in UTC', '9999-12-31T23:00:00-05:00'],
    ['hour 24', '2026-11-20T24:00:00Z'],
  ])('refuses a series element dated %s', (_, timestamp) => {
    const problems = withArtifact(elementAt, (a) => (a.testStepArtifact.measurementSeriesElement.timestamp = timestamp));
    expect(problems).toContain(`${elementAt + 1}: measurementSeriesElement.timestamp must be an RFC 3339 date-time (a real date, years 0001-9999 in UTC)`);
  });

  it('refuses an artifact timestamp that is no real date', () => {
    expect(withArtifact(measurementAt, (a) => (a.timestamp = '2026-02-29T10:00:00Z'))).toContain(
      `${measurementAt + 1}: timestamp must be an RFC 3339 date-time (a real date, years 0001-9999 in UTC)`,
    );
  });

  it('refuses NUL characters and over-long names in what becomes a stored value', () => {
    expect(withArtifact(measurementAt, (a) => (a.testStepArtifact.measurement.name = 'rack.\u0000power'))).toContain(
      `${measurementAt + 1}: measurement needs a name of 1-128 characters without control characters`,
    );
    expect(withArtifact(measurementAt, (a) => (a.testStepArtifact.measurement.unit = 'W\u0000'))[0]).toMatch(/unit must be 1-32 characters/);
    expect(withArtifact(measurementAt, (a) => (a.testStepArtifact.measurement.subcomponent = { name: 'gpu\u00001' }))[0]).toMatch(/component must be 1-128 characters/);
    expect(withArtifact(measurementAt, (a) => (a.testStepArtifact.measurement.subcomponent = { name: 'g'.repeat(129) }))[0]).toMatch(/component must be 1-128/);
  });
});
