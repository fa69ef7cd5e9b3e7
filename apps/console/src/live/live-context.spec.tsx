import { act, render, screen } from '@testing-library/react';
import { ApiError } from '../api/api-error';
import { LiveEventsProvider, useLiveStatus } from './live-context';

/** Stands in for the browser's EventSource: records each stream opened and lets a test fail it. */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  readyState = 1;
  closed = false;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
}

function Status() {
  return <p>status: {useLiveStatus().status}</p>;
}

const flush = () => act(async () => {});

describe('LiveEventsProvider', () => {
  beforeEach(() => {
    FakeEventSource.opened = [];
    jest.useFakeTimers();
  });
  afterEach(() => jest.useRealTimers());

  const renderWith = (fetchTicket: () => Promise<string>) =>
    render(
      <LiveEventsProvider
        token="secret-token"
        fetchTicket={fetchTicket}
        createSource={(url) => new FakeEventSource(url) as unknown as EventSource}
      >
        <Status />
      </LiveEventsProvider>,
    );

  it('opens the stream with a ticket, never with the token', async () => {
    renderWith(async () => 'ticket-a');
    await flush();

    expect(FakeEventSource.opened.map((source) => source.url)).toEqual(['/api/events?ticket=ticket-a']);
    act(() => FakeEventSource.opened[0].onopen?.());
    expect(screen.getByText('status: live')).toBeTruthy();
  });

  it('buys a new ticket for every reconnection, since a ticket opens one stream', async () => {
    let issued = 0;
    renderWith(async () => `ticket-${(issued += 1)}`);
    await flush();

    act(() => FakeEventSource.opened[0].onerror?.());
    expect(FakeEventSource.opened[0].closed).toBe(true);
    expect(screen.getByText('status: reconnecting')).toBeTruthy();
    await act(async () => jest.advanceTimersByTime(1000));

    expect(FakeEventSource.opened.map((source) => source.url)).toEqual(['/api/events?ticket=ticket-1', '/api/events?ticket=ticket-2']);
  });

  it('backs off while the gateway cannot be reached', async () => {
    const fetchTicket = jest
      .fn()
      .mockRejectedValueOnce(new Error('offline'))
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue('ticket-3');
    renderWith(fetchTicket);
    await flush();

    await act(async () => jest.advanceTimersByTime(1000));
    expect(fetchTicket).toHaveBeenCalledTimes(2);
    await act(async () => jest.advanceTimersByTime(1999));
    expect(fetchTicket).toHaveBeenCalledTimes(2);
    await act(async () => jest.advanceTimersByTime(1));

    expect(FakeEventSource.opened.map((source) => source.url)).toEqual(['/api/events?ticket=ticket-3']);
  });

  it('stops when the token is refused', async () => {
    const fetchTicket = jest.fn().mockRejectedValue(new ApiError(401, null));
    renderWith(fetchTicket);
    await flush();
    await act(async () => jest.advanceTimersByTime(60_000));

    expect(fetchTicket).toHaveBeenCalledTimes(1);
    expect(FakeEventSource.opened).toEqual([]);
    expect(screen.getByText('status: off')).toBeTruthy();
  });

  it('closes the stream when the session ends', async () => {
    const { unmount } = renderWith(async () => 'ticket-a');
    await flush();

    unmount();

    expect(FakeEventSource.opened[0].closed).toBe(true);
  });
});
