import { Metric, register } from 'prom-client';

/** One instance per metric name in the process-wide registry, however many modules load it. */
export function metric<T extends Metric>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}
