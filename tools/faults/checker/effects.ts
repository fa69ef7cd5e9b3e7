import { OwnPostgres } from '../infra/own-postgres';
import { History } from '../workload/history';
import { MEASUREMENTS_PER_RUN } from '../workload/programme';
import { RackPlan, Step, STEPS } from '../workload/rack-chain';
import { raceFindings } from './race-effects';

/** What each service must show once the rack's last ok command and the events it caused have applied. */
const INTAKE_STATE: Record<Step, string> = {
  deliver: 'RECEIVED',
  inspect: 'RELEASED_FOR_EVALUATION',
  schedule: 'RELEASED_FOR_EVALUATION',
  start: 'IN_EVALUATION',
  measure: 'IN_EVALUATION',
  complete: 'EVALUATION_PASSED',
  decide: 'PURCHASED',
};
const OPTION_STATE = (step: Step) =>
  step === 'decide' ? 'EXERCISED' : STEPS.indexOf(step) >= STEPS.indexOf('complete') ? 'EXERCISABLE' : 'PENDING_EVALUATION';

/**
 * The effects of ok commands, read from each service's own tables: an effect missing (the state
 * behind what the acknowledged commands imply) is lost; an effect applied twice is duplicated.
 * A command that ended unknown may or may not have applied: either state is accepted.
 */
export async function checkEffects(
  pg: OwnPostgres,
  database: string,
  racks: RackPlan[],
  history: History,
): Promise<{ lost: string[]; duplicated: string[] }> {
  const lost: string[] = [];
  const duplicated: string[] = [];
  const intake = new Map(
    (await pg.query<{ serial: string; state: string }>(database, 'SELECT serial, state FROM intake.rack')).map((r) => [r.serial, r.state]),
  );
  const options = new Map(
    (
      await pg.query<{ rack_serial: string; state: string }>(database, 'SELECT rack_serial, state FROM purchase_option.purchase_option')
    ).map((r) => [r.rack_serial, r.state]),
  );
  const known = new Set((await pg.query<{ serial: string }>(database, 'SELECT serial FROM test_run.known_rack')).map((r) => r.serial));
  const evaluations = new Map(
    (await pg.query<{ rack_serial: string; outcome: string }>(database, 'SELECT rack_serial, outcome FROM results.rack_evaluation')).map(
      (r) => [r.rack_serial, r.outcome],
    ),
  );

  for (const rack of racks) {
    const ops = history.ops.filter((op) => op.key === rack.serial && op.type !== 'invoke');
    if (rack.race) {
      lost.push(
        ...raceFindings(rack, ops, {
          intake: intake.get(rack.serial),
          option: options.get(rack.serial),
          evaluation: evaluations.get(rack.serial),
        }),
      );
      continue;
    }
    const ok = ops.filter((op) => op.type === 'ok').map((op) => op.f as Step);
    if (!ok.length) continue;
    const lastOk = ok[ok.length - 1];
    const next = STEPS[STEPS.indexOf(lastOk) + 1];
    const maybe = next && ops.some((op) => op.f === next && op.type === 'unknown') ? next : undefined;
    const accept = (actual: string | undefined, what: string, expectOf: (s: Step) => string) => {
      const allowed = [expectOf(lastOk), ...(maybe ? [expectOf(maybe)] : [])];
      if (!actual || !allowed.includes(actual))
        lost.push(`${rack.serial}: ${what} ${actual ?? 'missing'}, expected ${allowed.join(' or ')} after ok ${lastOk}`);
    };
    accept(intake.get(rack.serial), 'intake state', (s) => INTAKE_STATE[s]);
    accept(options.get(rack.serial), 'option', OPTION_STATE);
    if (!known.has(rack.serial)) lost.push(`${rack.serial}: test-run never learnt of the rack`);
    if (STEPS.indexOf(lastOk) >= STEPS.indexOf('complete') && evaluations.get(rack.serial) !== 'PASSED') {
      lost.push(`${rack.serial}: results evaluation ${evaluations.get(rack.serial) ?? 'missing'}, expected PASSED`);
    }
  }

  const twice = async (what: string, sql: string) => {
    for (const row of await pg.query<{ what: string; n: number }>(database, sql)) duplicated.push(`${what} ${row.what} ×${row.n}`);
  };
  await twice('runs of rack', 'SELECT rack_serial AS what, count(*)::int AS n FROM test_run.run GROUP BY rack_serial HAVING count(*) > 1');
  await twice(
    `measurements (of ${MEASUREMENTS_PER_RUN}) of run`,
    `SELECT run_id::text AS what, count(*)::int AS n FROM results.measurement GROUP BY run_id HAVING count(*) > ${MEASUREMENTS_PER_RUN}`,
  );
  await twice(
    'option audit',
    `SELECT rack_serial || ' ' || action AS what, count(*)::int AS n FROM purchase_option.option_audit GROUP BY 1 HAVING count(*) > 1`,
  );
  await twice(
    'rack history',
    `SELECT rack_serial || ' to ' || to_state AS what, count(*)::int AS n FROM intake.rack_history GROUP BY 1 HAVING count(*) > 1`,
  );
  return { lost, duplicated };
}
