/**
 * A run followed live in real headless Chromium against the real stack (Kafka, PostgreSQL, the four
 * services, the gateway serving the built console). A harness's service account, created by an
 * admin through the API, schedules and starts a run and pushes OCPTV samples in several chunks
 * while a signed-in test engineer watches the run page: the chart grows and the verdict so far
 * changes chunk by chunk, with no reload. Screenshots are kept in test-artifacts/console.
 */
import { answer, bom, receiveRacks, setUpGeneration, TestApi, waitFor } from '@rackeval/testing';
import { screenshot } from './support/browser';
import { consoleStack } from './support/stack';

const GENERATION = 'LV';
const RACK = 'RK-LIVE-E2E-1';
const CHUNK = 50;

/** One OCPTV v2 stream: `powers` as a rack_power series (kW) from sample `first` on, one per second, and optionally a throughput figure. */
function ocptvChunk(first: number, powers: number[], throughput?: number): string {
  let seq = 0;
  const at = (i: number) => new Date(Date.UTC(2026, 10, 29, 9) + i * 1000).toISOString();
  const line = (body: object, i = first) => JSON.stringify({ ...body, sequenceNumber: seq++, timestamp: at(i) });
  const dutInfo = { dutInfoId: 'dut', hardwareInfos: [{ hardwareInfoId: 'pdu1', name: 'pdu-a', serialNumber: RACK }] };
  const step = (artifact: object, i?: number) => line({ testStepArtifact: { testStepId: 's1', ...artifact } }, i);
  return [
    line({ schemaVersion: { major: 2, minor: 0 } }),
    line({ testRunArtifact: { testRunStart: { name: 'burn-in', version: '1', commandLine: 'burn-in', parameters: {}, dutInfo } } }),
    step({ testStepStart: { name: 'power soak' } }),
    step({ measurementSeriesStart: { measurementSeriesId: `p${first}`, name: 'rack_power', unit: 'kW', hardwareInfoId: 'pdu1' } }),
    ...powers.map((value, i) =>
      step({ measurementSeriesElement: { index: i, measurementSeriesId: `p${first}`, value, timestamp: at(first + i) } }, first + i),
    ),
    step({ measurementSeriesEnd: { measurementSeriesId: `p${first}`, totalCount: powers.length } }),
    ...(throughput === undefined ? [] : [step({ measurement: { name: 'training_throughput', value: throughput, unit: 'tokens/s' } })]),
    step({ testStepEnd: { status: 'COMPLETE' } }),
    line({ testRunArtifact: { testRunEnd: { status: 'COMPLETE', result: 'PASS' } } }),
    '',
  ].join('\n');
}

describe('console: a run followed live while a harness streams', () => {
  const stack = consoleStack({ gatewaySchema: `gw_live_e2e_${process.pid}` });

  beforeAll(async () => {
    await setUpGeneration(stack.api, { code: GENERATION, name: 'Live generation', bays: ['BAY-LV-1'] });
    await receiveRacks(stack.api, {
      reference: 'DEL-LIVE-E2E',
      racks: [{ serial: RACK, generation: GENERATION, lot: 'LOT-1', bom: bom(['gpu']) }],
    });
  }, 300_000);

  it('the chart grows and the verdict so far changes chunk by chunk, without a reload', async () => {
    try {
      await followRun();
    } catch (error) {
      await stack.browsers.screenshotOpenPages('failed-live-run');
      throw error;
    }
  });

  async function followRun(): Promise<void> {
    // An admin creates the harness's service account; the harness signs in with client credentials.
    const created = await fetch(`${stack.url}/api/auth/service-accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await stack.tokens.token('ada')}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'burnin-bay-lv-1',
        role: 'test-engineer',
        site: 'PDX-1',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        reason: 'bay LV-1 harness',
      }),
    });
    expect(created.status).toBe(201);
    const { account, clientSecret } = (await created.json()) as { account: { clientId: string }; clientSecret: string };
    const harnessToken = async () => {
      const issued = await fetch(`${stack.url}/api/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: account.clientId,
          client_secret: clientSecret,
        }).toString(),
      });
      expect(issued.status).toBe(200);
      return ((await issued.json()) as { access_token: string }).access_token;
    };
    // The services' generated clients through the gateway, signed in as the service account (its token routes are the gateway's own, above).
    const harness = TestApi.viaGateway(stack.url, { token: harnessToken }).as('burnin-bay-lv-1');

    // The harness schedules and starts its run.
    const scheduled = await waitFor(
      'run scheduled',
      async () => {
        const answer = await harness.post('/test-run/v1/runs', { rackSerial: RACK, suite: 'burn-in', bay: 'BAY-LV-1' });
        return answer.status === 201 ? answer.body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const runId = scheduled.id;
    expect((await harness.post(`/test-run/v1/runs/${runId}/start`)).status).toBe(200);
    await waitFor(
      'results knows the run is RUNNING',
      async () =>
        ((await stack.api.as('vic').get(`/results/v1/runs/${runId}` as '/results/v1/runs/{runId}')).body as { state?: string })?.state ===
        'RUNNING',
      {
        timeoutMs: 60_000,
        intervalMs: 300,
      },
    );

    // A test engineer opens the run page: nothing logged yet, the verdict so far PENDING.
    const tess = await stack.browsers.signIn('tess');
    await tess.goto(`/runs/${runId}`);
    await tess.getByRole('heading', { name: /Burn-in, attempt 1/ }).waitFor();
    const verdict = tess.getByRole('region', { name: 'Verdict' });
    await verdict.getByText(/Verdict so far PENDING/).waitFor();
    await tess.getByRole('img', { name: /^rack_power: 0 samples/ }).waitFor();
    await tess.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await screenshot(tess, '30-live-run-before-samples');

    const chart = tess.getByRole('img', { name: /^rack_power:/ });
    const drawn = () => chart.locator('line.chart-line').count();
    const row = (metric: string) => verdict.getByRole('row', { name: new RegExp(`^${metric}`) });
    const pushed = async (chunk: string) => {
      const pushedAnswer = await answer(
        harness.results.POST('/v1/runs/{runId}/ocptv', {
          params: { path: { runId } },
          body: chunk,
          // The route also takes multipart/form-data; this stream is the NDJSON text as it is.
          bodySerializer: (text: unknown) => text as string,
          headers: { 'content-type': 'application/x-ndjson' },
        }),
      );
      expect({ status: pushedAnswer.status, refusal: pushedAnswer.status === 201 ? undefined : pushedAnswer.error }).toEqual({
        status: 201,
        refusal: undefined,
      });
    };

    // Chunk 1: power well inside its ceiling; throughput not reported yet, so the run would still wait.
    await pushed(
      ocptvChunk(
        0,
        Array.from({ length: CHUNK }, (_, i) => 110 + (i % 10)),
      ),
    );
    await tess.getByRole('img', { name: new RegExp(`^rack_power: ${CHUNK} samples`) }).waitFor();
    await row('rack_power').getByText('PASS').waitFor();
    await row('training_throughput').getByText('PENDING').waitFor();
    await verdict.getByText(/Verdict so far PENDING/).waitFor();
    const afterFirst = await drawn();
    expect(afterFirst).toBeGreaterThan(1);
    await screenshot(tess, '31-live-run-first-chunk');

    // Chunk 2: more power samples and the throughput figure: the run would pass now.
    await pushed(
      ocptvChunk(
        CHUNK,
        Array.from({ length: CHUNK }, (_, i) => 112 + (i % 8)),
        3400,
      ),
    );
    await tess.getByRole('img', { name: new RegExp(`^rack_power: ${2 * CHUNK} samples`) }).waitFor();
    await verdict.getByText(/Verdict so far PASS/).waitFor();
    await row('training_throughput').getByText('mean 3,400 tokens/s').waitFor();
    const afterSecond = await drawn();
    expect(afterSecond).toBeGreaterThan(afterFirst);
    await screenshot(tess, '32-live-run-passing-so-far');

    // Chunk 3: one sample above the 130 kW ceiling: power, judged on its maximum, fails, and so would the run.
    await pushed(
      ocptvChunk(
        2 * CHUNK,
        Array.from({ length: CHUNK }, (_, i) => (i === 25 ? 134.5 : 115)),
      ),
    );
    await tess.getByRole('img', { name: new RegExp(`^rack_power: ${3 * CHUNK} samples`) }).waitFor();
    await verdict.getByText(/Verdict so far FAIL/).waitFor();
    await row('rack_power').getByText('max 134.5 kW is above max 130 kW').waitFor();
    expect(await drawn()).toBeGreaterThan(afterSecond);
    expect(await tess.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await screenshot(tess, '33-live-run-failing-so-far');

    // The harness completes the run: the page shows the final verdict, which agrees.
    expect((await harness.post(`/test-run/v1/runs/${runId}/complete`)).status).toBe(200);
    await verdict.getByText(/^Verdict FAIL against criteria version/).waitFor();
    expect(await tess.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await screenshot(tess, '34-live-run-completed');
  }
});
