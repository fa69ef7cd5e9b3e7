import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { downsample } from '../src/series/downsample';
import { ResultsHarness } from './support/results.harness';

/** Written by the OCP ocptv Python library: a burn-in with one boolean and one string measurement, diagnoses, logs, an error, a file and DUT info. */
const mixed = (serial: string) =>
  readFileSync(join(__dirname, 'fixtures', 'burn-in-mixed.ocptv.jsonl'), 'utf8').replaceAll('RK-OCP-3', serial);

describe('OCPTV artifacts beyond numbers', () => {
  let sut: ResultsHarness;
  beforeAll(async () => {
    sut = await ResultsHarness.start();
    await sut.publishCriteria('G6');
    await sut.publishPlan('G6');
  });
  afterAll(() => sut?.dispose());

  const token = () => sut.tokens.token('tess');

  async function readBack(runId: string) {
    const viewer = await sut.as('vic');
    const all = await viewer.get(`/v1/runs/${runId}/artifacts`).expect(200);
    const warnings = await viewer.get(`/v1/runs/${runId}/artifacts?kind=LOG,ERROR&level=WARNING,ERROR,FATAL`).expect(200);
    const repeated = await viewer.get(`/v1/runs/${runId}/artifacts?kind=LOG&kind=ERROR&level=WARNING&level=ERROR&level=FATAL`).expect(200);
    expect(repeated.body.items).toEqual(warnings.body.items);
    const dut = await viewer.get(`/v1/runs/${runId}/dut`).expect(200);
    return { all: all.body, warnings: warnings.body, dut: dut.body };
  }

  function expectWhole(back: Awaited<ReturnType<typeof readBack>>) {
    const items = back.all.items as Array<Record<string, unknown>>;
    expect(items.map((i) => `${i.kind}:${i.name ?? i.message}`)).toEqual([
      'LOG:burn-in starting',
      'MEASUREMENT:nvlink_link_up',
      'MEASUREMENT:bmc_health',
      'MEASUREMENT:fan_speed',
      'DIAGNOSIS:nvlink-crc-errors',
      'DIAGNOSIS:power-ok',
      'LOG:fan 3 spinning up slowly',
      'ERROR:nvlink-retrain',
      'FILE:nvlink-dump.tar.gz',
    ]);
    expect(items[1]).toMatchObject({ value: true, component: 'nvlink-switch-0', validation: 'PASS', recordedBy: 'tess' });
    expect(items[2]).toMatchObject({
      value: 'degraded',
      validation: 'FAIL',
      validators: [{ type: 'IN_SET', name: 'health_ok', passed: false }],
    });
    expect(items[3]).toMatchObject({ value: 4200 });
    expect(items[3].unit).toBeUndefined();
    expect(items[4]).toMatchObject({ level: 'FAIL', message: 'CRC errors above threshold on port 3', hardwareInfoId: 'dut0_1' });
    expect(items[8]).toMatchObject({ uri: 'file:///var/log/burnin/nvlink-dump.tar.gz', contentType: 'application/gzip' });
    expect(back.warnings.items.map((i: { kind: string; level: string }) => `${i.kind}:${i.level}`)).toEqual(['LOG:WARNING', 'ERROR:ERROR']);
    expect(back.all.counts).toContainEqual({ kind: 'DIAGNOSIS', level: 'FAIL', count: 1 });
    expect(back.dut.dut.softwareInfos).toContainEqual(
      expect.objectContaining({ name: 'bmc', softwareType: 'FIRMWARE', version: '2.14.0' }),
    );
    expect(back.dut.dut.platformInfos).toEqual([{ info: 'GB200-NVL72' }]);
  }

  it('stores a stream with boolean and string measurements whole through the one-shot route', async () => {
    const run = await sut.startRun(sut.fact('RK-MIX-1', 'G6', 'burn-in'));
    const response = await request(sut.url)
      .post(`/v1/runs/${run.runId}/ocptv`)
      .set('authorization', `Bearer ${await token()}`)
      .set('content-type', 'application/x-ndjson')
      .send(mixed('RK-MIX-1'));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ measurements: 5, diagnoses: { FAIL: 1, PASS: 1 }, validations: { PASS: 5, FAIL: 1 } });
    expect(await sut.measurementCount(run.runId)).toBe(5);
    expectWhole(await readBack(run.runId));
  });

  it('stores the same stream through a resumable upload, a chunk sent twice stored once', async () => {
    const run = await sut.startRun(sut.fact('RK-MIX-2', 'G6', 'burn-in'));
    const text = mixed('RK-MIX-2');
    const cut = text.indexOf('\n', text.length / 2) + 1;
    const auth = `Bearer ${await token()}`;
    const opened = await request(sut.url)
      .post(`/v1/runs/${run.runId}/ocptv/uploads`)
      .set('authorization', auth)
      .send({ sha256: createHash('sha256').update(text).digest('hex') })
      .expect(201);
    const chunk = (offset: number, body: string, final = false) =>
      request(sut.url)
        .post(`/v1/runs/${run.runId}/ocptv/uploads/${opened.body.uploadId}/chunks?offset=${offset}${final ? '&final=true' : ''}`)
        .set('authorization', auth)
        .set('content-type', 'application/x-ndjson')
        .send(body)
        .expect(200);
    await chunk(0, text.slice(0, cut));
    await chunk(0, text.slice(0, cut));
    const done = await chunk(Buffer.byteLength(text.slice(0, cut)), text.slice(cut), true);
    expect(done.body.state).toBe('COMPLETE');
    expectWhole(await readBack(run.runId));
  });

  it('draws a metric from server-side buckets that keep every spike, and names a bad bucket count', async () => {
    const run = await sut.startRun(sut.fact('RK-MIX-3', 'G6', 'burn-in'));
    const at = (i: number) => new Date(Date.UTC(2026, 10, 20, 10) + i * 1000).toISOString();
    const values = Array.from({ length: 3000 }, (_, i) => (i === 1234 ? 150_000 : 90_000 + (i % 7)));
    const engineer = await sut.as('tess');
    for (let i = 0; i < values.length; i += 1000) {
      await engineer
        .post(`/v1/runs/${run.runId}/measurements`)
        .send({
          measurements: values.slice(i, i + 1000).map((value, j) => ({ metric: 'rack.power', value, unit: 'W', observedAt: at(i + j) })),
        })
        .expect(201);
    }
    const viewer = await sut.as('vic');
    const series = await viewer.get(`/v1/runs/${run.runId}/series?metric=rack.power&buckets=50`).expect(200);
    expect(series.body).toMatchObject({ metric: 'rack.power', unit: 'kW', samples: 3000, from: at(0), to: at(2999) });
    const expected = downsample(
      values.map((value, i) => ({ t: Date.parse(at(i)), value: value / 1000 })),
      50,
    );
    expect(series.body.buckets.map((b: { min: number; max: number; count: number }) => [b.min, b.max, b.count])).toEqual(
      expected.map((b) => [expect.closeTo(b.min, 9), expect.closeTo(b.max, 9), b.count]),
    );
    expect(Math.max(...series.body.buckets.map((b: { max: number }) => b.max))).toBe(150);
    const badKind = await viewer.get(`/v1/runs/${run.runId}/artifacts?kind=SAMPLE`).expect(400);
    expect(JSON.stringify(badKind.body.details)).toContain('kind must be one of MEASUREMENT');
    const bad = await viewer.get(`/v1/runs/${run.runId}/series?metric=rack.power&buckets=0`).expect(400);
    expect(JSON.stringify(bad.body.details)).toContain('buckets');
  });
});
