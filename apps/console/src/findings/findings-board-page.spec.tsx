import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Finding } from '../api';
import { stubFetch } from '../test-support/fetch-stub';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { FindingsBoardPage } from './findings-board-page';

const finding = (id: string, failureClass: string | null, state: Finding['state'], title: string): Finding =>
  ({
    id,
    origin: 'CRITERION',
    rackSerial: `RK-${id}`,
    generation: 'G2',
    lot: 'B',
    runId: null,
    criterion: 'rack.power',
    diagnosis: null,
    title,
    failureClass,
    component: null,
    owner: null,
    state,
    groupKey: id === '1' ? 'criterion:rack.power|PSU-3KW-A|POWER' : 'k',
    version: 1,
    openedBy: 'rule:run-verdict',
    openedAt: '2026-11-29T10:00:00.000Z',
    updatedAt: '2026-11-29T10:00:00.000Z',
    actions: [],
    rmaId: null,
    rmaNumber: null,
  }) as Finding;

describe('findings board', () => {
  beforeEach(() => sessionStorage.clear());

  it("counts findings by class and state, lists a cell's findings, and shows what recurs", async () => {
    stubFetch({
      'GET /api/results/v1/findings/classes': { body: { classes: ['HARDWARE_DEFECT', 'POWER'], states: ['OPEN', 'TRIAGED', 'VERIFIED'] } },
      'GET /api/results/v1/findings': {
        body: {
          items: [
            finding('1', 'POWER', 'TRIAGED', 'PSU shelf 2 trips'),
            finding('2', 'POWER', 'TRIAGED', 'PSU shelf 1 trips'),
            finding('3', null, 'OPEN', 'tokens/s low'),
          ],
          nextCursor: null,
        },
      },
      'GET /api/results/v1/findings/groups': {
        body: {
          items: [
            {
              groupKey: 'criterion:rack.power|PSU-3KW-A|POWER',
              criterion: 'rack.power',
              diagnosis: null,
              partNumber: 'PSU-3KW-A',
              failureClass: 'POWER',
              count: 12,
              racks: 9,
              unresolved: 4,
              firstOpenedAt: '2026-11-01T00:00:00.000Z',
              lastOpenedAt: '2026-11-29T00:00:00.000Z',
              generations: [{ generation: 'G2', lot: 'B', count: 12 }],
            },
          ],
        },
      },
      'GET /api/intake/v1/generations': { body: { items: [], nextCursor: null } },
    });
    renderSignedIn(<FindingsBoardPage />, { session: sessionOf('vic', ['viewer']) });

    const table = await screen.findByRole('table', { name: 'Findings by class and state' });
    const power = within(table).getByRole('row', { name: /^Power/ });
    expect(within(power).getByRole('button', { name: '2 Power Triaged' })).toBeTruthy();
    expect(
      within(within(table).getByRole('row', { name: /^Unclassified/ })).getByRole('button', { name: '1 Unclassified Open' }),
    ).toBeTruthy();
    expect(
      within(screen.getByRole('list', { name: 'Similar findings' })).getByText(/on PSU-3KW-A \(Power\) — 9 racks, G2 lot B: 12/),
    ).toBeTruthy();

    await userEvent.click(within(power).getByRole('button', { name: '2 Power Triaged' }));

    const cell = screen.getByRole('region', { name: 'Power · Triaged' });
    expect(
      within(cell)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['PSU shelf 2 trips', 'PSU shelf 1 trips']);
    expect(within(cell).getByRole('link', { name: 'PSU shelf 2 trips' }).getAttribute('href')).toBe('/findings/1');

    await userEvent.click(within(screen.getByRole('list', { name: 'Similar findings' })).getByRole('button', { name: 'Show these' }));

    const group = screen.getByRole('region', { name: 'rack.power on PSU-3KW-A (Power)' });
    expect(
      within(group)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['PSU shelf 2 trips']);
  });

  it("filters by the address's generation and lot and links the printable report with them", async () => {
    const calls = stubFetch({
      'GET /api/results/v1/findings/classes': { body: { classes: ['POWER'], states: ['OPEN'] } },
      'GET /api/results/v1/findings': { body: { items: [finding('1', 'POWER', 'OPEN', 'PSU shelf 2 trips')], nextCursor: null } },
      'GET /api/results/v1/findings/groups': { body: { items: [] } },
      'GET /api/intake/v1/generations': { body: { items: [], nextCursor: null } },
    });
    renderSignedIn(<FindingsBoardPage />, { session: sessionOf('vic', ['viewer']), path: '/findings?generation=G2&lot=B' });

    const report = await screen.findByRole('link', { name: 'Printable report for the manufacturer (G2, lot B)' });
    expect(report.getAttribute('href')).toBe('/findings/report?generation=G2&lot=B');
    const reads = calls.filter((c) => /^\/api\/results\/v1\/findings(\/groups)?\?/.test(c.url));
    expect(reads).toHaveLength(2);
    for (const read of reads) expect(new URLSearchParams(read.url.split('?')[1]).get('lot')).toBe('B');
    for (const read of reads) expect(new URLSearchParams(read.url.split('?')[1]).get('generation')).toBe('G2');
    expect((screen.getByRole('textbox', { name: 'Lot' }) as HTMLInputElement).value).toBe('B');
  });

  it('offers the report only once a generation is chosen', async () => {
    stubFetch({
      'GET /api/results/v1/findings/classes': { body: { classes: [], states: ['OPEN'] } },
      'GET /api/results/v1/findings': { body: { items: [], nextCursor: null } },
      'GET /api/results/v1/findings/groups': { body: { items: [] } },
      'GET /api/intake/v1/generations': { body: { items: [], nextCursor: null } },
    });
    renderSignedIn(<FindingsBoardPage />, { session: sessionOf('vic', ['viewer']) });

    expect(await screen.findByText('Choose a generation for a printable report.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Printable report/ })).toBeNull();
  });
});
