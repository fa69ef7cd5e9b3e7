import { Counter, Gauge, register } from 'prom-client';

type Labels = Record<string, string | number>;

// Looked up like `metric()` does, without importing metrics.ts (which re-exports this file).
const collectionErrors =
  (register.getSingleMetric('rackeval_metrics_collection_errors_total') as Counter<'collector'> | undefined) ??
  new Counter({
    name: 'rackeval_metrics_collection_errors_total',
    help: 'Scrape-time reads that failed or timed out (their gauges are left empty)',
    labelNames: ['collector'],
  });

/**
 * Rows read at scrape time from every live source in the process (one per service; tests run
 * several services in one process). One read serves every gauge fed by it and is reused for
 * `ttlMs`, so a scrape of several gauges, or two Prometheus servers, cost one query. A source that
 * fails or does not answer within `timeoutMs` is left out: a scrape never fails nor hangs because
 * the database or the broker is away (the gauges go empty, which the alerts treat as unknown).
 */
export class ScrapeSources<Row> {
  private readonly sources = new Set<() => Promise<Row[]>>();
  private cached?: { at: number; rows: Promise<Row[]> };

  constructor(
    private readonly collector: string,
    private readonly ttlMs: number,
    private readonly timeoutMs: number,
  ) {}

  /** Adds a source; returns the function that removes it (at shutdown). */
  add(read: () => Promise<Row[]>): () => void {
    this.sources.add(read);
    this.cached = undefined;
    return () => {
      this.sources.delete(read);
      this.cached = undefined;
    };
  }

  /** Replaces the gauge's values with one per row (rows mapped to undefined are skipped). */
  async fill(gauge: Gauge<string>, sample: (row: Row) => { labels: Labels; value: number } | undefined): Promise<void> {
    const rows = await this.rows();
    gauge.reset();
    for (const row of rows) {
      const point = sample(row);
      if (point) gauge.set(point.labels, point.value);
    }
  }

  private rows(): Promise<Row[]> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at >= this.ttlMs) this.cached = { at: now, rows: this.readAll() };
    return this.cached.rows;
  }

  private async readAll(): Promise<Row[]> {
    const reads = [...this.sources].map((read) =>
      withTimeout(read(), this.timeoutMs).catch(() => {
        collectionErrors.inc({ collector: this.collector });
        return [] as Row[];
      }),
    );
    return (await Promise.all(reads)).flat();
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
