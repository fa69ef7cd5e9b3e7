import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
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
const browserEventSource: EventSourceFactory = (url) => new EventSource(url);

/**
 * One SSE connection per signed-in session, shared by every view. EventSource reconnects by
 * itself after a drop; the views refresh what an event touches (see refresh-rules.ts).
 */
export function LiveEventsProvider({ token, children, createSource = browserEventSource }: { token: string | null; children: ReactNode; createSource?: EventSourceFactory }) {
  const listeners = useRef(new Set<Listener>());
  const [status, setStatus] = useState<LiveStatus>('off');
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    if (!token || (typeof EventSource === 'undefined' && createSource === browserEventSource)) {
      setStatus('off');
      return;
    }
    setStatus('connecting');
    const source = createSource(`/api/events?access_token=${encodeURIComponent(token)}`);
    source.onopen = () => setStatus('live');
    source.onerror = () => setStatus(source.readyState === 2 ? 'off' : 'reconnecting');
    source.onmessage = (message: MessageEvent<string>) => {
      const event = parseLiveEvent(message.data);
      if (!event) return;
      setAnnouncement(describeEvent(event));
      listeners.current.forEach((listener) => listener(event));
    };
    return () => source.close();
  }, [token, createSource]);

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
