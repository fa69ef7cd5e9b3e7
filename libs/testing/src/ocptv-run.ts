/** A piece of hardware in the rack's OCPTV inventory, which a diagnosis may name by its `hardwareInfoId`. */
export interface OcptvHardware {
  hardwareInfoId: string;
  name: string;
  serialNumber?: string;
  partNumber?: string;
}

export interface OcptvRun {
  /** The rack under test: the DUT's name and the serial number of its `rack` hardware. */
  serial: string;
  /** The harness's command line; `burnin` by default. */
  commandLine?: string;
  /** The one step's name; `burn` by default. */
  step?: string;
  /** Hardware besides the rack itself. */
  hardware?: OcptvHardware[];
  /** What the step reports between its start and its end, e.g. `{ measurement: … }` or `{ diagnosis: … }`. */
  artifacts: object[];
  /** The run's own result; PASS by default. */
  result?: 'PASS' | 'FAIL';
}

/**
 * An OCPTV v2 stream (NDJSON) of a burn-in run on one rack, as a harness uploads it: the run's
 * start, one step with its artifacts, the run's end; one artifact a second from 2026-11-29 10:00 UTC.
 */
export function ocptvRun({ serial, commandLine = 'burnin', step = 'burn', hardware = [], artifacts, result = 'PASS' }: OcptvRun): string {
  let sequence = 0;
  const line = (artifact: object) =>
    `${JSON.stringify({ ...artifact, sequenceNumber: sequence, timestamp: new Date(Date.UTC(2026, 10, 29, 10, 0, sequence++)).toISOString() })}\n`;
  const inStep = (body: object) => line({ testStepArtifact: { testStepId: '0', ...body } });
  const dutInfo = {
    dutInfoId: 'dut0',
    name: serial,
    hardwareInfos: [{ hardwareInfoId: 'rack', name: 'rack', serialNumber: serial }, ...hardware],
  };
  return [
    line({ schemaVersion: { major: 2, minor: 0 } }),
    line({ testRunArtifact: { testRunStart: { name: 'burn-in', version: '1.0', commandLine, parameters: {}, dutInfo } } }),
    inStep({ testStepStart: { name: step } }),
    ...artifacts.map(inStep),
    inStep({ testStepEnd: { status: 'COMPLETE' } }),
    line({ testRunArtifact: { testRunEnd: { status: 'COMPLETE', result } } }),
  ].join('');
}
