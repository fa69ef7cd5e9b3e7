import { useEffect, useReducer, useRef } from 'react';
import type { RunProgress } from '../api';
import { browserEventSource, gatewayTicket } from './live-context';
import { latestThrottle } from './latest-throttle';
import { initialLiveRun, liveRunReducer, type LiveRunState } from './live-run-state';
import { followTicketedStream, type EventSourceFactory, type TicketSource } from './ticketed-stream';

/** At most four redraws a second per run: what a person can follow; samples in between are coalesced. */
export const LIVE_RUN_REDRAW_MS = 250;

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
    let dropped = false;
    const throttle = latestThrottle<RunProgress>((progress) => dispatch({ type: 'progress', progress }), LIVE_RUN_REDRAW_MS);

    dispatch({ type: 'connecting' });
    const stop = followTicketedStream({
      url: (ticket) => `/api/events/runs/${encodeURIComponent(runId)}?ticket=${encodeURIComponent(ticket)}&buckets=${buckets}`,
      fetchTicket,
      createSource,
      onOpen: () => {
        dispatch({ type: 'open' });
        if (dropped) latest.current.onReconnected?.();
      },
      onMessage: (data) => {
        const progress = parseProgress(data);
        if (progress) throttle.push(progress);
      },
      onDropped: () => {
        dropped = true;
        dispatch({ type: 'dropped' });
      },
      onRefused: () => dispatch({ type: 'off' }),
      listen: (source, { drop, stop: ended }) => {
        source.addEventListener('end', () => {
          ended();
          source.close();
          throttle.flush();
          dispatch({ type: 'ended' });
          latest.current.onEnded?.();
        });
        // The token behind the ticket expired: a new ticket, not EventSource's own retry.
        source.addEventListener('expired', drop);
      },
    });
    return () => {
      throttle.cancel();
      stop();
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
