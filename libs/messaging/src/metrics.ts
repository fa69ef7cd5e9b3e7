import { Metric, register } from 'prom-client';

/** One instance per metric name in the process-wide registry, however many modules load it. */
export function metric<T extends Metric>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** Gauges read at scrape time (database counts, broker offsets) share one cached, time-bounded read. */
export { ScrapeSources } from './observability/scrape-sources';
