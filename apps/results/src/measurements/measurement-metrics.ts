import { metric } from '@rackeval/messaging';
import { Counter } from 'prom-client';

const ingested = metric(
  'rackeval_measurements_ingested_total',
  () =>
    new Counter({
      name: 'rackeval_measurements_ingested_total',
      help: 'Measurement samples stored, by how they arrived',
      labelNames: ['source'],
    }),
);

/** Counts samples once their transaction committed (a refused or rolled-back batch stored nothing). */
export function countIngested(source: 'batch' | 'correction' | 'ocptv', samples: number): void {
  if (samples > 0) ingested.inc({ source }, samples);
}
