import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Finding, RackDetail, Rma, RmaDetail, Role } from '../api';
import { stubFetch } from '../test-support/fetch-stub';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { RackRmas } from './rack-rmas';

const SERIAL = 'RK-G1-0007';
const ID = '4a1c2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const FINDING = '0b7f8a7e-5f0e-4d7e-9c56-3a4b5c6d7e8f';
const rack = (state: RackDetail['state']) => ({ serial: SERIAL, state }) as RackDetail;
const rma = (state: Rma['state']) =>
  ({ id: ID, rmaNumber: 'RMA-2026-0042', state, serials: [SERIAL], findingIds: [FINDING], history: [], units: [] }) as unknown as RmaDetail;
const finding = { id: FINDING, title: 'rack.power failed in burn-in (attempt 1)', state: 'TRIAGED' } as Finding;
const none = { body: { items: [], nextCursor: null } };

const renderAs = (roles: Role[], detail: RackDetail) =>
  renderSignedIn(<RackRmas rack={detail} />, { session: sessionOf('someone', roles) });

describe("a rack's RMAs", () => {
  beforeEach(() => sessionStorage.clear());

  it('lets intake open an RMA for a rack awaiting return, with findings picked from the rack, and links to it', async () => {
    const calls = stubFetch({
      'GET /api/intake/v1/rmas': none,
      'GET /api/results/v1/findings': { body: { items: [finding], nextCursor: null } },
      'POST /api/intake/v1/rmas': { status: 201, body: rma('OPEN') },
    });
    renderAs(['intake'], rack('AWAITING_RETURN'));
    const form = await screen.findByRole('form', { name: 'Open an RMA' });

    await userEvent.type(within(form).getByLabelText('RMA number'), 'RMA-2026-0042');
    await userEvent.click(await within(form).findByRole('checkbox', { name: /rack.power failed in burn-in/ }));
    await userEvent.type(within(form).getByLabelText('Notes (optional)'), 'PSU shelf 2 trips');
    calls.length = 0;
    await userEvent.click(within(form).getByRole('button', { name: 'Open an RMA' }));

    const status = await screen.findByRole('status');
    expect(within(status).getByRole('link', { name: 'RMA-2026-0042' }).getAttribute('href')).toBe(`/rmas/${ID}`);
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ rmaNumber: 'RMA-2026-0042', serials: [SERIAL], findingIds: [FINDING], notes: 'PSU shelf 2 trips' });
    expect(post.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls.some((c) => c.method === 'GET' && c.url.startsWith('/api/intake/v1/rmas?'))).toBe(true);
  });

  it("takes finding ids as a typed list when the rack's findings cannot be read", async () => {
    const calls = stubFetch({
      'GET /api/intake/v1/rmas': none,
      'GET /api/results/v1/findings': {
        status: 503,
        body: { statusCode: 503, error: 'Unavailable', code: 'UNAVAILABLE', message: 'down' },
      },
      'POST /api/intake/v1/rmas': { status: 201, body: rma('OPEN') },
    });
    renderAs(['admin'], rack('AWAITING_RETURN'));
    const form = await screen.findByRole('form', { name: 'Open an RMA' });

    await userEvent.type(within(form).getByLabelText('RMA number'), 'RMA-2026-0042');
    await userEvent.type(await within(form).findByLabelText(/Finding ids/), `${FINDING}, ${FINDING}`);
    await userEvent.click(within(form).getByRole('button', { name: 'Open an RMA' }));

    await screen.findByRole('status');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ rmaNumber: 'RMA-2026-0042', serials: [SERIAL], findingIds: [FINDING] });
  });

  it('shows a refusal in words', async () => {
    stubFetch({
      'GET /api/intake/v1/rmas': none,
      'GET /api/results/v1/findings': none,
      'POST /api/intake/v1/rmas': {
        status: 409,
        body: {
          statusCode: 409,
          error: 'Conflict',
          code: 'RMA_NUMBER_TAKEN',
          message: 'RMA number RMA-2026-0042 is already recorded at intake',
          details: [{ field: 'rmaNumber', message: 'RMA-2026-0042 is taken' }],
        },
      },
    });
    renderAs(['intake'], rack('AWAITING_RETURN'));
    const form = await screen.findByRole('form', { name: 'Open an RMA' });

    await userEvent.type(within(form).getByLabelText('RMA number'), 'RMA-2026-0042');
    await userEvent.click(within(form).getByRole('button', { name: 'Open an RMA' }));

    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('That RMA number is already recorded.');
    expect(alert.textContent).toContain('RMA-2026-0042 is taken');
  });

  it.each([
    [['viewer'], 'AWAITING_RETURN'],
    [['finance'], 'AWAITING_RETURN'],
    [['test-engineer'], 'AWAITING_RETURN'],
    [['intake'], 'EVALUATION_FAILED'],
    [['admin'], 'RETURNED'],
  ] as Array<[Role[], RackDetail['state']]>)('offers %s no RMA form for a rack %s', async (roles, state) => {
    // A cancelled RMA holds no unit: its line shows once the rack's RMAs are read, and nothing more.
    stubFetch({
      'GET /api/intake/v1/rmas': { body: { items: [rma('CANCELLED')], nextCursor: null } },
      'GET /api/results/v1/findings': none,
    });
    renderAs(roles, rack(state));
    expect((await screen.findByRole('list', { name: 'RMAs of this rack' })).textContent).toBe('On RMA RMA-2026-0042 (cancelled)');
    expect(screen.queryByRole('form', { name: 'Open an RMA' })).toBeNull();
  });

  it('links to the RMA the rack is on, and offers no second one', async () => {
    stubFetch({ 'GET /api/intake/v1/rmas': { body: { items: [rma('SHIPPED')], nextCursor: null } } });
    renderAs(['intake'], rack('RETURNED_FOR_RMA'));

    const line = within(await screen.findByRole('list', { name: 'RMAs of this rack' })).getByRole('listitem');
    expect(line.textContent).toBe('On RMA RMA-2026-0042 (shipped)');
    expect(within(line).getByRole('link').getAttribute('href')).toBe(`/rmas/${ID}`);
    expect(screen.queryByRole('form', { name: 'Open an RMA' })).toBeNull();
  });

  it('offers no form for a rack awaiting return that is already on an open RMA', async () => {
    stubFetch({ 'GET /api/intake/v1/rmas': { body: { items: [rma('OPEN')], nextCursor: null } } });
    renderAs(['intake'], rack('AWAITING_RETURN'));

    expect(await screen.findByRole('link', { name: 'RMA-2026-0042' })).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Open an RMA' })).toBeNull();
  });
});
