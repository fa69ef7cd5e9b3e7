import { act, render, screen } from '@testing-library/react';
import type { RunProgress } from '../api';
import { useLiveRun } from './use-live-run';

/** Stands in for the browser's EventSource: records each stream opened and lets a test drive it. */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  closed = false;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  private readonly listeners = new Map<string, () => void>();
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, listener: () => void) {
    this.listeners.set(type, listener);
  }
  emit(type: string) {
    this.listeners.get(type)?.();
  }
  send(progress: RunProgress) {
    this.onmessage?.({ data: JSON.stringify(progress) });
  }
  close() {
    this.closed = true;
  }
}

const update = (samples: number, verdict: RunProgress['verdict']): RunProgress => ({
  runId: 'run-1',
  state: 'RUNNING',
  lastMeasurementId: String(samples),
  criteriaVersion: 1,
  verdict,
  criteria: [],
  diagnosisCriteria: [],
  series: [{ runId: 'run-1', metric: 'rack_power', unit: 'kW', samples, bucketsRequested: 10, from: null, to: null, buckets: [] }],
  at: '2026-11-29T10:00:00.000Z',
});

const createSource = (url: string) => new FakeEventSource(url) as unknown as EventSource;
const fetchTicket = async () => `ticket-${FakeEventSource.opened.length + 1}`;

function Page({ enabled, onEnded, onReconnected }: { enabled: boolean; onEnded?: () => void; onReconnected?: () => void }) {
  const live = useLiveRun('run-1', enabled, {
    buckets: 10,
    onEnded,
    onReconnected,
    createSource,
    fetchTicket,
  });
  return (
    <p>
      {live.status}: {live.progress?.series[0].samples ?? 'none'} samples, {live.progress?.verdict ?? 'no verdict'}, {live.updates} shown
    </p>
  );
}

const flush = () => act(async () => {});

describe('useLiveRun', () => {
  beforeEach(() => {
    FakeEventSource.opened = [];
    jest.useFakeTimers();
  });
  afterEach(() => jest.useRealTimers());

  it('opens the run stream with a ticket only while the run is running', async () => {
    const { rerender } = render(<Page enabled={false} />);
    await flush();
    expect(FakeEventSource.opened).toEqual([]);

    rerender(<Page enabled />);
    await flush();
    expect(FakeEventSource.opened.map((s) => s.url)).toEqual(['/api/events/runs/run-1?ticket=ticket-1&buckets=10']);
  });

  it('redraws at most every 250 ms with the latest update, never losing the last', async () => {
    render(<Page enabled />);
    await flush();
    const source = FakeEventSource.opened[0];
    act(() => source.onopen?.());

    act(() => {
      source.send(update(10, 'PENDING'));
      source.send(update(20, 'PASS'));
      source.send(update(30, 'FAIL'));
    });
    expect(screen.getByText('live: 10 samples, PENDING, 1 shown')).toBeTruthy();

    act(() => jest.advanceTimersByTime(250));
    expect(screen.getByText('live: 30 samples, FAIL, 2 shown')).toBeTruthy();
  });

  it('after a drop buys a new ticket, reads once what it missed, and stops at the end', async () => {
    const onReconnected = jest.fn();
    const onEnded = jest.fn();
    render(<Page enabled onReconnected={onReconnected} onEnded={onEnded} />);
    await flush();
    act(() => FakeEventSource.opened[0].onopen?.());
    act(() => FakeEventSource.opened[0].send(update(10, 'PASS')));

    act(() => FakeEventSource.opened[0].onerror?.());
    expect(FakeEventSource.opened[0].closed).toBe(true);
    expect(screen.getByText('reconnecting: 10 samples, PASS, 1 shown')).toBeTruthy();
    await act(async () => jest.advanceTimersByTime(1000));
    const second = FakeEventSource.opened[1];
    expect(second.url).toBe('/api/events/runs/run-1?ticket=ticket-2&buckets=10');
    act(() => second.onopen?.());
    expect(onReconnected).toHaveBeenCalledTimes(1);

    act(() => {
      second.send(update(40, 'FAIL'));
      second.send(update(50, 'FAIL'));
      second.emit('end');
    });
    expect(second.closed).toBe(true);
    expect(onEnded).toHaveBeenCalledTimes(1);
    expect(screen.getByText('ended: 50 samples, FAIL, 3 shown')).toBeTruthy();
    await act(async () => jest.advanceTimersByTime(60_000));
    expect(FakeEventSource.opened).toHaveLength(2);
  });
});
