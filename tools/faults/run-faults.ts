/**
 * `npm run test:faults [-- --seed N] [--only=kill,pg-stop] [--racks N] [--window-ms N] [--keep]`
 * A Jepsen-style fault suite: on a broker and a PostgreSQL of its own (ports 19092 and 25432),
 * runs the four services as child processes, drives rack chains through the public API while one
 * nemesis per scenario injects faults, heals, and checks that nothing was lost, applied twice,
 * reordered or left stuck, and that no process claims health it does not have. Prints one row per
 * nemesis and exits 1 on any violation. Histories: test-artifacts/faults/<seed>-<scenario>.jsonl.
 */
import { FAULT_BROKERS, FAULT_PG_PORT } from './support/env';
import { TestTokens } from '@rackeval/auth/testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OwnBroker } from './infra/own-broker';
import { OwnPostgres } from './infra/own-postgres';
import { CLUSTER_NEMESES, NEMESES as SINGLE_BROKER_NEMESES } from './nemesis/catalogue';
import { ARTIFACTS, Infrastructure, runScenario, ScenarioRow, violates } from './run-scenario';
import { parseArgs } from './support/args';
import { log } from './support/log';
import { findings, table } from './support/table';
import { prepareTemplate } from './system/template-database';

const USERS = ['ada', 'ines', 'tariq', 'fiona', 'farid'];

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const NEMESES = options.cluster ? CLUSTER_NEMESES : SINGLE_BROKER_NEMESES;
  const chosen = options.only ? NEMESES.filter((nemesis) => options.only!.includes(nemesis.name)) : NEMESES;
  const unknown = options.only?.filter((name) => !NEMESES.some((nemesis) => nemesis.name === name)) ?? [];
  if (unknown.length) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${NEMESES.map((n) => n.name).join(', ')}`);
  log(`seed ${options.seed} (replay with --seed ${options.seed}); scenarios: ${chosen.map((n) => n.name).join(', ')}`);
  mkdirSync(ARTIFACTS, { recursive: true });

  const broker = new OwnBroker();
  const pg = new OwnPostgres();
  // Interrupted (Ctrl-C, a CI timeout): the 'exit' hook kills the services; the broker and the
  // cluster are stopped here, synchronously, or they would hold the ports for the next run.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (!options.keep) {
        broker.signal('SIGKILL');
        pg.stopNow();
      }
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  const started = Date.now();
  log(
    `starting the suite’s own ${options.cluster ? '3-broker cluster' : 'broker'} (${FAULT_BROKERS}) and PostgreSQL (127.0.0.1:${FAULT_PG_PORT})`,
  );
  const rows: ScenarioRow[] = [];
  try {
    await Promise.all([broker.freshStart(), pg.freshStart()]);
    log('broker and PostgreSQL up');
    const issuer = await TestTokens.create(path.join(__dirname, '.state', 'keys'));
    const tokens = new Map<string, string>();
    for (const user of USERS) tokens.set(user, await issuer.token(user));
    const infra: Infrastructure = { broker, pg, tokens, publicKeyFile: issuer.publicKeyFile };
    await prepareTemplate(pg, issuer.publicKeyFile);
    log('roles, schemas and migrations ready (template database)');
    for (const nemesis of chosen) rows.push(await runScenario(infra, nemesis, options));
  } finally {
    // Also when set-up fails: a broker or cluster left behind would hold the ports for the next run.
    if (!options.keep) await Promise.all([broker.stop(), pg.stop()]);
  }

  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  process.stdout.write(
    `\nrackeval fault suite, seed ${options.seed}, ${options.racks} racks per scenario, ${minutes} min\n\n${table(rows)}\n\n`,
  );
  const failing = rows.filter(violates);
  for (const row of failing) process.stdout.write(`${findings(row)}\n`);
  writeFileSync(path.join(ARTIFACTS, `${options.seed}-summary.json`), JSON.stringify({ seed: options.seed, options, rows }, null, 2));
  process.stdout.write(
    `\nhistories and verdicts: ${path.relative(process.cwd(), ARTIFACTS)}/${options.seed}-*; replay: npm run test:faults -- --seed ${options.seed}\n`,
  );
  return failing.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`fault suite failed: ${error.stack}\n`);
    process.exit(2);
  },
);
