import { OcptvStreamParser } from './ocptv.parser';

const at = '2026-11-20T10:00:00Z';
const lines = [
  { schemaVersion: { major: 2, minor: 0 } },
  {
    testRunArtifact: {
      testRunStart: {
        name: 'soak',
        version: '1',
        commandLine: 'soak',
        parameters: {},
        dutInfo: { dutInfoId: 'd', hardwareInfos: [{ hardwareInfoId: 'hw', name: 'psu-1', serialNumber: 'RK-1' }] },
      },
    },
  },
  { testStepArtifact: { testStepId: 's', testStepStart: { name: 'step' } } },
  {
    testStepArtifact: {
      testStepId: 's',
      measurementSeriesStart: { measurementSeriesId: 'p', name: 'rack.power', unit: 'W', hardwareInfoId: 'hw' },
    },
  },
  { testStepArtifact: { testStepId: 's', measurementSeriesElement: { measurementSeriesId: 'p', index: 0, value: 1, timestamp: at } } },
  { testStepArtifact: { testStepId: 's', measurementSeriesElement: { measurementSeriesId: 'p', index: 1, value: 2, timestamp: at } } },
  { testStepArtifact: { testStepId: 's', measurementSeriesEnd: { measurementSeriesId: 'p', totalCount: 2 } } },
  { testStepArtifact: { testStepId: 's', diagnosis: { verdict: 'ok', type: 'PASS' } } },
  { testRunArtifact: { testRunEnd: { status: 'COMPLETE', result: 'PASS' } } },
].map((body, i) => JSON.stringify({ ...body, sequenceNumber: i, timestamp: at }));

describe('OcptvStreamParser snapshot and restore (the chunks of a resumable upload)', () => {
  it('goes on after a JSON round trip exactly as one parser reading the whole stream', () => {
    for (let cut = 0; cut <= lines.length; cut++) {
      const whole = new OcptvStreamParser('RK-1');
      const expected = lines.map((line) => whole.parse(line));
      const first = new OcptvStreamParser('RK-1');
      const before = lines.slice(0, cut).map((line) => first.parse(line));
      const sut = OcptvStreamParser.restore('RK-1', JSON.parse(JSON.stringify(first.snapshot())));
      const after = lines.slice(cut).map((line) => sut.parse(line));
      expect([...before, ...after]).toEqual(expected);
      expect(sut.finish()).toEqual([]);
      expect(sut.summary).toEqual(whole.summary);
    }
  });

  it('keeps an open series across the cut: its elements carry its name, unit and component, and its end checks the count', () => {
    const first = new OcptvStreamParser('RK-1');
    lines.slice(0, 5).forEach((line) => first.parse(line));
    const sut = OcptvStreamParser.restore('RK-1', JSON.parse(JSON.stringify(first.snapshot())));
    expect(sut.parse(lines[5]).samples).toEqual([
      { metric: 'rack.power', value: 2, unit: 'W', component: 'psu-1', observedAt: '2026-11-20T10:00:00.000Z' },
    ]);
    expect(sut.parse(lines[6]).problem).toBeUndefined();
  });
});
