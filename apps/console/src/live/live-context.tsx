import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api/api-error';
import { post } from '../api/http';
import { parseLiveEvent, type LiveEvent } from './live-event';
import { describeEvent } from './refresh-rules';

type Listener = (event: LiveEvent) => void;

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'off';

interface LiveState {
  subscribe(listener: Listener): () => void;
  status: LiveStatus;
  /** The latest update in words, for the aria-live region. */
  announcement: string;
}

const LiveContext = createContext<LiveState | null>(null);

/** Lets tests and non-browser environments swap the EventSource implementation. */
export type EventSourceFactory = (url: string) => EventSource;
export const browserEventSource: EventSourceFactory = (url) => new EventSource(url);

/** A single-use ticket to open the stream with: the token itself never goes in a URL. */
export type TicketSource = () => Promise<string>;
export const gatewayTicket: TicketSource = async () => (await post<{ ticket: string }>('/api/events/ticket')).ticket;

const MAX_RETRY_MS = 30_000;

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
    let closed = false;
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;

    const reconnectLater = () => {
      if (closed) return;
      setStatus('reconnecting');
      retry = setTimeout(() => void open(), Math.min(MAX_RETRY_MS, 1000 * 2 ** failures));
      failures += 1;
    };
    const open = async () => {
      let ticket: string;
      try {
        ticket = await fetchTicket();
      } catch (error) {
        if (closed) return;
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) setStatus('off');
        else reconnectLater();
        return;
      }
      if (closed) return;
      const current = createSource(`/api/events?ticket=${encodeURIComponent(ticket)}`);
      source = current;
      current.onopen = () => {
        failures = 0;
        setStatus('live');
      };
      // EventSource's own retry would present the used ticket again; buy a new one instead.
      current.onerror = () => {
        current.close();
        reconnectLater();
      };
      current.onmessage = (message: MessageEvent<string>) => {
        const event = parseLiveEvent(message.data);
        if (!event) return;
        setAnnouncement(describeEvent(event));
        listeners.current.forEach((listener) => listener(event));
      };
    };

    setStatus('connecting');
    void open();
    return () => {
      closed = true;
      clearTimeout(retry);
      source?.close();
    };
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
