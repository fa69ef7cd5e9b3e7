import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Role, RmaDetail } from '../api';
import { stubFetch } from '../test-support/fetch-stub';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { RmaPage } from './rma-page';

const ID = '4a1c2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const FINDING = '0b7f8a7e-5f0e-4d7e-9c56-3a4b5c6d7e8f';
const open: RmaDetail = {
  id: ID,
  rmaNumber: 'RMA-2026-0042',
  state: 'OPEN',
  serials: ['RK-G1-0007'],
  findingIds: [FINDING],
  createdBy: 'ines',
  createdAt: '2026-11-29T10:00:00.000Z',
  shippedAt: null,
  updatedAt: '2026-11-29T10:00:00.000Z',
  version: 1,
  notes: 'PSU shelf 2 trips under full load',
  shippedBy: null,
  cancelledAt: null,
  cancelledBy: null,
  cancelReason: null,
  units: [{ serial: 'RK-G1-0007', generation: 'G1', lot: 'B', state: 'AWAITING_RETURN' }],
  history: [
    { from: null, to: 'OPEN', actor: 'ines', reason: 'opened for RK-G1-0007 reporting 1 finding(s)', at: '2026-11-29T10:00:00.000Z' },
  ],
};
const shipped = (shippedAt: string): RmaDetail => ({
  ...open,
  state: 'SHIPPED',
  shippedAt,
  shippedBy: 'ines',
  version: 2,
  units: [{ ...open.units[0], state: 'RETURNED_FOR_RMA' }],
  history: [...open.history, { from: 'OPEN', to: 'SHIPPED', actor: 'ines', reason: 'units shipped', at: '2026-11-30T10:00:00.000Z' }],
});

const renderAs = (roles: Role[]) =>
  renderSignedIn(<RmaPage />, { session: sessionOf('someone', roles), path: `/rmas/${ID}`, pattern: '/rmas/:id' });

describe('RMA page', () => {
  beforeEach(() => sessionStorage.clear());

  it('shows the RMA, its units as they are now, its findings and history', async () => {
    stubFetch({ [`GET /api/intake/v1/rmas/${ID}`]: { body: shipped('2026-11-30T09:15:00.000Z') } });
    renderAs(['viewer']);

    expect(await screen.findByRole('heading', { name: /RMA RMA-2026-0042/ })).toBeTruthy();
    expect(screen.getByText('PSU shelf 2 trips under full load')).toBeTruthy();
    const unit = within(screen.getByRole('table', { name: 'Units' })).getByRole('row', { name: /RK-G1-0007/ });
    expect(within(unit).getByRole('link', { name: 'RK-G1-0007' }).getAttribute('href')).toBe('/racks/RK-G1-0007');
    expect(within(unit).getByText('returned for RMA')).toBeTruthy();
    expect(screen.getByRole('link', { name: FINDING }).getAttribute('href')).toBe(`/findings/${FINDING}`);
    expect(within(screen.getByRole('list', { name: 'History' })).getAllByRole('listitem')).toHaveLength(2);
  });

  it.each([[['viewer']], [['finance']], [['test-engineer']]] as Role[][][])('offers %s no way to ship or cancel', async (roles) => {
    stubFetch({ [`GET /api/intake/v1/rmas/${ID}`]: { body: open } });
    renderAs(roles);
    await screen.findByRole('heading', { name: /RMA RMA-2026-0042/ });
    expect(screen.queryByRole('form', { name: 'Mark shipped' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Cancel the RMA' })).toBeNull();
  });

  it('offers intake nothing once the RMA has shipped', async () => {
    stubFetch({ [`GET /api/intake/v1/rmas/${ID}`]: { body: shipped('2026-11-30T09:15:00.000Z') } });
    renderAs(['intake']);
    await screen.findByRole('heading', { name: /RMA RMA-2026-0042/ });
    expect(screen.queryByRole('form', { name: 'Mark shipped' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Cancel the RMA' })).toBeNull();
  });

  it('ships an open RMA at now by default, sent as UTC ISO-8601 with an idempotency key', async () => {
    const calls = stubFetch({
      [`GET /api/intake/v1/rmas/${ID}`]: { body: open },
      [`POST /api/intake/v1/rmas/${ID}/ship`]: ({ body }) => ({ body: shipped((body as { shippedAt: string }).shippedAt) }),
    });
    renderAs(['intake']);
    const form = await screen.findByRole('form', { name: 'Mark shipped' });
    const before = Date.now();

    await userEvent.click(within(form).getByRole('button', { name: 'Mark shipped' }));

    await waitFor(() => expect(screen.queryByRole('form', { name: 'Mark shipped' })).toBeNull());
    const post = calls.find((c) => c.method === 'POST')!;
    const { shippedAt } = post.body as { shippedAt: string };
    expect(shippedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(before - Date.parse(shippedAt)).toBeGreaterThanOrEqual(0);
    expect(before - Date.parse(shippedAt)).toBeLessThan(60_000);
    expect(post.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(within(screen.getByRole('table', { name: 'Units' })).getByText('returned for RMA')).toBeTruthy();
  });

  it('sends the date-time typed in local time as its UTC instant', async () => {
    const calls = stubFetch({
      [`GET /api/intake/v1/rmas/${ID}`]: { body: open },
      [`POST /api/intake/v1/rmas/${ID}/ship`]: ({ body }) => ({ body: shipped((body as { shippedAt: string }).shippedAt) }),
    });
    renderAs(['admin']);
    const form = await screen.findByRole('form', { name: 'Mark shipped' });

    fireEvent.change(within(form).getByLabelText(/Shipped at/), { target: { value: '2026-11-30T09:15' } });
    await userEvent.click(within(form).getByRole('button', { name: 'Mark shipped' }));

    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const { shippedAt } = calls.find((c) => c.method === 'POST')!.body as { shippedAt: string };
    const local = new Date(2026, 10, 30, 9, 15);
    expect(shippedAt).toBe(local.toISOString());
    expect(shippedAt.endsWith('Z')).toBe(true);
  });

  it('cancels an open RMA only with a reason', async () => {
    const calls = stubFetch({
      [`GET /api/intake/v1/rmas/${ID}`]: { body: open },
      [`POST /api/intake/v1/rmas/${ID}/cancel`]: {
        body: { ...open, state: 'CANCELLED', cancelledAt: '2026-11-30T10:00:00.000Z', cancelledBy: 'ines', cancelReason: 'new number' },
      },
    });
    renderAs(['intake']);
    const form = await screen.findByRole('form', { name: 'Cancel the RMA' });
    const button = within(form).getByRole('button', { name: 'Cancel the RMA' });
    expect(button).toHaveProperty('disabled', true);

    await userEvent.type(within(form).getByLabelText('Reason'), 'new number');
    await userEvent.click(button);

    expect(await screen.findByText(/by ines: new number/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ reason: 'new number' });
    expect(screen.queryByRole('form', { name: 'Cancel the RMA' })).toBeNull();
  });

  it("shows a refusal in words, with the server's reason", async () => {
    stubFetch({
      [`GET /api/intake/v1/rmas/${ID}`]: { body: open },
      [`POST /api/intake/v1/rmas/${ID}/ship`]: {
        status: 409,
        body: {
          statusCode: 409,
          error: 'Conflict',
          code: 'ILLEGAL_TRANSITION',
          message: 'RMA RMA-2026-0042 is CANCELLED; shipping is allowed only for an OPEN RMA',
          details: [{ field: 'state', message: 'CANCELLED does not allow shipping' }],
        },
      },
    });
    renderAs(['intake']);
    const form = await screen.findByRole('form', { name: 'Mark shipped' });

    await userEvent.click(within(form).getByRole('button', { name: 'Mark shipped' }));

    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('The RMA was not shipped');
    expect(alert.textContent).toContain('That step is not allowed in the current state.');
    expect(alert.textContent).toContain('CANCELLED does not allow shipping');
  });
});
