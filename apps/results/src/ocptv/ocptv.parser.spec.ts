import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArtifactRecord, OcptvStreamParser } from './ocptv.parser';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '../../test/fixtures', name), 'utf8')
    .trimEnd()
    .split('\n');

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
    expect(samples[0]).toEqual({
      metric: 'rack.power',
      value: 48_000,
      unit: 'W',
      component: 'pdu1',
      observedAt: '2026-11-20T10:00:10.000Z',
    });
    expect(samples[15]).toMatchObject({ metric: 'training.tokens_per_s', value: 1211.75, unit: 'tokens/s', component: 'rack' });
    expect(sut.summary).toMatchObject({ artifacts: 32, steps: 2, runStatus: 'COMPLETE', runResult: 'PASS', diagnoses: { PASS: 1 } });
  });

  it('reads a stream the ocptv library wrote: boolean, string and unit-less measurements, validators, diagnoses, logs, errors, files and DUT info', () => {
    const { sut, results, problems, end } = parseAll(fixture('burn-in-mixed.ocptv.jsonl'), 'RK-OCP-3');
    expect(problems).toEqual([]);
    expect(end).toEqual([]);
    expect(results.flatMap((r) => r.samples).map((s) => [s.metric, s.value, s.unit])).toEqual([
      ['rack.power', 118.5, 'kW'],
      ['rack.power', 121, 'kW'],
      ['rack.power', 124.25, 'kW'],
      ['rack.power', 122, 'kW'],
      ['training.tokens_per_s', 1210.5, 'tokens/s'],
    ]);
    const records = results.flatMap((r) => r.records ?? []);
    // Arrival time and sequence vary by run; the rest of each record is what was written.
    const strip = (record: ArtifactRecord): Partial<ArtifactRecord> => {
      const rest: Partial<ArtifactRecord> = { ...record };
      delete rest.at;
      delete rest.sequence;
      return rest;
    };
    expect(records.map(strip)).toEqual([
      { kind: 'LOG', level: 'INFO', message: 'burn-in starting' },
      {
        kind: 'MEASUREMENT',
        stepId: '0',
        name: 'nvlink_link_up',
        value: true,
        component: 'nvlink-switch-0',
        hardwareInfoId: 'dut0_1',
        validators: [{ type: 'EQUAL', name: 'links_up', passed: true }],
        validation: 'PASS',
      },
      {
        kind: 'MEASUREMENT',
        stepId: '0',
        name: 'bmc_health',
        value: 'degraded',
        validators: [{ type: 'IN_SET', name: 'health_ok', passed: false }],
        validation: 'FAIL',
      },
      { kind: 'MEASUREMENT', stepId: '0', name: 'fan_speed', value: 4200 },
      {
        kind: 'DIAGNOSIS',
        stepId: '0',
        level: 'FAIL',
        name: 'nvlink-crc-errors',
        message: 'CRC errors above threshold on port 3',
        component: 'nvlink-switch-0',
        hardwareInfoId: 'dut0_1',
      },
      { kind: 'DIAGNOSIS', stepId: '0', level: 'PASS', name: 'power-ok', component: 'rack', hardwareInfoId: 'dut0_0' },
      { kind: 'LOG', stepId: '0', level: 'WARNING', message: 'fan 3 spinning up slowly' },
      { kind: 'ERROR', stepId: '0', level: 'ERROR', name: 'nvlink-retrain', message: 'port 3 retrained twice' },
      {
        kind: 'FILE',
        stepId: '0',
        name: 'nvlink-dump.tar.gz',
        uri: 'file:///var/log/burnin/nvlink-dump.tar.gz',
        contentType: 'application/gzip',
        message: 'fabric dump',
      },
    ]);
    const dut = results.find((r) => r.dut)?.dut as {
      softwareInfos: Array<{ name: string; softwareType: string }>;
      hardwareInfos: unknown[];
    };
    expect(dut.softwareInfos.map((s) => `${s.name}:${s.softwareType}`)).toEqual(['bmc:FIRMWARE', 'nvidia-driver:SYSTEM']);
    expect(dut.hardwareInfos).toHaveLength(2);
    expect(sut.summary).toMatchObject({
      diagnoses: { FAIL: 1, PASS: 1 },
      validations: { PASS: 5, FAIL: 1 },
      records: { LOG: 2, MEASUREMENT: 3, DIAGNOSIS: 2, ERROR: 1, FILE: 1 },
    });
  });

  it('records a numeric sample whose validator fails beside the measurements, and names a malformed validator', () => {
    const lines = fixture('burn-in-mixed.ocptv.jsonl');
    const start = lines.findIndex((line) => line.includes('measurementSeriesStart'));
    const artifact = JSON.parse(lines[start]);
    artifact.testStepArtifact.measurementSeriesStart.validators = [{ type: 'LESS_THAN', value: 120 }];
    const bad = JSON.parse(lines[start]);
    bad.testStepArtifact.measurementSeriesStart.validators = [{ type: 'AROUND', value: 120 }];
    const { results } = parseAll([...lines.slice(0, start), JSON.stringify(artifact), ...lines.slice(start + 1)], 'RK-OCP-3');
    const failed = results.flatMap((r) => r.records ?? []).filter((r) => r.inMeasurements);
    expect(failed.map((r) => r.value)).toEqual([121, 124.25, 122]);
    expect(results.flatMap((r) => r.samples)).toHaveLength(5);
    const refused = parseAll([...lines.slice(0, start), JSON.stringify(bad)], 'RK-OCP-3');
    expect(refused.problems[0]).toMatch(new RegExp(`^${start + 1}: validators\\[0\\]: validator type must be one of EQUAL`));
  });

  it('names every bad line and a truncated end', () => {
    const { problems, end } = parseAll(fixture('malformed.ocptv.jsonl'));
    expect(problems).toEqual(['6: not valid JSON', '8: measurementSeriesElement refers to series nope, which is not open']);
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
    expect(problems).toContain(
      `${element + 1}: measurementSeriesElement.timestamp must be an RFC 3339 date-time (a real date, years 0001-9999 in UTC)`,
    );
  });

  it('checks the envelope of every artifact', () => {
    const sut = new OcptvStreamParser('RK-1');
    expect(sut.parse('{"testRunArtifact":{},"sequenceNumber":0,"timestamp":"2026-11-20T10:00:00Z"}').problem?.message).toBe(
      'the first artifact must be schemaVersion',
    );
    expect(
      sut.parse('{"schemaVersion":{"major":1,"minor":0},"sequenceNumber":0,"timestamp":"2026-11-20T10:00:00Z"}').problem?.message,
    ).toContain('OCPTV 2.x');
    expect(
      sut.parse('{"schemaVersion":{"major":2,"minor":0},"sequenceNumber":-1,"timestamp":"2026-11-20T10:00:00Z"}').problem?.message,
    ).toContain('sequenceNumber');
    expect(
      sut.parse('{"schemaVersion":{"major":2,"minor":0},"testRunArtifact":{},"sequenceNumber":0,"timestamp":"2026-11-20T10:00:00Z"}')
        .problem?.message,
    ).toContain('exactly one of');
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
    expect(problems).toContain(
      `${elementAt + 1}: measurementSeriesElement.timestamp must be an RFC 3339 date-time (a real date, years 0001-9999 in UTC)`,
    );
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
    expect(withArtifact(measurementAt, (a) => (a.testStepArtifact.measurement.unit = 'W\u0000'))[0]).toMatch(
      /unit must be 1-32 characters/,
    );
    expect(withArtifact(measurementAt, (a) => (a.testStepArtifact.measurement.subcomponent = { name: 'gpu\u00001' }))[0]).toMatch(
      /component must be 1-128 characters/,
    );
    expect(withArtifact(measurementAt, (a) => (a.testStepArtifact.measurement.subcomponent = { name: 'g'.repeat(129) }))[0]).toMatch(
      /component must be 1-128/,
    );
  });
});
