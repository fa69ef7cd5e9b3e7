import { screen, within } from '@testing-library/react';
import type { RackDetail, Rma } from '../api';
import { stubFetch } from '../test-support/fetch-stub';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { IncarnationBadge, RackIncarnations } from './rack-incarnations';

const SERIAL = 'RK-G1-0007';
const RMA_ID = '4a1c2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const rack = (change: Partial<RackDetail>) =>
  ({
    serial: SERIAL,
    state: 'RECEIVED',
    incarnation: 1,
    incarnations: [{ incarnation: 1, since: '2026-11-02T10:00:00.000Z' }],
    replacesSerial: null,
    replacedBy: null,
    ...change,
  }) as RackDetail;
const back = rack({
  incarnation: 2,
  incarnations: [
    { incarnation: 1, since: '2026-11-02T10:00:00.000Z' },
    { incarnation: 2, since: '2026-12-14T10:30:00.000Z', rmaNumber: 'RMA-2026-0042', kind: 'REPAIRED' },
  ],
});
const rmaOnRack = { id: RMA_ID, rmaNumber: 'RMA-2026-0042', state: 'RECEIVED', serials: [SERIAL] } as Rma;

const renderWith = (detail: RackDetail) =>
  renderSignedIn(
    <>
      <h1>
        Rack <IncarnationBadge rack={detail} />
      </h1>
      <RackIncarnations rack={detail} />
    </>,
    { session: sessionOf('vic', ['viewer']) },
  );

describe("a rack's incarnations", () => {
  beforeEach(() => sessionStorage.clear());

  it('shows the incarnation beside the state and lists each one with the RMA it came back under, linked, and how', async () => {
    const calls = stubFetch({ 'GET /api/intake/v1/rmas': { body: { items: [rmaOnRack], nextCursor: null } } });
    renderWith(back);

    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('incarnation 2');
    const table = screen.getByRole('table', { name: 'Incarnations' });
    const second = within(table).getByRole('row', { name: /^2 \(now\)/ });
    expect((await within(second).findByRole('link', { name: 'RMA-2026-0042' })).getAttribute('href')).toBe(`/rmas/${RMA_ID}`);
    expect(within(second).getByText('Repaired')).toBeTruthy();
    expect(within(within(table).getByRole('row', { name: /^1 / })).getByText('as first delivered')).toBeTruthy();
    expect(new URLSearchParams(calls[0].url.split('?')[1]).get('serial')).toBe(SERIAL);
  });

  it("names the RMA without a link when the rack's RMAs cannot be read", async () => {
    stubFetch({
      'GET /api/intake/v1/rmas': { status: 503, body: { statusCode: 503, error: 'Unavailable', code: 'UNAVAILABLE', message: 'down' } },
    });
    renderWith(back);

    const second = within(screen.getByRole('table', { name: 'Incarnations' })).getByRole('row', { name: /^2 \(now\)/ });
    expect(await within(second).findByText('RMA-2026-0042')).toBeTruthy();
    expect(within(second).queryByRole('link')).toBeNull();
  });

  it('links a replacement and the unit it replaced to each other', () => {
    stubFetch({});
    renderWith(rack({ serial: 'RK-G1-0107', replacesSerial: SERIAL }));

    expect(screen.getByRole('link', { name: SERIAL }).getAttribute('href')).toBe(`/racks/${SERIAL}`);
    expect(screen.getByText(/^Replaces/)).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).not.toContain('incarnation');
  });

  it('says which serial replaced a returned unit', () => {
    stubFetch({});
    renderWith(rack({ state: 'RETURNED', replacedBy: 'RK-G1-0107' }));

    expect(screen.getByText(/^Replaced by/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'RK-G1-0107' }).getAttribute('href')).toBe('/racks/RK-G1-0107');
  });

  it('shows nothing for a unit as first delivered, and reads no RMAs for it', () => {
    const calls = stubFetch({});
    renderWith(rack({}));

    expect(screen.queryByRole('heading', { name: 'Incarnations' })).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).not.toContain('incarnation');
    expect(calls).toHaveLength(0);
  });
});
