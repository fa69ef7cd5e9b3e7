import { createReadStream } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ResultsHarness } from './support/results.harness';

const fixture = (name: string) => join(__dirname, 'fixtures', name);

/** 100,000 artifacts produced lazily: a long power series, never held in memory on either side. */
function longStream(serial: string, artifacts: number, { truncated = false } = {}): Readable {
  const elements = artifacts - 8;
  const at = (i: number) => new Date(Date.UTC(2026, 10, 20, 10) + i * 10).toISOString();
  let seq = 0;
  const line = (body: object, i = seq) => `${JSON.stringify({ ...body, sequenceNumber: seq++, timestamp: at(i) })}\n`;
  function* lines() {
    yield line({ schemaVersion: { major: 2, minor: 0 } });
    const dutInfo = { dutInfoId: 'dut', hardwareInfos: [{ hardwareInfoId: 'pdu1', name: 'pdu1', serialNumber: serial }] };
    yield line({ testRunArtifact: { testRunStart: { name: 'soak', version: '1', commandLine: 'soak', parameters: {}, dutInfo } } });
    yield line({ testStepArtifact: { testStepId: 's1', testStepStart: { name: 'power soak' } } });
    yield line({
      testStepArtifact: {
        testStepId: 's1',
        measurementSeriesStart: { measurementSeriesId: 'p', name: 'rack.power', unit: 'W', hardwareInfoId: 'pdu1' },
      },
    });
    for (let i = 0; i < elements; i++) {
      yield line({
        testStepArtifact: {
          testStepId: 's1',
          measurementSeriesElement: { index: i, measurementSeriesId: 'p', value: 90_000 + (i % 1000), timestamp: at(i) },
        },
      });
    }
    yield line({ testStepArtifact: { testStepId: 's1', measurementSeriesEnd: { measurementSeriesId: 'p', totalCount: elements } } });
    yield line({ testStepArtifact: { testStepId: 's1', measurement: { name: 'training.tokens_per_s', value: 1234, unit: 'tokens/s' } } });
    yield line({ testStepArtifact: { testStepId: 's1', testStepEnd: { status: 'COMPLETE' } } });
    if (!truncated) yield line({ testRunArtifact: { testRunEnd: { status: 'COMPLETE', result: 'PASS' } } });
  }
  return Readable.from(lines(), { objectMode: false });
}

describe('OCPTV ingestion', () => {
  let sut: ResultsHarness;
  beforeAll(async () => {
    sut = await ResultsHarness.start({ OCPTV_BATCH_ROWS: '5000' });
    await sut.publishCriteria('G6');
    await sut.publishPlan('G6');
  });
  afterAll(() => sut?.dispose());

  async function upload(runId: string, body: Readable, contentType = 'application/x-ndjson') {
    const token = await sut.tokens.token('tess');
    const url = new URL(`/v1/runs/${runId}/ocptv`, sut.url);
    return new Promise<{ status: number; body: Record<string, any> }>((resolve, reject) => {
      const req = httpRequest(
        url,
        { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType } },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      body.pipe(req);
    });
  }

  it('ingests a realistic OCPTV stream, normalising units and naming components', async () => {
    const run = await sut.startRun(sut.fact('RK-OCP-1', 'G6', 'burn-in'));
    const response = await upload(run.runId, createReadStream(fixture('burn-in.ocptv.jsonl')));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ lines: 32, artifacts: 32, measurements: 16, steps: 2, runStatus: 'COMPLETE', runResult: 'PASS' });
    const viewer = await sut.as('vic');
    const page = await viewer.get(`/v1/runs/${run.runId}/measurements?metric=rack.power&limit=1`).expect(200);
    expect(page.body.items[0]).toMatchObject({
      value: 48,
      unit: 'kW',
      originalValue: 48_000,
      originalUnit: 'W',
      component: 'pdu1',
      source: 'ocptv',
    });
    expect(page.body.items[0].observedAt).toBe('2026-11-20T10:00:10.000Z');

    await sut.completeRun(run);
    const verdict = await sut.verdictOf(run.runId);
    expect(verdict.verdict).toBe('PASS');
    expect(verdict.criteria.find((c: { metric: string }) => c.metric === 'rack.power')).toMatchObject({ measured: 50.25, samples: 12 });
  });

  it('refuses a malformed stream naming every bad line, and writes nothing', async () => {
    const run = await sut.startRun(sut.fact('RK-OCP-1', 'G6', 'burn-in', 2));
    const response = await upload(run.runId, createReadStream(fixture('malformed.ocptv.jsonl')));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('MALFORMED_OCPTV');
    expect(response.body.details).toEqual([
      { field: 'line 6', message: 'not valid JSON' },
      { field: 'line 8', message: 'measurementSeriesElement refers to series nope, which is not open' },
      { field: 'end of stream', message: 'the stream ended without testRunEnd (truncated?)' },
      { field: 'end of stream', message: 'measurement series power-pdu1 has no measurementSeriesEnd' },
    ]);
    expect(await sut.measurementCount(run.runId)).toBe(0);
  });

  it('refuses a stream about another rack (422) and a wrong media type (400), writing nothing', async () => {
    const run = await sut.startRun(sut.fact('RK-OCP-2', 'G6', 'burn-in'));
    const wrongRack = await upload(run.runId, createReadStream(fixture('burn-in.ocptv.jsonl')));
    expect(wrongRack.status).toBe(422);
    expect(wrongRack.body.code).toBe('OCPTV_REJECTED');
    expect(wrongRack.body.details[0]).toEqual({
      field: 'line 2',
      message: "dutInfo.hardwareInfos[].serialNumber must include the run's rack RK-OCP-2 (found RK-OCP-1, PDU-88121, PDU-88122)",
    });
    const wrongType = await upload(run.runId, createReadStream(fixture('burn-in.ocptv.jsonl')), 'text/plain');
    expect(wrongType.status).toBe(400);
    const unknownRun = await upload('2f0d7f52-3f6a-4d2b-9d53-0c6a3a1b7e10', createReadStream(fixture('burn-in.ocptv.jsonl')));
    expect(unknownRun.status).toBe(404);
    expect(await sut.measurementCount(run.runId)).toBe(0);
  });

  it('cancels a stream found truncated after thousands of its rows were already sent to the database, writing none', async () => {
    const run = await sut.startRun(sut.fact('RK-OCP-4', 'G6', 'burn-in'));
    const truncated = await upload(run.runId, longStream('RK-OCP-4', 20_000, { truncated: true }));
    expect(truncated.status).toBe(400);
    expect(truncated.body.details).toEqual([{ field: 'end of stream', message: 'the stream ended without testRunEnd (truncated?)' }]);
    expect(await sut.measurementCount(run.runId)).toBe(0);
    const whole = await upload(run.runId, longStream('RK-OCP-4', 20_000));
    expect(whole.status).toBe(201);
    expect(await sut.measurementCount(run.runId)).toBe(19_993);
  });

  it('streams 100,000 artifacts in one request', async () => {
    const run = await sut.startRun(sut.fact('RK-OCP-3', 'G6', 'burn-in'));
    const started = Date.now();
    const response = await upload(run.runId, longStream('RK-OCP-3', 100_000));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ artifacts: 100_000, measurements: 99_993 });
    console.log(`OCPTV: 100,000 artifacts ingested in ${Date.now() - started} ms`);
    expect(await sut.measurementCount(run.runId)).toBe(99_993);
  });
});
