import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { stubFetch } from '../test-support/fetch-stub';
import { optionFixture, shippedRmaFixture, valueFixture } from '../test-support/option-fixture';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { OptionPage } from './option-page';

const SERIAL = 'RK-G2-0007';
const pending = optionFixture({
  state: 'PENDING_APPROVAL',
  pendingRequest: { requestedBy: 'fiona', requestedAt: '2026-11-21T09:00:00Z', rationale: 'meets every target', waiver: null },
});

function openAs(username: string, roles: Parameters<typeof sessionOf>[1], option = optionFixture()) {
  const calls = stubFetch({
    [`GET /api/purchase-option/v1/options/${SERIAL}`]: { body: option },
    'GET /api/test-run/v1/runs': { body: { items: [], nextCursor: null } },
    [`POST /api/purchase-option/v1/options/${SERIAL}/decision`]: { body: pending },
    [`POST /api/purchase-option/v1/options/${SERIAL}/approval`]: { body: optionFixture({ state: 'EXERCISED' }) },
  });
  renderSignedIn(<OptionPage />, { session: sessionOf(username, roles), path: `/options/${SERIAL}`, pattern: '/options/:serial' });
  return calls;
}

describe('option page', () => {
  beforeEach(() => sessionStorage.clear());

  it('shows the evidence beside the price', async () => {
    openAs('fiona', ['finance']);
    expect((await screen.findAllByText('1,250,000.00 USD')).length).toBe(2); // the price card and the value section
    expect(screen.getByText(/criteria met 9 \/ 10/)).toBeTruthy();
    expect(screen.getByText(/62.5 % \(target 60 %, met\)/)).toBeTruthy();
    expect(screen.getByText('390.63 USD per tokens/s')).toBeTruthy();
    expect(screen.getByText('12 days left')).toBeTruthy();
  });

  it('shows the value section: each figure against its target and the cost verdict naming what is missed', async () => {
    openAs('fiona', ['finance']);
    const section = await screen.findByRole('region', { name: 'Value' });
    expect(section.textContent).toContain('misses cost');
    expect(section.textContent).toContain('Targets missed: maxTcoPerPerformanceUnit');
    const tco = screen.getByRole('row', { name: /TCO per performance unit/ });
    expect(tco.textContent).toContain('≤ 550');
    expect(tco.textContent).toContain('missed');
    expect(screen.getByRole('row', { name: /^Margin over BOM/ }).textContent).toContain('344,599.50 USD');
    expect(section.textContent).toContain('TCO = price + 125 kW');
  });

  it('asks for a waiver to exercise a rack that passed but misses cost', async () => {
    const calls = openAs('fiona', ['finance']);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Rationale'), 'strategic');
    expect(screen.getByRole('button', { name: 'Exercise option' })).toHaveProperty('disabled', true);
    await user.type(screen.getByLabelText('Waiver (this rack misses its cost targets)'), 'energy contract renegotiated');
    await user.click(screen.getByRole('button', { name: 'Exercise option' }));
    await screen.findByText(/a second finance colleague must approve or reject it/);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      decision: 'EXERCISE',
      rationale: 'strategic',
      waiver: 'energy contract renegotiated',
    });
  });

  it('lets finance request an exercise with a rationale', async () => {
    const calls = openAs(
      'fiona',
      ['finance'],
      optionFixture({ evidence: { ...optionFixture().evidence, value: valueFixture({ costVerdict: 'MEETS', missedTargets: [] }) } }),
    );
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Rationale'), 'meets every target');
    expect(screen.getByText(/above the approval threshold/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Exercise option' }));

    expect(await screen.findByText(/a second finance colleague must approve or reject it/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ decision: 'EXERCISE', rationale: 'meets every target' });
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('never offers the requester their own approval', async () => {
    openAs('fiona', ['finance'], pending);
    expect(await screen.findByText(/You requested this exercise/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
  });

  it('lets a second finance user approve with a note', async () => {
    const calls = openAs('farid', ['finance'], pending);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Your note'), 'checked the evidence');
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByText(/Exercised/i, { selector: '.badge' })).toBeTruthy();
    expect(calls.find((c) => c.url.endsWith('/approval'))?.body).toEqual({ approve: true, note: 'checked the evidence' });
  });

  it('shows a viewer no decision buttons', async () => {
    openAs('vic', ['viewer'], pending);
    expect((await screen.findAllByText('1,250,000.00 USD')).length).toBe(2); // the price card and the value section
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('asks for a waiver to exercise a rack that failed its evaluation', async () => {
    openAs('fiona', ['finance'], optionFixture({ state: 'NOT_EXERCISABLE' }));
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText(/Exercise — buy this rack/));
    await user.type(screen.getByLabelText('Rationale'), 'strategic');
    expect(screen.getByRole('button', { name: 'Exercise option' })).toHaveProperty('disabled', true);
    await user.type(screen.getByLabelText(/Waiver/), 'thermal fail is a sensor fault');
    expect(screen.getByRole('button', { name: 'Exercise option' })).toHaveProperty('disabled', false);
  });

  it('offers only Decline for a rack rejected at intake, which the server would refuse to exercise', async () => {
    const rejected = optionFixture({
      state: 'NOT_EXERCISABLE',
      evidence: {
        ...optionFixture().evidence,
        evaluation: null,
        intakeRejection: { reason: 'crushed corner, coolant leak', at: '2026-11-02T11:00:00Z' },
      },
    });
    const calls = openAs('fiona', ['finance'], rejected);
    const user = userEvent.setup();

    expect(await screen.findByText(/can only be declined/)).toBeTruthy();
    expect(screen.getAllByText(/crushed corner, coolant leak/).length).toBeGreaterThan(0);
    expect(screen.queryByLabelText(/Exercise — buy this rack/)).toBeNull();
    expect(screen.queryByLabelText(/Waiver/)).toBeNull();
    await user.type(screen.getByLabelText('Rationale'), 'rejected on arrival');
    await user.click(screen.getByRole('button', { name: 'Decline option' }));

    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ decision: 'DECLINE', rationale: 'rejected on arrival' });
  });

  describe("the rack's RMA and incarnation", () => {
    const rma = shippedRmaFixture;
    const RMA_ID = rma.rmaId;

    it('says the rack is at the manufacturer under its RMA, linked, since it was shipped', async () => {
      openAs('fiona', ['finance'], optionFixture({ state: 'DECLINED', rma }));

      const note = await screen.findByRole('note', { name: 'RMA' });
      expect(note.textContent).toMatch(/^At the manufacturer under RMA RMA-2026-0042 since .+\.$/);
      expect(within(note).getByRole('link', { name: 'RMA-2026-0042' }).getAttribute('href')).toBe(`/rmas/${RMA_ID}`);
      expect(note.textContent).not.toContain('incarnation');
    });

    it('says which incarnation a unit back from its RMA is, and how it came back', async () => {
      const back = { ...rma, receivedAt: '2026-12-14T10:30:00.000Z', incarnationAfter: 2, returnKind: 'REPAIRED' as const };
      openAs('fiona', ['finance'], optionFixture({ state: 'PENDING_EVALUATION', incarnation: 2, rma: back }));

      const note = await screen.findByRole('note', { name: 'RMA' });
      expect(note.textContent).toMatch(/Back from the manufacturer under RMA RMA-2026-0042 since .+ \(repaired\)\./);
      expect(note.textContent).not.toContain('At the manufacturer');
      expect(within(note).getByText('incarnation 2')).toBeTruthy();
    });

    it('says nothing of RMAs for a rack never on one', async () => {
      openAs('fiona', ['finance']);
      await screen.findAllByText('1,250,000.00 USD');
      expect(screen.queryByRole('note', { name: 'RMA' })).toBeNull();
    });
  });
});
