/** One event of the gateway's server-sent stream, as the console receives it. */
export interface FeedEvent {
  type: string;
  subject: string;
}

/**
 * Resolves once the gateway's live stream delivers an event matching `wanted` (opened as the
 * console does, with a single-use ticket bought with the token), so a test knows the feed is
 * flowing before relying on it.
 * Starts reading at once; the returned promise is awaited later.
 */
export function untilLiveEvent(
  gatewayUrl: string,
  token: string,
  wanted: (event: FeedEvent) => boolean,
  timeoutMs: number,
): Promise<FeedEvent> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const read = async (): Promise<FeedEvent> => {
    const issued = await fetch(`${gatewayUrl}/api/events/ticket`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    if (!issued.ok) throw new Error(`the live-events ticket was refused with ${issued.status}`);
    const { ticket } = (await issued.json()) as { ticket: string };
    const response = await fetch(`${gatewayUrl}/api/events?ticket=${encodeURIComponent(ticket)}`, { signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`the live stream answered ${response.status}`);
    const reader = response.body.getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the live stream ended');
      buffer += Buffer.from(value).toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('data: ')) continue;
        const event = JSON.parse(line.slice(6)) as FeedEvent;
        if (wanted(event)) return event;
      }
    }
  };
  return read()
    .catch((error: Error) => {
      throw new Error(error.name === 'AbortError' ? `no matching live event within ${timeoutMs} ms` : `live stream: ${error.message}`);
    })
    .finally(() => {
      clearTimeout(timer);
      controller.abort();
    });
}
