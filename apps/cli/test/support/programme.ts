/** Sets up, through the services' own HTTP APIs, a generation with a plan, criteria, bays and released racks. */
import { bom, receiveRacks, setUpGeneration, TestApi } from '@rackeval/testing';

export interface Programme {
  url(service: 'intake' | 'test-run' | 'results' | 'purchase-option'): string;
}

type Tokens = { token(username: string): Promise<string> };

export async function send(
  system: Programme,
  tokens: Tokens,
  user: string,
  method: string,
  service: Parameters<Programme['url']>[0],
  path: string,
  body?: unknown,
) {
  const response = await fetch(`${system.url(service)}${path}`, {
    method,
    headers: { authorization: `Bearer ${await tokens.token(user)}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, any> };
}

/** Generation `code` with its plan and criteria, a bay per rack, and each rack delivered, inspected and released. */
export async function setUpProgramme(system: Programme, tokens: Tokens, code: string, racks: string[]): Promise<void> {
  const api = TestApi.direct(system, tokens);
  await setUpGeneration(api, {
    code,
    bays: racks.map((_, i) => `BAY-${code}-${i}`),
    pace: { timeoutMs: 60_000, intervalMs: 300 },
  });
  await receiveRacks(api, {
    reference: `DEL-${code}`,
    racks: racks.map((serial) => ({ serial, generation: code, lot: 'LOT-1', bom: bom(['gpu', 'psu']) })),
  });
}

/**
 * OCPTV v2 lines for one rack: a rack_power series of `samples` values (kW) and a throughput measurement;
 * `stepArtifacts` (a diagnosis, a file…) are added to the step before it ends.
 */
export function ocptv(
  serial: string,
  samples: number,
  { badLine, stepArtifacts = [] }: { badLine?: number; stepArtifacts?: object[] } = {},
): string {
  let seq = 0;
  const at = (i: number) => new Date(Date.UTC(2026, 10, 20, 10) + i * 100).toISOString();
  const line = (body: object) => JSON.stringify({ ...body, sequenceNumber: seq++, timestamp: at(seq) });
  const dutInfo = { dutInfoId: 'dut', hardwareInfos: [{ hardwareInfoId: 'pdu1', name: 'pdu-a', serialNumber: serial }] };
  const lines = [
    line({ schemaVersion: { major: 2, minor: 0 } }),
    line({ testRunArtifact: { testRunStart: { name: 'burn-in', version: '1', commandLine: 'burn-in', parameters: {}, dutInfo } } }),
    line({ testStepArtifact: { testStepId: 's1', testStepStart: { name: 'power soak' } } }),
    line({
      testStepArtifact: {
        testStepId: 's1',
        measurementSeriesStart: { measurementSeriesId: 'p', name: 'rack_power', unit: 'kW', hardwareInfoId: 'pdu1' },
      },
    }),
  ];
  for (let i = 0; i < samples; i++) {
    lines.push(
      line({
        testStepArtifact: {
          testStepId: 's1',
          measurementSeriesElement: { index: i, measurementSeriesId: 'p', value: 110 + (i % 100) / 10, timestamp: at(i) },
        },
      }),
    );
  }
  lines.push(
    line({ testStepArtifact: { testStepId: 's1', measurementSeriesEnd: { measurementSeriesId: 'p', totalCount: samples } } }),
    line({ testStepArtifact: { testStepId: 's1', measurement: { name: 'training_throughput', value: 3400, unit: 'tokens/s' } } }),
    ...stepArtifacts.map((artifact) => line({ testStepArtifact: { testStepId: 's1', ...artifact } })),
    line({ testStepArtifact: { testStepId: 's1', testStepEnd: { status: 'COMPLETE' } } }),
    line({ testRunArtifact: { testRunEnd: { status: 'COMPLETE', result: 'PASS' } } }),
  );
  // A metric the burn-in suite does not report: refused by a rule of the domain (422), naming the line.
  if (badLine)
    lines.splice(
      badLine - 1,
      0,
      line({ testStepArtifact: { testStepId: 's1', measurement: { name: 'fan_speed', value: 4200, unit: 'rpm' } } }),
    );
  return `${lines.join('\n')}\n`;
}
