import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Rma } from '../api';
import { stubFetch } from '../test-support/fetch-stub';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { rmaFixture } from '../test-support/rma-fixture';
import { RmasPage } from './rmas-page';

const rma = (n: number, state: Rma['state'], overrides: Partial<Rma> = {}): Rma =>
  rmaFixture({
    id: `00000000-0000-4000-8000-00000000000${n}`,
    rmaNumber: `RMA-2026-000${n}`,
    state,
    serials: [`RK-G1-000${n}`],
    ...overrides,
  });

const shipped = rma(1, 'SHIPPED', {
  serials: ['RK-G1-0001', 'RK-G1-0002'],
  findingIds: ['0b7f8a7e-5f0e-4d7e-9c56-3a4b5c6d7e8f', '1b7f8a7e-5f0e-4d7e-9c56-3a4b5c6d7e8f'],
  shippedAt: '2026-11-30T09:15:00.000Z',
});
const open = rma(2, 'OPEN');
const later = rma(3, 'OPEN');

const rows = () =>
  within(screen.getByRole('table', { name: 'RMAs' }))
    .getAllByRole('row')
    .slice(1);

describe('RMAs page', () => {
  beforeEach(() => sessionStorage.clear());

  it('lists RMAs with their units linked to the racks and their findings counted', async () => {
    stubFetch({ 'GET /api/intake/v1/rmas': { body: { items: [shipped, open], nextCursor: null } } });
    renderSignedIn(<RmasPage />, { session: sessionOf('fiona', ['finance']), path: '/rmas', pattern: '/rmas' });

    await screen.findByRole('link', { name: 'RMA-2026-0001' });
    const [first, second] = rows();
    expect(within(first).getByText('Shipped')).toBeTruthy();
    expect(
      within(first)
        .getAllByRole('link')
        .map((link) => [link.textContent, link.getAttribute('href')]),
    ).toEqual([
      ['RMA-2026-0001', `/rmas/${shipped.id}`],
      ['RK-G1-0001', '/racks/RK-G1-0001'],
      ['RK-G1-0002', '/racks/RK-G1-0002'],
    ]);
    expect(within(first).getAllByRole('cell')[2].textContent).toBe('2');
    expect(within(second).getByText('Open')).toBeTruthy();
    expect(within(second).getAllByRole('cell')[3].textContent).toBe('—');
  });

  it('filters by state through the address and pages on with the cursor', async () => {
    const calls = stubFetch({
      'GET /api/intake/v1/rmas': ({ url }) => {
        const query = new URLSearchParams(url.split('?')[1]);
        if (query.get('cursor') === 'next') return { body: { items: [later], nextCursor: null } };
        const items = [shipped, open].filter((r) => !query.get('state') || r.state === query.get('state'));
        return { body: { items, nextCursor: query.get('state') ? 'next' : null } };
      },
    });
    renderSignedIn(<RmasPage />, { session: sessionOf('vic', ['viewer']), path: '/rmas', pattern: '/rmas' });
    await screen.findByRole('link', { name: 'RMA-2026-0001' });

    await userEvent.selectOptions(screen.getByLabelText('State'), 'OPEN');

    expect(await screen.findByRole('button', { name: 'Show more' })).toBeTruthy();
    expect(rows().map((row) => within(row).getAllByRole('link')[0].textContent)).toEqual(['RMA-2026-0002']);
    expect(calls.at(-1)!.url).toContain('state=OPEN');

    await userEvent.click(screen.getByRole('button', { name: 'Show more' }));

    expect(await screen.findByRole('link', { name: 'RMA-2026-0003' })).toBeTruthy();
    expect(rows()).toHaveLength(2);
    expect(calls.at(-1)!.url).toMatch(/state=OPEN.*cursor=next|cursor=next.*state=OPEN/);
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('opens on the state named in the address', async () => {
    const calls = stubFetch({ 'GET /api/intake/v1/rmas': { body: { items: [open], nextCursor: null } } });
    renderSignedIn(<RmasPage />, { session: sessionOf('fiona', ['finance']), path: '/rmas?state=OPEN', pattern: '/rmas' });

    expect(await screen.findByRole('link', { name: 'RMA-2026-0002' })).toBeTruthy();
    expect(screen.getByLabelText('State')).toHaveProperty('value', 'OPEN');
    expect(calls[0].url).toContain('state=OPEN');
  });
});
