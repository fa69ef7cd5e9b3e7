import { createHash } from 'node:crypto';
import request from 'supertest';
import { ResultsHarness } from './support/results.harness';

/** A small OCPTV stream: a power series of `elements` samples for the rack, as lines. */
function ocptvLines(serial: string, elements: number): string[] {
  let seq = 0;
  const at = (i: number) => new Date(Date.UTC(2026, 10, 20, 10) + i * 1000).toISOString();
  const line = (body: object) => JSON.stringify({ ...body, sequenceNumber: seq++, timestamp: at(seq) });
  const dutInfo = { dutInfoId: 'dut', hardwareInfos: [{ hardwareInfoId: 'pdu1', name: 'pdu1', serialNumber: serial }] };
  return [
    line({ schemaVersion: { major: 2, minor: 0 } }),
    line({ testRunArtifact: { testRunStart: { name: 'soak', version: '1', commandLine: 'soak', parameters: {}, dutInfo } } }),
    line({ testStepArtifact: { testStepId: 's1', testStepStart: { name: 'power soak' } } }),
    line({
      testStepArtifact: {
        testStepId: 's1',
        measurementSeriesStart: { measurementSeriesId: 'p', name: 'rack.power', unit: 'W', hardwareInfoId: 'pdu1' },
      },
    }),
    ...Array.from({ length: elements }, (_, i) =>
      line({
        testStepArtifact: {
          testStepId: 's1',
          measurementSeriesElement: { index: i, measurementSeriesId: 'p', value: 90_000 + i, timestamp: at(i) },
        },
      }),
    ),
    line({ testStepArtifact: { testStepId: 's1', measurementSeriesEnd: { measurementSeriesId: 'p', totalCount: elements } } }),
    line({ testStepArtifact: { testStepId: 's1', testStepEnd: { status: 'COMPLETE' } } }),
    line({ testRunArtifact: { testRunEnd: { status: 'COMPLETE', result: 'PASS' } } }),
  ];
}

describe('resumable OCPTV uploads', () => {
  let sut: ResultsHarness;
  beforeAll(async () => {
    sut = await ResultsHarness.start();
    await sut.publishCriteria('G7');
    await sut.publishPlan('G7');
  });
  afterAll(() => sut?.dispose());

  const as = async () => {
    const token = await sut.tokens.token('tess');
    return {
      open: (runId: string, body: object) =>
        request(sut.url).post(`/v1/runs/${runId}/ocptv/uploads`).set('authorization', `Bearer ${token}`).send(body),
      chunk: (runId: string, uploadId: string, offset: number, text: string, final = false) =>
        request(sut.url)
          .post(`/v1/runs/${runId}/ocptv/uploads/${uploadId}/chunks?offset=${offset}${final ? '&final=true' : ''}`)
          .set('authorization', `Bearer ${token}`)
          .set('content-type', 'application/x-ndjson')
          .send(text),
    };
  };

  it('stores a file sent in chunks once, however often a chunk is sent again, and resumes the same upload', async () => {
    const run = await sut.startRun(sut.fact('RK-UP-1', 'G7', 'burn-in'));
    const text = `${ocptvLines('RK-UP-1', 40).join('\n')}\n`;
    const sha256 = createHash('sha256').update(text).digest('hex');
    const cut = text.indexOf('\n', text.length / 2) + 1; // a line end near the middle
    const [first, rest] = [text.slice(0, cut), text.slice(cut)];
    const api = await as();

    const opened = await api.open(run.runId, { sha256, bytes: Buffer.byteLength(text) }).expect(201);
    const uploadId = opened.body.uploadId;
    expect(opened.body).toMatchObject({ state: 'OPEN', committedBytes: 0, committedLines: 0 });
    const afterFirst = await api.chunk(run.runId, uploadId, 0, first).expect(200);
    const again = await api.chunk(run.runId, uploadId, 0, first).expect(200);
    expect(again.body).toEqual(afterFirst.body);
    const stored = afterFirst.body.measurements;
    expect(await sut.measurementCount(run.runId)).toBe(stored);

    // The client starts again: the same file's upload, with what it already holds.
    const resumed = await api.open(run.runId, { sha256 }).expect(200);
    expect(resumed.body).toMatchObject({
      uploadId,
      committedBytes: Buffer.byteLength(first),
      committedLines: afterFirst.body.committedLines,
    });
    const wrong = await api.chunk(run.runId, uploadId, Buffer.byteLength(first) + 100, rest).expect(409); // a gap: bytes missing
    expect(wrong.body).toMatchObject({
      code: 'UPLOAD_OFFSET_MISMATCH',
      details: [{ field: 'offset', message: `must be ${Buffer.byteLength(first)}` }],
    });

    const done = await api.chunk(run.runId, uploadId, Buffer.byteLength(first), rest, true).expect(200);
    expect(done.body).toMatchObject({ state: 'COMPLETE', measurements: 40, runStatus: 'COMPLETE', runResult: 'PASS', committedLines: 47 });
    await api.chunk(run.runId, uploadId, Buffer.byteLength(first), rest, true).expect(200);
    expect(await sut.measurementCount(run.runId)).toBe(40);
  });

  it('refuses a chunk with a bad line, numbering lines from the start of the file, and stores none of that chunk', async () => {
    const run = await sut.startRun(sut.fact('RK-UP-2', 'G7', 'burn-in'));
    const lines = ocptvLines('RK-UP-2', 10);
    const head = `${lines.slice(0, 6).join('\n')}\n`;
    const tail = lines.slice(6);
    tail[2] = '{"not": "an artifact"';
    const api = await as();
    const { body: upload } = await api.open(run.runId, { sha256: 'a'.repeat(64) }).expect(201);
    const first = await api.chunk(run.runId, upload.uploadId, 0, head).expect(200);
    const refused = await api.chunk(run.runId, upload.uploadId, first.body.committedBytes, `${tail.join('\n')}\n`, true).expect(400);
    expect(refused.body.code).toBe('MALFORMED_OCPTV');
    expect(refused.body.details[0]).toEqual({ field: 'line 9', message: 'not valid JSON' });
    expect(await sut.measurementCount(run.runId)).toBe(first.body.measurements);
    await api.chunk(run.runId, upload.uploadId, 0, head).expect(200);
    await request(sut.url)
      .get(`/v1/runs/${run.runId}/ocptv/uploads/${upload.uploadId}`)
      .set('authorization', `Bearer ${await sut.tokens.token('vic')}`)
      .expect(200)
      .expect(({ body }) => expect(body).toMatchObject({ state: 'OPEN', committedLines: 6 }));
  });
});
