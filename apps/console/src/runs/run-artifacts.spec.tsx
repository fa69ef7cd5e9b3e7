import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { stubFetch } from '../test-support/fetch-stub';
import { RunArtifacts } from './run-artifacts';

const RUN_ID = '0d9b1e8e-6a53-4b8e-9f0e-2f1c5a7d9e01';
const base = `/api/results/v1/runs/${RUN_ID}`;
const at = '2026-11-20T10:00:00.000Z';
const items = [
  {
    id: 2,
    kind: 'MEASUREMENT',
    sequence: 10,
    at,
    name: 'nvlink_link_up',
    value: true,
    component: 'nvlink-switch-0',
    validation: 'PASS',
    validators: [{ type: 'EQUAL', name: 'links_up', passed: true }],
    recordedBy: 'tess',
  },
  {
    id: 3,
    kind: 'MEASUREMENT',
    sequence: 11,
    at,
    name: 'bmc_health',
    value: 'degraded',
    validation: 'FAIL',
    validators: [{ type: 'IN_SET', name: 'health_ok', passed: false }],
    recordedBy: 'tess',
  },
  {
    id: 5,
    kind: 'DIAGNOSIS',
    sequence: 13,
    at,
    level: 'FAIL',
    name: 'nvlink-crc-errors',
    message: 'CRC errors above threshold on port 3',
    component: 'nvlink-switch-0',
    recordedBy: 'tess',
  },
  {
    id: 9,
    kind: 'FILE',
    sequence: 17,
    at,
    name: 'nvlink-dump.tar.gz',
    uri: 'file:///var/log/burnin/nvlink-dump.tar.gz',
    contentType: 'application/gzip',
    recordedBy: 'tess',
  },
];
const logs = [
  { id: 1, kind: 'LOG', sequence: 2, at, level: 'INFO', message: 'burn-in starting', recordedBy: 'tess' },
  { id: 7, kind: 'LOG', sequence: 15, at, stepId: '0', level: 'WARNING', message: 'fan 3 spinning up slowly', recordedBy: 'tess' },
];
const dut = {
  runId: RUN_ID,
  recordedBy: 'tess',
  recordedAt: at,
  dut: {
    dutInfoId: 'dut0',
    name: 'RK-1',
    platformInfos: [{ info: 'GB200-NVL72' }],
    softwareInfos: [{ softwareInfoId: 's0', name: 'bmc', softwareType: 'FIRMWARE', version: '2.14.0' }],
    hardwareInfos: [{ hardwareInfoId: 'h0', name: 'rack', serialNumber: 'RK-1', manufacturer: 'Acme' }],
  },
};

describe('run artifacts', () => {
  it('shows diagnoses, boolean and string measurements with their validators, logs by severity, files and the DUT inventory', async () => {
    const calls = stubFetch({
      [`GET ${base}/artifacts?kind=MEASUREMENT&kind=DIAGNOSIS&kind=FILE&limit=1000`]: { body: { items, nextAfter: null, counts: [] } },
      [`GET ${base}/artifacts?kind=LOG&kind=ERROR&level=INFO&level=WARNING&level=ERROR&level=FATAL&limit=1000`]: {
        body: { items: logs, nextAfter: null, counts: [] },
      },
      [`GET ${base}/artifacts?kind=LOG&kind=ERROR&level=WARNING&level=ERROR&level=FATAL&limit=1000`]: {
        body: { items: [logs[1]], nextAfter: null, counts: [] },
      },
      [`GET ${base}/dut`]: { body: dut },
    });
    render(<RunArtifacts runId={RUN_ID} version={0} />);
    const diagnoses = await screen.findByRole('region', { name: 'Diagnoses' });
    expect(await within(diagnoses).findByText('nvlink-crc-errors')).toBeTruthy();
    expect(within(diagnoses).getByText('FAIL')).toBeTruthy();
    const other = screen.getByRole('region', { name: 'Other measurements' });
    expect(within(other).getByText('true')).toBeTruthy();
    expect(within(other).getByText('“degraded”')).toBeTruthy();
    expect(within(other).getByText('FAIL: health_ok failed')).toBeTruthy();
    const logRegion = screen.getByRole('region', { name: 'Logs and errors' });
    expect(await within(logRegion).findByText(/burn-in starting/)).toBeTruthy();
    await userEvent.setup().selectOptions(within(logRegion).getByRole('combobox', { name: 'Lowest severity shown' }), 'WARNING');
    await screen.findByText(/fan 3 spinning up slowly/);
    expect(within(logRegion).queryByText(/burn-in starting/)).toBeNull();
    expect(screen.getByText('file:///var/log/burnin/nvlink-dump.tar.gz')).toBeTruthy();
    const device = screen.getByRole('region', { name: 'Device under test' });
    expect(within(device).getByText('FIRMWARE')).toBeTruthy();
    expect(within(device).getByText('Acme')).toBeTruthy();
    expect(calls.some((c) => c.url.includes('level=WARNING&level=ERROR&level=FATAL') && !c.url.includes('level=INFO'))).toBe(true);
  });
});
