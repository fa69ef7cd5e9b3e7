import { screen, within } from '@testing-library/react';
import type { Finding, FindingAttachment } from '../api';
import { stubFetch } from '../test-support/fetch-stub';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { readReportFindings } from './findings-report';
import { FindingsReportPage } from './findings-report-page';

const RMA_ID = '4a1c2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const PSU_GROUP = 'criterion:rack.power|PSU-3KW-A|POWER';

const finding = (id: string, overrides: Partial<Finding> = {}): Finding =>
  ({
    id,
    origin: 'CRITERION',
    rackSerial: `RK-${id}`,
    generation: 'G2',
    lot: 'B',
    runId: `run-${id}-0000-0000`,
    criterion: 'rack.power',
    diagnosis: null,
    title: `finding ${id}`,
    failureClass: 'POWER',
    component: { partNumber: 'PSU-3KW-A', supplier: 'Voltaic GmbH', countryOfOrigin: 'DE' },
    owner: 'olga',
    state: 'TRIAGED',
    groupKey: PSU_GROUP,
    version: 1,
    openedBy: 'rule:run-verdict',
    openedAt: `2026-11-2${id}T10:00:00.000Z`,
    updatedAt: '2026-11-29T10:00:00.000Z',
    actions: [],
    rmaId: null,
    rmaNumber: null,
    ...overrides,
  }) as Finding;

const attachment = (findingId: string, id: string, filename: string): FindingAttachment => ({
  id,
  subject: 'FINDING',
  subjectId: findingId,
  filename,
  mediaType: 'text/plain',
  size: 10,
  sha256: 'ab'.repeat(32),
  uploadedBy: 'tess',
  uploadedAt: '2026-11-29T10:00:00.000Z',
  href: `/v1/findings/${findingId}/attachments/${id}`,
});

const renderReport = (path: string, limit?: number) =>
  renderSignedIn(<FindingsReportPage limit={limit} />, { session: sessionOf('vic', ['viewer']), path, pattern: '/findings/report' });

describe('printable findings report', () => {
  beforeEach(() => sessionStorage.clear());

  it('reads every page of the generation and lot, groups similar findings and shows each with its part, owner and files', async () => {
    const calls = stubFetch({
      'GET /api/results/v1/findings': (call) =>
        call.url.includes('cursor=next')
          ? {
              body: {
                items: [
                  finding('3', {
                    groupKey: 'diagnosis:ecc|no-part|unclassified',
                    criterion: null,
                    diagnosis: 'ecc-storm',
                    failureClass: null,
                    component: null,
                    owner: null,
                    state: 'OPEN',
                  }),
                ],
                nextCursor: null,
              },
            }
          : {
              body: {
                items: [finding('2'), finding('1', { state: 'REPORTED_TO_MANUFACTURER', rmaId: RMA_ID, rmaNumber: 'RMA-2026-0042' })],
                nextCursor: 'next',
              },
            },
      'GET /api/results/v1/findings/1/attachments': { body: [attachment('1', 'a1', 'psu-trip.log')] },
      'GET /api/results/v1/findings/2/attachments': { body: [] },
      'GET /api/results/v1/findings/3/attachments': { body: [attachment('3', 'a3', 'dmesg.txt'), attachment('3', 'a4', 'photo.jpg')] },
    });

    renderReport('/findings/report?generation=G2&lot=B');

    expect(await screen.findByRole('heading', { level: 1, name: 'Findings report: generation G2, lot B' })).toBeTruthy();
    const psu = await screen.findByRole('region', { name: 'rack.power on PSU-3KW-A (Power) (2)' });
    const ecc = screen.getByRole('region', { name: 'ecc-storm on no part named (Unclassified) (1)' });
    expect(screen.getAllByRole('region').filter((r) => r.classList.contains('report-group'))).toEqual([psu, ecc]);

    const listCalls = calls.filter((c) => c.url.startsWith('/api/results/v1/findings?'));
    expect(listCalls.map((c) => new URLSearchParams(c.url.split('?')[1]).get('cursor'))).toEqual([null, 'next']);
    for (const c of listCalls) expect(c.url).toMatch(/generation=G2/);
    for (const c of listCalls) expect(c.url).toMatch(/lot=B/);

    // Oldest first within the group; the RMA column is there because a finding was reported on one.
    const rows = within(psu).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['finding 1', 'finding 2']);
    expect(within(psu).getByRole('columnheader', { name: 'RMA' })).toBeTruthy();
    const first = rows[0];
    expect(within(first).getByRole('link', { name: 'RK-1' }).getAttribute('href')).toBe('/racks/RK-1');
    expect(within(first).getByRole('link', { name: 'run-1-00' }).getAttribute('href')).toBe('/runs/run-1-0000-0000');
    expect(first.textContent).toContain('PSU-3KW-A (Voltaic GmbH, DE)');
    expect(first.textContent).toContain('Reported to manufacturer');
    expect(first.textContent).toContain('olga');
    expect(within(first).getByRole('link', { name: 'RMA-2026-0042' }).getAttribute('href')).toBe(`/rmas/${RMA_ID}`);
    expect((await within(first).findByRole('link', { name: 'psu-trip.log' })).getAttribute('href')).toBe(
      '/api/results/v1/findings/1/attachments/a1',
    );
    expect(await within(rows[1]).findByText('none')).toBeTruthy();

    // A group without any finding on an RMA has no RMA column.
    expect(within(ecc).queryByRole('columnheader', { name: 'RMA' })).toBeNull();
    const eccRow = within(ecc).getAllByRole('row')[1];
    expect(eccRow.textContent).toContain('ecc-storm');
    expect(eccRow.textContent).toContain('Unclassified');
    expect(eccRow.textContent).toContain('Open');
    const files = await within(eccRow).findByRole('list', { name: 'Attachments of finding 3' });
    expect(
      within(files)
        .getAllByRole('link')
        .map((l) => l.getAttribute('href')),
    ).toEqual(['/api/results/v1/findings/3/attachments/a3', '/api/results/v1/findings/3/attachments/a4']);

    const byState = screen.getByRole('table', { name: 'Findings by state' });
    expect(within(byState).getByRole('row', { name: 'Open 1' })).toBeTruthy();
    expect(within(byState).getByRole('row', { name: 'Triaged 1' })).toBeTruthy();
    expect(within(byState).getByRole('row', { name: 'Reported to manufacturer 1' })).toBeTruthy();
    const byClass = screen.getByRole('table', { name: 'Findings by class' });
    expect(within(byClass).getByRole('row', { name: 'Power 2' })).toBeTruthy();
    expect(within(byClass).getByRole('row', { name: 'Unclassified 1' })).toBeTruthy();

    expect(screen.getByText(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)).toBeTruthy();
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('links the files and the board with the same generation and lot', async () => {
    stubFetch({ 'GET /api/results/v1/findings': { body: { items: [], nextCursor: null } } });

    renderReport('/findings/report?generation=G2&lot=B%207');

    expect(await screen.findByText('No findings for this generation and lot.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(
      '/api/results/v1/findings/report?generation=G2&lot=B+7&format=csv',
    );
    expect(screen.getByRole('link', { name: 'Download XLSX' }).getAttribute('href')).toBe(
      '/api/results/v1/findings/report?generation=G2&lot=B+7&format=xlsx',
    );
    expect(screen.getByRole('link', { name: '← Findings board' }).getAttribute('href')).toBe('/findings?generation=G2&lot=B+7');
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
  });

  it('says when it shows only the first findings of a larger report', async () => {
    let pages = 0;
    const calls = stubFetch({
      'GET /api/results/v1/findings': () => {
        pages += 1;
        return { body: { items: [finding(`${pages}a`), finding(`${pages}b`)], nextCursor: `after-${pages}` } };
      },
      'GET /api/results/v1/findings/1a/attachments': { body: [] },
      'GET /api/results/v1/findings/1b/attachments': { body: [] },
      'GET /api/results/v1/findings/2a/attachments': { body: [] },
    });

    renderReport('/findings/report?generation=G2', 3);

    expect((await screen.findByRole('note')).textContent).toMatch(/Only the first 3 findings are shown here; the CSV and XLSX files/);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Findings report: generation G2');
    expect(within(screen.getByRole('region', { name: 'rack.power on PSU-3KW-A (Power) (3)' })).getAllByRole('row')).toHaveLength(4);
    expect(calls.filter((c) => c.url.startsWith('/api/results/v1/findings?'))).toHaveLength(2);
  });

  it('asks for a generation rather than reporting on all of them', () => {
    renderReport('/findings/report?lot=B');

    expect(screen.getByRole('alert').textContent).toMatch(/The report is of one generation/);
    expect(screen.getByRole('link', { name: 'findings board' }).getAttribute('href')).toBe('/findings?lot=B');
  });
});

describe('reading the findings of a report', () => {
  it('follows the cursor in pages of 500 and stops at 2,000 findings, saying more were left', async () => {
    let served = 0;
    const calls = stubFetch({
      'GET /api/results/v1/findings': () => {
        const items = Array.from({ length: 500 }, (_, i) => finding(String(served + i)));
        served += items.length;
        return { body: { items, nextCursor: `c${served}` } };
      },
    });

    const { findings, truncated } = await readReportFindings({ generation: 'G2' });

    expect(findings).toHaveLength(2000);
    expect(truncated).toBe(true);
    expect(calls).toHaveLength(4);
    expect(calls.every((c) => /limit=500/.test(c.url))).toBe(true);
  });

  it('reads exactly 2,000 findings on their last page as complete', async () => {
    let served = 0;
    stubFetch({
      'GET /api/results/v1/findings': () => {
        const items = Array.from({ length: 500 }, (_, i) => finding(String(served + i)));
        served += items.length;
        return { body: { items, nextCursor: served < 2000 ? `c${served}` : null } };
      },
    });

    await expect(readReportFindings({ generation: 'G2' })).resolves.toMatchObject({ truncated: false });
  });
});
