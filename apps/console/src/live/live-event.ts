import type { LiveEvent } from '@rackeval/api-client';

/** Reads one SSE `data` payload; null for anything that is not a well-formed event. */
export function parseLiveEvent(text: string): LiveEvent | null {
  try {
    const event = JSON.parse(text) as Partial<LiveEvent>;
    if (typeof event.id !== 'string' || typeof event.type !== 'string' || typeof event.subject !== 'string') return null;
    return {
      id: event.id,
      type: event.type,
      subject: event.subject,
      time: event.time ?? '',
      correlationId: event.correlationId ?? '',
      data: event.data,
    };
  } catch {
    return null;
  }
}
