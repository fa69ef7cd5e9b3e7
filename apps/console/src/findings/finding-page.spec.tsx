import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FindingDetail } from '../api';
import { stubFetch } from '../test-support/fetch-stub';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { FindingPage } from './finding-page';

const ID = '0b7f8a7e-5f0e-4d7e-9c56-3a4b5c6d7e8f';
const open: FindingDetail = {
  id: ID,
  origin: 'CRITERION',
  rackSerial: 'RK-G2-0007',
  generation: 'G2',
  lot: 'B',
  runId: '6f1c2a52-8d0e-4a53-9e4c-1d2b3c4d5e6f',
  criterion: 'rack.power',
  diagnosis: null,
  title: 'rack.power failed in burn-in (attempt 1)',
  failureClass: null,
  component: null,
  owner: null,
  state: 'OPEN',
  groupKey: 'criterion:rack.power|-|UNCLASSIFIED',
  version: 1,
  openedBy: 'rule:run-verdict',
  openedAt: '2026-11-29T10:00:00.000Z',
  updatedAt: '2026-11-29T10:00:00.000Z',
  actions: ['triage', 'wont-fix'],
  rmaId: null,
  rmaNumber: null,
  runAttachments: [],
  history: [
    {
      action: 'open',
      fromState: null,
      toState: 'OPEN',
      actor: 'rule:run-verdict',
      at: '2026-11-29T10:00:00.000Z',
      note: null,
      changes: {},
    },
  ],
  attachments: [
    {
      id: 'a1',
      subject: 'FINDING',
      subjectId: ID,
      filename: 'burn-in.log',
      mediaType: 'text/plain',
      size: 2048,
      sha256: 'ab'.repeat(32),
      uploadedBy: 'tess',
      uploadedAt: '2026-11-29T10:05:00.000Z',
      href: `/v1/findings/${ID}/attachments/a1`,
    },
  ],
};
const triaged: FindingDetail = {
  ...open,
  state: 'TRIAGED',
  failureClass: 'POWER',
  version: 2,
  component: { partNumber: 'PSU-3KW-A', supplier: 'Delta Electronics', countryOfOrigin: 'TW' },
  actions: ['triage', 'report', 'wont-fix'],
  history: [
    ...open.history,
    { action: 'triage', fromState: 'OPEN', toState: 'TRIAGED', actor: 'tess', at: '2026-11-29T10:10:00.000Z', note: null, changes: {} },
  ],
};
const CLASSES = { body: { classes: ['HARDWARE_DEFECT', 'POWER'], states: ['OPEN', 'TRIAGED'] } };

describe('finding page', () => {
  beforeEach(() => sessionStorage.clear());

  it('shows the finding, its evidence and history; a test engineer triages it on a BOM line', async () => {
    const calls = stubFetch({
      [`GET /api/results/v1/findings/${ID}`]: { body: open },
      'GET /api/results/v1/findings/classes': CLASSES,
      [`POST /api/results/v1/findings/${ID}/triage`]: { body: triaged },
    });
    renderSignedIn(<FindingPage />, { session: sessionOf('tess', ['test-engineer']), path: `/findings/${ID}`, pattern: '/findings/:id' });

    expect(await screen.findByRole('heading', { name: 'rack.power failed in burn-in (attempt 1)' })).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Evidence' })).getByRole('button', { name: 'burn-in.log' })).toBeTruthy();
    expect(screen.getByText(/text\/plain, 2\.0 KiB, by tess/)).toBeTruthy();

    const form = screen.getByRole('form', { name: 'Triage' });
    await userEvent.selectOptions(within(form).getByLabelText('Failure class'), 'POWER');
    await userEvent.type(within(form).getByLabelText('Part number (BOM line)'), 'PSU-3KW-A');
    await userEvent.click(within(form).getByRole('button', { name: 'Triage' }));

    expect(await screen.findByText('PSU-3KW-A · Delta Electronics · TW')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      failureClass: 'POWER',
      component: { partNumber: 'PSU-3KW-A' },
      expectedVersion: 1,
    });
    expect(
      within(screen.getByRole('list', { name: 'History' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['2026-11-29 10:00 UTC rule:run-verdict: open → Open', '2026-11-29 10:10 UTC tess: triage → Triaged']);
    expect(screen.getByRole('button', { name: 'Report to manufacturer' })).toBeTruthy();
  });

  it("shows a refused transition's reason", async () => {
    stubFetch({
      [`GET /api/results/v1/findings/${ID}`]: { body: { ...open, actions: ['wont-fix'] } },
      'GET /api/results/v1/findings/classes': CLASSES,
      [`POST /api/results/v1/findings/${ID}/wont-fix`]: {
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          code: 'VALIDATION_FAILED',
          message: 'note must be at least 1 character(s)',
          details: [{ field: 'note', message: 'required' }],
        },
      },
    });
    renderSignedIn(<FindingPage />, { session: sessionOf('ada', ['admin']), path: `/findings/${ID}`, pattern: '/findings/:id' });

    await userEvent.click(await screen.findByRole('button', { name: "Close: won't fix" }));

    expect((await screen.findByRole('alert')).textContent).toContain('note must be at least 1 character(s)');
  });

  it('lets a viewer read the evidence but offers no upload or actions', async () => {
    stubFetch({ [`GET /api/results/v1/findings/${ID}`]: { body: open }, 'GET /api/results/v1/findings/classes': CLASSES });
    renderSignedIn(<FindingPage />, { session: sessionOf('vic', ['viewer']), path: `/findings/${ID}`, pattern: '/findings/:id' });

    expect(await screen.findByRole('button', { name: 'burn-in.log' })).toBeTruthy();
    await waitFor(() => expect(screen.queryByLabelText(/Attach a file/)).toBeNull());
    expect(screen.queryByRole('region', { name: 'Actions' })).toBeNull();
  });

  it('links a finding reported on an RMA to the RMA', async () => {
    const RMA_ID = '3c9a1f0e-2b4d-4e6f-8a1b-2c3d4e5f6a7b';
    const reported: FindingDetail = {
      ...triaged,
      state: 'REPORTED_TO_MANUFACTURER',
      rmaId: RMA_ID,
      rmaNumber: 'RMA-2026-0042',
      version: 3,
    };
    stubFetch({ [`GET /api/results/v1/findings/${ID}`]: { body: reported }, 'GET /api/results/v1/findings/classes': CLASSES });
    renderSignedIn(<FindingPage />, { session: sessionOf('vic', ['viewer']), path: `/findings/${ID}`, pattern: '/findings/:id' });

    const link = await screen.findByRole('link', { name: 'RMA-2026-0042' });
    expect(link.getAttribute('href')).toBe(`/rmas/${RMA_ID}`);
  });

  it('shows no RMA line for a finding on no RMA', async () => {
    stubFetch({ [`GET /api/results/v1/findings/${ID}`]: { body: open }, 'GET /api/results/v1/findings/classes': CLASSES });
    renderSignedIn(<FindingPage />, { session: sessionOf('vic', ['viewer']), path: `/findings/${ID}`, pattern: '/findings/:id' });

    await screen.findByRole('heading', { name: open.title });
    expect(screen.queryByText('RMA')).toBeNull();
  });
});

describe('finding page: evidence from the run', () => {
  const RUN_LOG = {
    id: 'r1',
    subject: 'RUN' as const,
    subjectId: open.runId!,
    filename: 'harness.log',
    mediaType: 'text/plain',
    size: 4096,
    sha256: 'ef'.repeat(32),
    uploadedBy: 'svc-harness-a',
    uploadedAt: '2026-11-29T09:55:00.000Z',
    href: `/v1/runs/${open.runId}/attachments/r1`,
  };
  beforeEach(() => {
    sessionStorage.clear();
    URL.createObjectURL = jest.fn(() => 'blob:log');
    URL.revokeObjectURL = jest.fn();
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it("lists the run's files read-only and downloads one from the run, even for a test engineer", async () => {
    const calls = stubFetch({
      [`GET /api/results/v1/findings/${ID}`]: { body: { ...open, runAttachments: [RUN_LOG] } },
      'GET /api/results/v1/findings/classes': CLASSES,
      [`GET /api/results/v1/runs/${open.runId}/attachments/r1`]: { body: 'log lines' },
    });
    renderSignedIn(<FindingPage />, { session: sessionOf('tess', ['test-engineer']), path: `/findings/${ID}`, pattern: '/findings/:id' });

    const fromRun = await screen.findByRole('region', { name: 'Evidence from the run' });
    expect(fromRun.textContent).toContain('text/plain, 4.0 KiB, by svc-harness-a');
    expect(within(fromRun).queryByLabelText(/Attach/)).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Evidence' })).queryByRole('button', { name: 'harness.log' })).toBeNull();

    await userEvent.click(within(fromRun).getByRole('button', { name: 'harness.log' }));
    await waitFor(() => expect(URL.createObjectURL).toHaveBeenCalled());
    expect(calls.map((c) => c.url)).toContain(`/api/results/v1/runs/${open.runId}/attachments/r1`);
  });

  it('says when the run sent no files, and shows no run evidence for a finding without a run', async () => {
    stubFetch({ [`GET /api/results/v1/findings/${ID}`]: { body: open }, 'GET /api/results/v1/findings/classes': CLASSES });
    const { unmount } = renderSignedIn(<FindingPage />, {
      session: sessionOf('vic', ['viewer']),
      path: `/findings/${ID}`,
      pattern: '/findings/:id',
    });
    expect((await screen.findByRole('region', { name: 'Evidence from the run' })).textContent).toContain('The run sent no files.');
    unmount();

    stubFetch({
      [`GET /api/results/v1/findings/${ID}`]: { body: { ...open, runId: null, origin: 'MANUAL' } },
      'GET /api/results/v1/findings/classes': CLASSES,
    });
    renderSignedIn(<FindingPage />, { session: sessionOf('vic', ['viewer']), path: `/findings/${ID}`, pattern: '/findings/:id' });
    await screen.findByRole('heading', { name: open.title });
    expect(screen.queryByRole('region', { name: 'Evidence from the run' })).toBeNull();
  });
});
