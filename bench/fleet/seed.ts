import { costTargets, RackevalSystem, TEST_DATABASE_URL, waitFor } from '@rackeval/testing';
import { Client } from 'pg';
import { answer, Api } from '../support/api';
import { setUpGeneration } from '../support/programme';
import { seedIntake } from './intake-rows';
import { FleetRack, fleet } from './model';
import { OptionTerms, seedOptions } from './option-rows';
import { deepRun, GenerationSetup, seedResults } from './results-rows';
import { seedTestRun } from './test-run-rows';

export const FLEET_GENERATIONS = ['FL1', 'FL2', 'FL3', 'FL4'];

/** What results and purchase-option learnt of each generation from the API set-up (via events). */
async function readSetups(client: Client, system: RackevalSystem) {
  const results = system.schema('results');
  const options = system.schema('purchase-option');
  const setups = new Map<string, GenerationSetup>();
  const terms = new Map<string, OptionTerms>();
  for (const generation of FLEET_GENERATIONS) {
    const plan = await waitFor(`results learns the ${generation} plan`, async () => {
      const { rows } = await client.query(`SELECT max(version) AS v FROM ${results}.test_plan WHERE generation = $1`, [generation]);
      return rows[0].v ?? undefined;
    });
    const { rows: version } = await client.query(`SELECT max(version) AS v FROM ${results}.criteria_version WHERE generation = $1`, [
      generation,
    ]);
    const { rows: criteria } = await client.query(
      `SELECT position, metric, unit, comparator, min, max, aggregation, category, required FROM ${results}.criterion WHERE generation = $1 AND version = $2 ORDER BY position`,
      [generation, version[0].v],
    );
    setups.set(generation, { planVersion: plan, criteriaVersion: version[0].v, criteria });
    const { rows: t } = await client.query(
      `SELECT version, window_days FROM ${options}.option_terms WHERE generation = $1 ORDER BY version DESC LIMIT 1`,
      [generation],
    );
    terms.set(generation, { version: t[0].version, windowDays: t[0].window_days });
  }
  return { setups, terms };
}

/**
 * Set-up, not measured: generations, plans, criteria and terms through the API (so every service
 * holds them as it would), then the fleet written with COPY straight into each service's schema.
 * Purchase-option gets an option for each of `options` racks (at least `size`): the racks past
 * `size` are ones intake, test-run and results have long forgotten (not seeded there), so the option
 * lists, the audit trail and the CSV export can be deep without seeding every service that deep.
 */
export async function seedFleet(
  api: Api,
  size: number,
  measurements: number,
  options: number,
): Promise<{ racks: FleetRack[]; options: number; deepRunId: string; rows: number; seconds: number }> {
  const started = performance.now();
  for (const generation of FLEET_GENERATIONS) {
    await setUpGeneration(api, generation, 1);
    await approveCostTargets(api, generation);
  }
  const optionRacks = fleet(Math.max(size, options), FLEET_GENERATIONS);
  const racks = optionRacks.slice(0, size);
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { setups, terms } = await readSetups(client, api.system);
    let rows = await seedIntake(client, api.system.schema('intake'), racks);
    rows += await seedResults(client, api.system.schema('results'), racks, setups, measurements);
    rows += await seedTestRun(client, api.system.schema('test-run'), racks);
    rows += await seedOptions(client, api.system.schema('purchase-option'), optionRacks, setups, terms, '40.00');
    for (const name of ['intake', 'test-run', 'results', 'purchase-option'] as const) {
      const { rows: tables } = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = $1`, [api.system.schema(name)]);
      // VACUUM as autovacuum would have long done on tables filled over months: statistics for the
      // planner, and the visibility map that lets covering indexes answer without visiting the heap.
      for (const { tablename } of tables) await client.query(`VACUUM ANALYZE ${api.system.schema(name)}.${tablename}`);
    }
    return {
      racks,
      options: optionRacks.length,
      deepRunId: deepRun(racks).run!.runId,
      rows,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await client.end();
  }
}

/** Cost targets through the API, four-eyes like terms, so the programme's value figures have targets to judge against. */
async function approveCostTargets(api: Api, generation: string): Promise<void> {
  const body = costTargets('1500');
  const proposed = await answer(
    api.as('fiona').purchaseOption.PUT('/v1/cost-targets/{generation}', { params: { path: { generation } }, body }),
  );
  if (proposed.status !== 201) throw new Error(`cost targets ${generation}: ${proposed.status} ${JSON.stringify(proposed.error)}`);
  const approval = { params: { path: { generation, version: proposed.body.version } }, body: { approve: true, note: 'bench targets' } };
  const approved = await answer(api.as('farid').purchaseOption.POST('/v1/cost-targets/{generation}/versions/{version}/approval', approval));
  if (approved.status !== 200) throw new Error(`approve cost targets ${generation}: ${approved.status} ${JSON.stringify(approved.error)}`);
}
