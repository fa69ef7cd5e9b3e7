import { useEffect, useReducer, useRef } from 'react';
import { ApiError, type RunProgress } from '../api';
import { browserEventSource, gatewayTicket, type EventSourceFactory, type TicketSource } from './live-context';
import { latestThrottle } from './latest-throttle';
import { initialLiveRun, liveRunReducer, type LiveRunState } from './live-run-state';

/** At most four redraws a second per run: what a person can follow; samples in between are coalesced. */
export const LIVE_RUN_REDRAW_MS = 250;
const MAX_RETRY_MS = 30_000;

export interface LiveRunOptions {
  /** Chart width in time buckets, as the series route takes it. */
  buckets: number;
  /** The stream was opened again after a drop: read once what it may have missed. */
  onReconnected?: () => void;
  /** The run left RUNNING (the stream's `end`): read the final state. */
  onEnded?: () => void;
  createSource?: EventSourceFactory;
  fetchTicket?: TicketSource;
}

/**
 * Follows one run while `enabled` (it is RUNNING) over the gateway's `/api/events/runs/{runId}`:
 * each update is the run's whole state, redrawn at most every LIVE_RUN_REDRAW_MS with the latest
 * one. A drop reconnects with a new ticket and backoff; the stream's `end` stops it.
 */
export function useLiveRun(runId: string, enabled: boolean, options: LiveRunOptions): LiveRunState {
  const [state, dispatch] = useReducer(liveRunReducer, initialLiveRun);
  const latest = useRef(options);
  latest.current = options;
  const { buckets, createSource = browserEventSource, fetchTicket = gatewayTicket } = options;

  useEffect(() => {
    if (!enabled || (typeof EventSource === 'undefined' && createSource === browserEventSource)) return undefined;
    let closed = false;
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let dropped = false;
    const throttle = latestThrottle<RunProgress>((progress) => dispatch({ type: 'progress', progress }), LIVE_RUN_REDRAW_MS);

    const reconnectLater = () => {
      if (closed) return;
      dropped = true;
      dispatch({ type: 'dropped' });
      retry = setTimeout(() => void open(), Math.min(MAX_RETRY_MS, 1000 * 2 ** failures));
      failures += 1;
    };
    const open = async () => {
      let ticket: string;
      try {
        ticket = await fetchTicket();
      } catch (error) {
        if (closed) return;
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) dispatch({ type: 'off' });
        else reconnectLater();
        return;
      }
      if (closed) return;
      const current = createSource(`/api/events/runs/${encodeURIComponent(runId)}?ticket=${encodeURIComponent(ticket)}&buckets=${buckets}`);
      source = current;
      current.onopen = () => {
        failures = 0;
        dispatch({ type: 'open' });
        if (dropped) latest.current.onReconnected?.();
      };
      current.onmessage = (message: MessageEvent<string>) => {
        const progress = parseProgress(message.data);
        if (progress) throttle.push(progress);
      };
      current.addEventListener('end', () => {
        closed = true;
        current.close();
        throttle.flush();
        dispatch({ type: 'ended' });
        latest.current.onEnded?.();
      });
      // The token behind the ticket expired, or the connection dropped: a new ticket, not EventSource's own retry.
      current.addEventListener('expired', () => {
        current.close();
        reconnectLater();
      });
      current.onerror = () => {
        current.close();
        reconnectLater();
      };
    };

    dispatch({ type: 'connecting' });
    void open();
    return () => {
      closed = true;
      clearTimeout(retry);
      throttle.cancel();
      source?.close();
    };
  }, [runId, enabled, buckets, createSource, fetchTicket]);

  return state;
}

function parseProgress(data: string): RunProgress | undefined {
  try {
    const value = JSON.parse(data) as RunProgress;
    return typeof value?.lastMeasurementId === 'string' && Array.isArray(value.series) && Array.isArray(value.criteria) ? value : undefined;
  } catch {
    return undefined;
  }
}
