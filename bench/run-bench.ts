/**
 * `npm run bench [-- --quick] [--profile] [--only=ingestion,decision,lifecycle,fleet,scale] [--measurements=N …]`
 * Brings up the broker, the database and all four services (fresh schemas of the test database,
 * this run's own topics), runs each scenario beside its reference measured in the same run, prints
 * a table and writes the figures to bench/results/<timestamp>.json. Figures, never assertions.
 */
import './support/env';
import { deleteTestTopics } from '@rackeval/testing';
import path from 'node:path';
import { fleetReads } from './scenarios/fleet-reads';
import { decisionLatency } from './scenarios/decision-latency';
import { ingestion } from './scenarios/ingestion';
import { lifecycle } from './scenarios/lifecycle';
import { scaleOut } from './scenarios/scale-out';
import { Api } from './support/api';
import { BenchOptions, ScenarioName, parseArgs } from './support/args';
import { ensureInfrastructure, startServices } from './support/infra';
import { Report, log } from './support/report';

const RUNNERS: Record<ScenarioName, (api: Api, options: BenchOptions, report: Report) => Promise<void>> = {
  ingestion,
  decision: decisionLatency,
  lifecycle,
  fleet: fleetReads,
  scale: scaleOut,
};

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const report = new Report();
  log(`rackeval bench${options.quick ? ' (quick)' : ''}: ${options.only.join(', ')}`);
  ensureInfrastructure();
  let started = performance.now();
  const profileDir = options.profile
    ? path.join(__dirname, 'results', 'profiles', new Date().toISOString().replace(/[:.]/g, '-'))
    : undefined;
  const bench = await startServices({ profileDir });
  log(`services up in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  try {
    for (const name of options.only) {
      log(`\n== ${name}`);
      started = performance.now();
      try {
        await RUNNERS[name](bench.api, options, report);
        log(`   done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        report.errors.push({ scenario: name, error: message });
        log(`   FAILED: ${message}`);
      }
    }
  } finally {
    await bench.stop();
    await deleteTestTopics().catch(() => undefined);
  }
  report.note('Every reference is measured in this run on this machine; absolute figures drift between machines, ratios hold better.');
  log(`\n${report.table()}`);
  const file = report.write(path.join(__dirname, 'results'), options);
  log(`\nfigures written to ${path.relative(process.cwd(), file)}`);
  if (profileDir) log(`CPU profiles of the services in ${path.relative(process.cwd(), profileDir)} (one .cpuprofile per process)`);
  return report.errors.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`bench failed: ${error.stack}\n`);
    process.exit(1);
  },
);
