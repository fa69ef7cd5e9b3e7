import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkScenario, QUIET_MS, STUCK_BOUND_MS, Verdict } from './checker/check-scenario';
import { OwnBroker } from './infra/own-broker';
import { OwnPostgres } from './infra/own-postgres';
import { Nemesis } from './nemesis/nemesis';
import { FaultOptions } from './support/args';
import { log, sleep } from './support/log';
import { Random } from './support/random';
import { FaultSystem } from './system/fault-system';
import { History } from './workload/history';
import { PatientClient } from './workload/patient-client';
import { setUpProgramme } from './workload/programme';
import { planRaces, RACE_GENERATIONS, runRace } from './workload/race-chain';
import { planRacks, runChain, runWorkload } from './workload/rack-chain';

export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/faults');

export interface ScenarioRow {
  scenario: string;
  verdict?: Verdict;
  ok: number;
  fail: number;
  unknown: number;
  error?: string;
}

export interface Infrastructure {
  broker: OwnBroker;
  pg: OwnPostgres;
  tokens: Map<string, string>;
  publicKeyFile: string;
}

/**
 * One scenario: fresh database, topics and consumer groups; the services; the programme set up
 * before any fault; then the workload with the nemesis beside it; heal; settle; check.
 */
export async function runScenario(infra: Infrastructure, nemesis: Nemesis, options: FaultOptions): Promise<ScenarioRow> {
  const name = `${options.seed}-${nemesis.name}`;
  const random = new Random(options.seed).fork(nemesis.name);
  const system = new FaultSystem(
    {
      scenario: nemesis.name,
      prefix: `faults.${options.seed}.${nemesis.name}.`,
      database: `faults_${nemesis.name.replace(/-/g, '_')}`,
      artifactDir: path.join(ARTIFACTS, name),
      publicKeyFile: infra.publicKeyFile,
    },
    infra.pg,
  );
  const history = new History(path.join(ARTIFACTS, `${name}.jsonl`));
  const client = new PatientClient(system, infra.tokens, history);
  const row: ScenarioRow = { scenario: nemesis.name, ok: 0, fail: 0, unknown: 0 };
  let workload: Promise<void> | undefined;
  try {
    log(`== ${nemesis.name}: ${nemesis.description}`);
    if (nemesis.atStart) {
      const start = { pg: infra.pg, broker: infra.broker, random: random.fork('start'), history };
      await nemesis.atStart.inject(start);
      await Promise.all([system.startAll(), nemesis.atStart.heal(start)]);
      // A service may wait for the fault to heal, never give up starting (and be restarted by the supervisor).
      const exited = system.instances.filter((instance) => instance.unexpectedExits > 0);
      if (exited.length)
        throw new Error(`exited while starting through the fault: ${exited.map((i) => `${i.id} (${i.unexpectedExits}×)`).join(', ')}`);
    } else await system.startAll();
    client.giveUpAt = Date.now() + 60_000;
    const races = nemesis.workload === 'races';
    await setUpProgramme(client, options.workers, races ? Object.values(RACE_GENERATIONS) : undefined);
    client.giveUpAt = Number.POSITIVE_INFINITY;
    // The same racks in every scenario of a seed: rows differ by their nemesis, not their workload.
    const racks = (races ? planRaces : planRacks)(new Random(options.seed).fork('racks'), options.racks);
    log(`   services up, programme set; ${racks.length} racks, ${options.workers} at a time`);
    const spreadMs = options.windowMs * 0.8;
    const lastRackDue = Date.now() + spreadMs;
    workload = runWorkload(client, racks, options.workers, spreadMs, races ? runRace : runChain);
    const context = {
      system,
      pg: infra.pg,
      broker: infra.broker,
      kafka: infra.broker.kafka,
      random: random.fork('nemesis'),
      history,
      racks,
      workload,
    };
    await nemesis.run(context, options.windowMs);
    client.healedAt = Date.now();
    // The bound runs from healing, or from the last rack's start if a short fault healed before it.
    client.settleFrom = Math.max(client.healedAt, lastRackDue);
    // Commands stop 10 s before the stuck deadline, so what is still moving then is stuck, not new load.
    client.giveUpAt = client.settleFrom + STUCK_BOUND_MS - QUIET_MS;
    history.note('nemesis', 'healed');
    log('   healed; waiting for the system to settle');
    row.verdict = await checkScenario(infra.pg, infra.broker.kafka, system, client, racks, workload);
  } catch (error) {
    row.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`   scenario failed to run: ${row.error}`);
  } finally {
    // A scenario that failed part-way must not leave its chains retrying against the next
    // scenario's services (same ports): the client gives up now and the chains end first.
    client.giveUpAt = 0;
    await Promise.race([workload?.catch(() => undefined), sleep(15_000)]);
    await system.stopAll().catch(() => undefined);
  }
  const commands = history.ops.filter((op) => op.key !== 'programme');
  row.ok = commands.filter((op) => op.type === 'ok').length;
  row.fail = commands.filter((op) => op.type === 'fail').length;
  row.unknown = commands.filter((op) => op.type === 'unknown').length;
  const restarts = system.instances.map((instance) => ({
    id: instance.id,
    unexpectedExits: instance.unexpectedExits,
    restarts: instance.restarts,
  }));
  writeFileSync(path.join(ARTIFACTS, `${name}.verdict.json`), JSON.stringify({ ...row, restarts }, null, 2));
  return row;
}

/** True when the row breaks a promise: anything lost, duplicated, reordered, stuck, a health lie, or a failed run. */
export function violates(row: ScenarioRow): boolean {
  const v = row.verdict;
  return Boolean(row.error) || !v || v.lost.length + v.duplicated.length + v.reordered.length + v.stuck.length + v.healthLies.length > 0;
}
