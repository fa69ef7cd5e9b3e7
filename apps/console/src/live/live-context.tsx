import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { post } from '../api/http';
import type { LiveEvent } from '@rackeval/api-client';
import { parseLiveEvent } from './live-event';
import { describeEvent } from './refresh-rules';
import { followTicketedStream, type EventSourceFactory, type TicketSource } from './ticketed-stream';

type Listener = (event: LiveEvent) => void;

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'off';

interface LiveState {
  subscribe(listener: Listener): () => void;
  status: LiveStatus;
  /** The latest update in words, for the aria-live region. */
  announcement: string;
}

const LiveContext = createContext<LiveState | null>(null);

export type { EventSourceFactory, TicketSource };
export const browserEventSource: EventSourceFactory = (url) => new EventSource(url);

export const gatewayTicket: TicketSource = async () => (await post<{ ticket: string }>('/api/events/ticket')).ticket;

/**
 * One SSE connection per signed-in session, shared by every view; the views refresh what an event
 * touches (see refresh-rules.ts). A ticket opens one stream only, so after a drop (or when the
 * gateway ends the stream because the token expired) this buys a new ticket and reconnects, with
 * backoff; a refused token stops it (and signs the user out, see api/http.ts).
 */
export function LiveEventsProvider({
  token,
  children,
  createSource = browserEventSource,
  fetchTicket = gatewayTicket,
}: {
  token: string | null;
  children: ReactNode;
  createSource?: EventSourceFactory;
  fetchTicket?: TicketSource;
}) {
  const listeners = useRef(new Set<Listener>());
  const [status, setStatus] = useState<LiveStatus>('off');
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    if (!token || (typeof EventSource === 'undefined' && createSource === browserEventSource)) {
      setStatus('off');
      return;
    }
    setStatus('connecting');
    return followTicketedStream({
      url: (ticket) => `/api/events?ticket=${encodeURIComponent(ticket)}`,
      fetchTicket,
      createSource,
      onOpen: () => setStatus('live'),
      onMessage: (data) => {
        const event = parseLiveEvent(data);
        if (!event) return;
        setAnnouncement(describeEvent(event));
        listeners.current.forEach((listener) => listener(event));
      },
      onDropped: () => setStatus('reconnecting'),
      onRefused: () => setStatus('off'),
    });
  }, [token, createSource, fetchTicket]);

  const value = useRef<Omit<LiveState, 'status' | 'announcement'>>({
    subscribe(listener) {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
  });

  return <LiveContext.Provider value={{ ...value.current, status, announcement }}>{children}</LiveContext.Provider>;
}

export function useLiveStatus(): { status: LiveStatus; announcement: string } {
  const state = useContext(LiveContext);
  return { status: state?.status ?? 'off', announcement: state?.announcement ?? '' };
}

/** Calls `onEvent` for every live event while the component is mounted; the latest callback is used. */
export function useLiveEvents(onEvent: Listener): void {
  const state = useContext(LiveContext);
  const latest = useRef(onEvent);
  latest.current = onEvent;
  const subscribe = state?.subscribe;
  useEffect(() => subscribe?.((event) => latest.current(event)), [subscribe]);
}
