/**
 * Measures batch ingestion throughput against the real broker and database:
 *   node -r ./tools/register-ts.js apps/results/scripts/bench-ingest.ts [batches] [batchSize]
 * Boots results on a throw-away schema, creates one RUNNING run through test-run's events, posts
 * batches of measurements over HTTP and prints measurements/s. Figures only, never assertions.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';

process.env.KAFKA_TOPIC_PREFIX ??= `bench${randomBytes(3).toString('hex')}.`;
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

async function main(): Promise<void> {
  // Loaded after the topic prefix is set: contracts read it when they load.
  const { ResultsHarness } = await import('../test/support/results.harness');
  const batches = Number(process.argv[2] ?? 20);
  const size = Number(process.argv[3] ?? 10_000);
  const h = await ResultsHarness.start();
  try {
    await h.publishCriteria('G9');
    await h.publishPlan('G9');
    const run = await h.startRun(h.fact('RK-BENCH-1', 'G9', 'burn-in'));
    const tess = await h.as('tess');
    const body = {
      measurements: Array.from({ length: size }, (_, i) => ({
        metric: i % 2 ? 'rack.power' : 'training.tokens_per_s',
        value: i % 2 ? 95_000 + i : 1000 + i,
        unit: i % 2 ? 'W' : 'tokens/s',
        component: `gpu${i % 72}`,
        observedAt: new Date(Date.UTC(2026, 10, 20, 10) + i * 100).toISOString(),
      })),
    };
    await tess.post(`/v1/runs/${run.runId}/measurements`).send(body).expect(201); // warm-up
    const started = process.hrtime.bigint();
    for (let i = 0; i < batches; i++) await tess.post(`/v1/runs/${run.runId}/measurements`).send(body).expect(201);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const total = batches * size;
    process.stdout.write(
      `${total} measurements in ${batches} batches of ${size}: ${seconds.toFixed(2)} s, ` +
        `${Math.round(total / seconds)} measurements/s, ${((seconds / batches) * 1000).toFixed(0)} ms per batch (HTTP + validation + one COPY)\n`,
    );
  } finally {
    await h.dispose();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`bench failed: ${error.stack}\n`);
    process.exit(1);
  },
);
