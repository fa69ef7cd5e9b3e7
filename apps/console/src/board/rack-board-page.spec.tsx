import { act, screen, waitFor, within } from '@testing-library/react';
import type { RackSummary } from '../api';
import { LiveEventsProvider } from '../live/live-context';
import { stubFetch } from '../test-support/fetch-stub';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { RackBoardPage } from './rack-board-page';

/** Stands in for the browser's EventSource so a test can push events. */
class FakeEventSource {
  static last: FakeEventSource;
  readyState = 1;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  close() {}
  push(data: unknown) {
    this.onmessage?.({ data: JSON.stringify(data) });
  }
}

const rack = (serial: string, state: RackSummary['state']) =>
  ({
    serial,
    state,
    generation: 'G1',
    domesticContentPct: '61.00',
    domesticContentTargetPct: '60.00',
    meetsDomesticContentTarget: true,
  }) as RackSummary;

describe('rack board', () => {
  beforeEach(() => sessionStorage.clear());

  it('moves a card to its new column when a live event arrives, without a reload', async () => {
    let current = rack('RK-G1-0001', 'RECEIVED');
    const calls = stubFetch({
      'GET /api/intake/v1/racks': { body: { items: [current, rack('RK-G1-0002', 'RECEIVED')], nextCursor: null } },
      'GET /api/intake/v1/generations': { body: { items: [], nextCursor: null } },
      'GET /api/intake/v1/racks/RK-G1-0001': () => ({ body: current }),
      'POST /api/events/ticket': { status: 201, body: { ticket: 'ticket-1', expiresIn: 30 } },
    });
    const session = sessionOf('tess', ['test-engineer']);
    renderSignedIn(
      <LiveEventsProvider token={session.accessToken} createSource={(url) => new FakeEventSource(url) as unknown as EventSource}>
        <RackBoardPage />
      </LiveEventsProvider>,
      { session },
    );
    const column = (name: RegExp) => within(screen.getByRole('region', { name }));
    expect(await column(/^Received/).findByText('RK-G1-0001')).toBeTruthy();
    await waitFor(() => expect(FakeEventSource.last?.url).toBe('/api/events?ticket=ticket-1'));
    expect(calls.find((c) => c.url === '/api/events/ticket')?.headers).toMatchObject({ authorization: 'Bearer token-of-tess' });

    current = rack('RK-G1-0001', 'RELEASED_FOR_EVALUATION');
    act(() =>
      FakeEventSource.last.push({
        id: 'e1',
        type: 'rackeval.intake.rack.state-changed.v1',
        subject: 'RK-G1-0001',
        time: '2026-11-25T10:00:00Z',
        correlationId: 'c',
        data: { from: 'RECEIVED', to: 'RELEASED_FOR_EVALUATION' },
      }),
    );

    expect(await column(/^Released/).findByText('RK-G1-0001')).toBeTruthy();
    expect(column(/^Received/).queryByText('RK-G1-0001')).toBeNull();
    expect(column(/^Received/).getByText('RK-G1-0002')).toBeTruthy();
    expect(calls.filter((c) => c.url.startsWith('/api/intake/v1/racks?')).length).toBe(1);
  });
});
