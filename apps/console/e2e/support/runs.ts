import { eventually, expectStatus, type GatewayApi } from './api';

/** How a burn-in run ends: measured (tokens/s, kW) and completed, or aborted for a facility power trip. */
export type BurnInEnd = { tps: number; kw: number } | 'abort';

/** tariq schedules and starts a burn-in run of the rack on the bay through the API, then ends it; the run's id. */
export async function runBurnIn(api: GatewayApi, serial: string, bay: string, end: BurnInEnd): Promise<string> {
  const tariq = api.as('tariq');
  const { id } = await eventually(
    `schedule burn-in for ${serial}`,
    () => tariq.post('/test-run/v1/runs', { rackSerial: serial, suite: 'burn-in', bay }),
    201,
  );
  expectStatus(await tariq.post(`/test-run/v1/runs/${id}/start`), 200, `start ${serial}`);
  if (end === 'abort') {
    expectStatus(
      await tariq.post(`/test-run/v1/runs/${id}/abort`, { cause: 'FACILITY', reason: 'facility power trip' }),
      200,
      `abort ${serial}`,
    );
    return id;
  }
  const measurements = [
    { metric: 'training_throughput', value: end.tps, unit: 'tokens/s' },
    { metric: 'rack_power', value: end.kw, unit: 'kW' },
  ];
  await eventually(`measurements of ${serial}`, () => tariq.post(`/results/v1/runs/${id}/measurements`, { measurements }), 201);
  expectStatus(await tariq.post(`/test-run/v1/runs/${id}/complete`), 200, `complete ${serial}`);
  return id;
}
