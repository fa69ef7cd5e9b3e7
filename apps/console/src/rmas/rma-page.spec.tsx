import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Role, RmaDetail } from '../api';
import { stubFetch } from '../test-support/fetch-stub';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { rmaDetailFixture } from '../test-support/rma-fixture';
import { RmaPage } from './rma-page';

const ID = '4a1c2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const FINDING = '0b7f8a7e-5f0e-4d7e-9c56-3a4b5c6d7e8f';
const open = rmaDetailFixture({
  findingIds: [FINDING],
  notes: 'PSU shelf 2 trips under full load',
  history: [
    { from: null, to: 'OPEN', actor: 'ines', reason: 'opened for RK-G1-0007 reporting 1 finding(s)', at: '2026-11-29T10:00:00.000Z' },
  ],
});
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

  it('offers intake no way to ship or cancel once the RMA has shipped, only to receive its units back', async () => {
    stubFetch({ [`GET /api/intake/v1/rmas/${ID}`]: { body: shipped('2026-11-30T09:15:00.000Z') } });
    renderAs(['intake']);
    await screen.findByRole('heading', { name: /RMA RMA-2026-0042/ });
    expect(screen.queryByRole('form', { name: 'Mark shipped' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Cancel the RMA' })).toBeNull();
    expect(screen.getByRole('form', { name: 'Receive units back' })).toBeTruthy();
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

  describe('receiving units back', () => {
    const REPLACEMENT = 'RK-G1-0107';
    const away = (serial: string) => ({ ...open.units[0], serial, state: 'RETURNED_FOR_RMA' as const });
    const twoUnits = (): RmaDetail => {
      const rma = shipped('2026-11-30T09:15:00.000Z');
      return { ...rma, serials: ['RK-G1-0007', 'RK-G1-0008'], units: [away('RK-G1-0007'), away('RK-G1-0008')] };
    };
    type Receipt = { receivedAt: string; units: Array<{ serial: string; kind: string; replacementSerial?: string; note?: string }> };

    it.each([[['viewer']], [['finance']], [['test-engineer']]] as Role[][][])('offers %s no way to receive units', async (roles) => {
      stubFetch({ [`GET /api/intake/v1/rmas/${ID}`]: { body: twoUnits() } });
      renderAs(roles);
      await screen.findByRole('heading', { name: /RMA RMA-2026-0042/ });
      expect(screen.queryByRole('form', { name: 'Receive units back' })).toBeNull();
    });

    it('receives each unit as repaired or replaced under a new serial, with notes, at now sent as UTC; the RMA is then received', async () => {
      const calls = stubFetch({
        [`GET /api/intake/v1/rmas/${ID}`]: { body: twoUnits() },
        [`POST /api/intake/v1/rmas/${ID}/receive`]: ({ body }) => {
          const { receivedAt } = body as Receipt;
          const rma = twoUnits();
          return {
            body: {
              ...rma,
              state: 'RECEIVED',
              receivedAt,
              receivedBy: 'ines',
              version: 3,
              units: [
                { ...rma.units[0], state: 'RECEIVED', receivedAt, kind: 'REPAIRED', incarnation: 2, note: 'PSU shelf 2 replaced' },
                { ...rma.units[1], state: 'RETURNED', receivedAt, kind: 'REPLACED', replacementSerial: REPLACEMENT },
              ],
            },
          };
        },
      });
      renderAs(['intake']);
      const form = await screen.findByRole('form', { name: 'Receive units back' });
      const before = Date.now();
      const first = within(form).getByRole('group', { name: 'Unit RK-G1-0007' });
      const second = within(form).getByRole('group', { name: 'Unit RK-G1-0008' });

      expect(within(first).queryByLabelText(/Replacement serial/)).toBeNull();
      await userEvent.type(within(first).getByLabelText('Note (optional)'), 'PSU shelf 2 replaced');
      await userEvent.selectOptions(within(second).getByLabelText('How it came back'), 'Replaced');
      await userEvent.type(within(second).getByLabelText(/Replacement serial/), REPLACEMENT);
      await userEvent.click(within(form).getByRole('button', { name: 'Receive 2 units' }));

      await waitFor(() => expect(screen.queryByRole('form', { name: 'Receive units back' })).toBeNull());
      const post = calls.find((c) => c.method === 'POST')!;
      const receipt = post.body as Receipt;
      expect(receipt.units).toEqual([
        { serial: 'RK-G1-0007', kind: 'REPAIRED', note: 'PSU shelf 2 replaced' },
        { serial: 'RK-G1-0008', kind: 'REPLACED', replacementSerial: REPLACEMENT },
      ]);
      expect(receipt.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(before - Date.parse(receipt.receivedAt)).toBeGreaterThanOrEqual(0);
      expect(before - Date.parse(receipt.receivedAt)).toBeLessThan(60_000);
      expect(post.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);

      expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Received');
      const table = screen.getByRole('table', { name: 'Units' });
      const headings = within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent);
      expect(headings).toEqual(['Rack', 'Generation', 'Lot', 'State now', 'Received', 'How', 'Replacement', 'Incarnation', 'Note']);
      const repaired = within(table).getByRole('row', { name: /RK-G1-0007/ });
      expect(within(repaired).getByText('Repaired')).toBeTruthy();
      expect(within(repaired).getByRole('cell', { name: '2' })).toBeTruthy();
      const replaced = within(table).getByRole('row', { name: /RK-G1-0008/ });
      expect(within(replaced).getByText('Replaced')).toBeTruthy();
      expect(within(replaced).getByRole('link', { name: REPLACEMENT }).getAttribute('href')).toBe(`/racks/${REPLACEMENT}`);
    });

    it('offers only the units still away, and sends only those ticked as back', async () => {
      const rma = twoUnits();
      const partly: RmaDetail = {
        ...rma,
        units: [
          { ...rma.units[0], state: 'RECEIVED', receivedAt: '2026-12-01T08:00:00.000Z', kind: 'REPAIRED', incarnation: 2 },
          rma.units[1],
          { ...away('RK-G1-0009') },
        ],
      };
      const calls = stubFetch({
        [`GET /api/intake/v1/rmas/${ID}`]: { body: partly },
        [`POST /api/intake/v1/rmas/${ID}/receive`]: { body: partly },
      });
      renderAs(['admin']);
      const form = await screen.findByRole('form', { name: 'Receive units back' });

      expect(within(form).queryByRole('group', { name: 'Unit RK-G1-0007' })).toBeNull();
      expect(
        within(within(screen.getByRole('table', { name: 'Units' })).getByRole('row', { name: /RK-G1-0008/ })).getByText('not yet'),
      ).toBeTruthy();
      await userEvent.click(
        within(within(form).getByRole('group', { name: 'Unit RK-G1-0009' })).getByRole('checkbox', { name: 'Back now' }),
      );
      fireEvent.change(within(form).getByLabelText(/Received at/), { target: { value: '2026-12-02T14:30' } });
      await userEvent.click(within(form).getByRole('button', { name: 'Receive 1 unit' }));

      await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
      expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
        receivedAt: new Date(2026, 11, 2, 14, 30).toISOString(),
        units: [{ serial: 'RK-G1-0008', kind: 'REPAIRED' }],
      });
    });
  });
});
