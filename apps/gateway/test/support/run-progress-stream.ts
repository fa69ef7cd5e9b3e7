/** One server-sent event of a run's progress stream: `message` (an update), `end` or `expired`. */
export interface StreamEvent {
  type: string;
  data: Record<string, any>;
}

/**
 * Reads a server-sent event stream as a browser's EventSource would, keeping every event; `until`
 * resolves once an event matching the predicate has arrived (or rejects after `timeoutMs`).
 */
export class EventStreamReader {
  readonly events: StreamEvent[] = [];
  ended = false;
  private waiters: Array<() => void> = [];

  constructor(private readonly body: ReadableStream<Uint8Array>) {
    // read() catches its own end (the test aborting the stream) and never rejects.
    void this.read();
  }

  private async read(): Promise<void> {
    const reader = this.body.getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += Buffer.from(value).toString();
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let type = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) type = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length) this.events.push({ type, data: JSON.parse(data.join('\n')) });
          this.waiters.forEach((wake) => wake());
        }
      }
    } catch {
      // aborted by the test
    }
    this.ended = true;
    this.waiters.forEach((wake) => wake());
  }

  updates(): Array<Record<string, any>> {
    return this.events.filter((e) => e.type === 'message').map((e) => e.data);
  }

  until(what: string, wanted: (event: StreamEvent) => boolean, timeoutMs = 60_000): Promise<StreamEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `${what}: not within ${timeoutMs} ms; got ${JSON.stringify(this.events.map((e) => [e.type, e.data.verdict, e.data.lastMeasurementId]))}`,
            ),
          ),
        timeoutMs,
      );
      const check = () => {
        const found = this.events.find(wanted);
        if (found || this.ended) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          if (found) resolve(found);
          else reject(new Error(`${what}: the stream ended first`));
        }
      };
      this.waiters.push(check);
      check();
    });
  }
}
