import { ApiError } from '../api/api-error';

/** Lets tests and non-browser environments swap the EventSource implementation. */
export type EventSourceFactory = (url: string) => EventSource;

/** A single-use ticket to open the stream with: the token itself never goes in a URL. */
export type TicketSource = () => Promise<string>;

const MAX_RETRY_MS = 30_000;

export interface TicketedStream {
  /** The stream's URL with a fresh ticket. */
  url: (ticket: string) => string;
  fetchTicket: TicketSource;
  createSource: EventSourceFactory;
  /** The stream is open (again). */
  onOpen: () => void;
  onMessage: (data: string) => void;
  /** The connection dropped: a new ticket is bought after a backoff. */
  onDropped: () => void;
  /** The ticket was refused (401/403): nothing more is tried. */
  onRefused: () => void;
  /** Further events of one opened source: `drop()` closes it and reconnects, `stop()` ends following (the caller closes the source). */
  listen?: (source: EventSource, control: { drop: () => void; stop: () => void }) => void;
}

/**
 * Opens an SSE stream with a single-use ticket and keeps it open: a ticket opens one stream only, so
 * after a drop this buys a new ticket and reconnects, with backoff (EventSource's own retry would
 * present the used ticket again). Returns the function that stops it.
 */
export function followTicketedStream(stream: TicketedStream): () => void {
  let closed = false;
  let source: EventSource | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  const reconnectLater = () => {
    if (closed) return;
    stream.onDropped();
    retry = setTimeout(() => void open(), Math.min(MAX_RETRY_MS, 1000 * 2 ** failures));
    failures += 1;
  };
  const open = async () => {
    let ticket: string;
    try {
      ticket = await stream.fetchTicket();
    } catch (error) {
      if (closed) return;
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) stream.onRefused();
      else reconnectLater();
      return;
    }
    if (closed) return;
    const current = stream.createSource(stream.url(ticket));
    source = current;
    const drop = () => {
      current.close();
      reconnectLater();
    };
    current.onopen = () => {
      failures = 0;
      stream.onOpen();
    };
    current.onmessage = (message: MessageEvent<string>) => stream.onMessage(message.data);
    stream.listen?.(current, { drop, stop: () => (closed = true) });
    current.onerror = drop;
  };

  void open();
  return () => {
    closed = true;
    clearTimeout(retry);
    source?.close();
  };
}
