import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ResultsHarness } from './support/results.harness';

const burnIn = readFileSync(join(__dirname, 'fixtures', 'burn-in.ocptv.jsonl'), 'utf8')
  .trimEnd()
  .split('\n');
const crafted = (position: unknown) => Buffer.from(JSON.stringify(position)).toString('base64url');

/**
 * Input the validators must refuse before PostgreSQL would (impossible dates, NUL, integers past
 * int4, crafted cursors) and bounded OCPTV streams: 400/413 naming the field or limit, nothing written.
 * Limits are small here (64 KiB per stream, 4 KiB per line) so the tests send little.
 */
describe('results: input PostgreSQL would refuse, and bounded OCPTV streams', () => {
  let sut: ResultsHarness;
  beforeAll(async () => {
    sut = await ResultsHarness.start({ OCPTV_MAX_BYTES: String(64 * 1024), OCPTV_MAX_LINE_BYTES: '4096' });
    await sut.publishCriteria('G7');
    await sut.publishPlan('G7');
  });
  afterAll(() => sut?.dispose());

  // Each test sends to a run of its own, of the rack the OCPTV fixture names.
  let runId: string;
  beforeEach(async () => {
    runId = (await sut.startRun(sut.fact('RK-OCP-1', 'G7', 'burn-in'))).runId;
  });

  const post = async (body: object) => (await sut.as('tess')).post(`/v1/runs/${runId}/measurements`).send(body);
  const power = (extra: object = {}) => ({ metric: 'rack.power', value: 41, unit: 'kW', ...extra });

  /** Sends an OCPTV body; `chunked` leaves out Content-Length so only the running count can stop it. */
  async function upload(body: string | Buffer | Readable, { chunked = false } = {}) {
    const token = await sut.tokens.token('tess');
    const url = new URL(`/v1/runs/${runId}/ocptv`, sut.url);
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' };
    if (!chunked && !(body instanceof Readable)) headers['content-length'] = Buffer.byteLength(body);
    return new Promise<{ status: number; body: Record<string, any> }>((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      if (body instanceof Readable) body.pipe(req);
      else if (chunked) Readable.from([Buffer.from(body)]).pipe(req);
      else req.end(body);
    });
  }

  it.each([
    ['Feb 30', '2026-02-30T10:00:00Z'],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['hour 24', '2026-11-20T24:00:00Z'],
  ])('refuses an observedAt of %s with 400 naming it, writing nothing', async (_, observedAt) => {
    const response = await post({ measurements: [power(), power({ observedAt })] });
    expect(response.status).toBe(400);
    expect(response.body.details.map((d: { field: string }) => d.field)).toEqual(['measurements[1].observedAt']);
    expect(await sut.measurementCount(runId)).toBe(0);
  });

  it('refuses NUL characters in any string of a batch or a correction, naming the field', async () => {
    const batch = await post({ measurements: [power(), power({ component: 'gpu\u00003' })] });
    expect(batch.status).toBe(400);
    expect(batch.body.details).toEqual([{ field: 'measurements[1].component', message: 'must not contain NUL characters (\\u0000)' }]);
    const correction = await (
      await sut.as('tess')
    )
      .post(`/v1/runs/${runId}/measurements/corrections`)
      .send({ metric: 'rack.power', reason: 'bad\u0000', measurements: [] });
    expect(correction.status).toBe(400);
    expect(correction.body.details[0].field).toBe('reason');
    expect(await sut.measurementCount(runId)).toBe(0);
  });

  it('refuses NUL in a path parameter and non-integer or out-of-range versions with 400 naming them', async () => {
    const viewer = await sut.as('vic');
    const serial = await viewer.get('/v1/racks/RK%001/evaluation');
    expect(serial.status).toBe(400);
    expect(serial.body.details[0].field).toBe('serial');
    for (const version of ['1.5', '99999999999', 'abc']) {
      const response = await viewer.get(`/v1/criteria/G7?version=${version}`);
      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('version');
    }
  });

  it.each([
    ['an id past int8', ['9223372036854775808']],
    ['an id that is text', ['abc']],
    ['an object', [{ id: 1 }]],
    ['not JSON', 'garbage'],
  ])('answers a crafted cursor (%s) with 400 INVALID_CURSOR', async (_, position) => {
    const cursor = typeof position === 'string' ? position : crafted(position);
    const response = await (await sut.as('vic')).get(`/v1/runs/${runId}/measurements?cursor=${cursor}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'INVALID_CURSOR', details: [{ field: 'cursor' }] });
  });

  it('refuses an OCPTV stream past OCPTV_MAX_BYTES with 413 naming the limit, declared or counted while reading', async () => {
    const padding = `${JSON.stringify({ testStepArtifact: { testStepId: 'x', log: { severity: 'INFO', message: 'p'.repeat(1000) } }, sequenceNumber: 1, timestamp: '2026-11-20T10:00:00Z' })}\n`;
    const big = burnIn.slice(0, -1).join('\n') + '\n' + padding.repeat(80) + burnIn[burnIn.length - 1] + '\n';
    for (const chunked of [false, true]) {
      const response = await upload(big, { chunked });
      expect(response.status).toBe(413);
      expect(response.body.message).toContain('64 KiB (OCPTV_MAX_BYTES)');
    }
    // 4 MiB more than allowed, sent as it is made: the refusal still reaches the client (the connection is not reset).
    const flood = Readable.from(
      (function* () {
        for (let i = 0; i < 64; i++) yield Buffer.from(padding.repeat(64));
      })(),
    );
    const flooded = await upload(flood);
    expect(flooded.status).toBe(413);
    expect(await sut.measurementCount(runId)).toBe(0);
  });

  it('refuses a line past OCPTV_MAX_LINE_BYTES with 400 naming the line and the limit, even a line with no newline at all', async () => {
    const long = [...burnIn.slice(0, 5), 'x'.repeat(10_000), ...burnIn.slice(5)].join('\n');
    const response = await upload(long);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('MALFORMED_OCPTV');
    expect(response.body.details).toContainEqual({
      field: 'line 6',
      message: 'longer than 4 KiB (OCPTV_MAX_LINE_BYTES); one artifact per line',
    });
    const endless = await upload('{'.repeat(60_000), { chunked: true });
    expect(endless.status).toBe(400);
    expect(endless.body.details[0]).toEqual({
      field: 'line 1',
      message: 'longer than 4 KiB (OCPTV_MAX_LINE_BYTES); one artifact per line',
    });
    expect(await sut.measurementCount(runId)).toBe(0);
  });

  it('refuses OCPTV lines with impossible dates or NUL in a stored value as malformed lines, writing nothing', async () => {
    const lines = [...burnIn];
    const element = lines.findIndex((line) => line.includes('measurementSeriesElement'));
    const measurement = lines.findIndex((line) => line.includes('"measurement"'));
    const a = JSON.parse(lines[element]);
    a.testStepArtifact.measurementSeriesElement.timestamp = '2026-02-30T10:00:00Z';
    lines[element] = JSON.stringify(a);
    const b = JSON.parse(lines[measurement]);
    b.testStepArtifact.measurement.subcomponent = { name: 'gpu\u00003' };
    lines[measurement] = JSON.stringify(b);
    const response = await upload(lines.join('\n'));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('MALFORMED_OCPTV');
    expect(response.body.details).toEqual(
      expect.arrayContaining([
        {
          field: `line ${element + 1}`,
          message: 'measurementSeriesElement.timestamp must be an RFC 3339 date-time (a real date, years 0001-9999 in UTC)',
        },
        { field: `line ${measurement + 1}`, message: expect.stringContaining('component must be 1-128 characters without NUL') },
      ]),
    );
    expect(await sut.measurementCount(runId)).toBe(0);
  });

  it('answers arbitrary batches with 201 or a 4xx naming fields, never a 5xx, and a refusal writes nothing (property)', async () => {
    const other = (await sut.startRun(sut.fact('RK-FUZZ-1', 'G7', 'burn-in'))).runId;
    const tess = await sut.as('tess');
    const nasty = fc.constantFrom('\u0000', '2026-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '9'.repeat(40), '', 'x'.repeat(300), '＝1+1');
    const item = fc.record(
      {
        metric: fc.oneof(fc.constantFrom('rack.power', 'training.tokens_per_s'), fc.string(), nasty),
        value: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.constant(null)),
        unit: fc.oneof(fc.constantFrom('kW', 'W', 'tokens/s'), fc.string(), nasty),
        component: fc.oneof(fc.string(), nasty),
        observedAt: fc.oneof(
          fc
            .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
            .map((d) => d.toISOString()),
          fc.string(),
          nasty,
        ),
      },
      { requiredKeys: ['metric', 'value', 'unit'] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(item, fc.anything()), { minLength: 1, maxLength: 5 }), async (measurements) => {
        const before = await sut.measurementCount(other);
        const response = await tess.post(`/v1/runs/${other}/measurements`).send({ measurements });
        expect(response.status).toBeLessThan(500);
        if (response.status === 201) expect(await sut.measurementCount(other)).toBe(before + measurements.length);
        else {
          expect(response.body.details.length).toBeGreaterThan(0);
          expect(await sut.measurementCount(other)).toBe(before);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('still ingests the well-formed stream within the limits', async () => {
    const response = await upload(burnIn.join('\n'));
    expect(response.status).toBe(201);
    expect(await sut.measurementCount(runId)).toBe(16);
  });
});
