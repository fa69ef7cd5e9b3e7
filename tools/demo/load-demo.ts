// `npm run demo`: loads three generations and about sixty racks at every lifecycle stage into a
// running rackeval (`npm start`), through the gateway's public API. Safe to run again: each run
// delivers new racks under its own serial prefix and reuses the programme set-up.
import { BayPool } from './bay-pool';
import { COST_TARGETS, criteriaOf, GENERATIONS, TERMS, TEST_PLANS, bomOf } from './catalogue';
import { answer, type Answer, DemoApi, errorCode, eventually, expectStatus, listAll, NotRunningError, sleep } from './client';
import { RackDriver } from './drive';
import { activateCostTargets, activateTerms } from './terms';
import { DeliveryPlan, FINAL_RACK_STATE, planDemo, RackPlan } from './scenarios';

const BASE_URL = process.env.RACKEVAL_URL ?? 'http://127.0.0.1:3000';
const CONCURRENCY = Number(process.env.DEMO_CONCURRENCY ?? 8);
const started = Date.now();
const say = (line: string) => process.stdout.write(`${line}\n`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
/** An unknown generation at another service, until that service has read intake's event. */
const notYetKnown = (answer: { status: number }) => answer.status !== 422 && answer.status !== 404;

async function setUpProgramme(api: DemoApi): Promise<void> {
  const ada = api.as('ada');
  for (const generation of GENERATIONS) {
    const registered = await answer(ada.intake.POST('/v1/generations', { body: generation }));
    expectStatus(registered, [201, 409], `register generation ${generation.code}`);
    say(`  generation ${generation.code} ${registered.status === 201 ? 'registered' : 'already registered'}: ${generation.name}`);
  }
  for (const { code } of GENERATIONS) {
    const path = { params: { path: { generation: code } } };
    await eventually(
      `test plan ${code}`,
      () => answer(ada.testRun.PUT('/v1/test-plans/{generation}', { ...path, body: { suites: TEST_PLANS[code] } })),
      notYetKnown,
    ).then(check(`test plan ${code}`));
    await eventually(
      `criteria ${code}`,
      () => answer(ada.results.PUT('/v1/criteria/{generation}', { ...path, body: { criteria: criteriaOf(code) } })),
      notYetKnown,
    ).then(check(`criteria ${code}`));
    const terms = await activateTerms(api, code, TERMS[code]);
    say(
      `  ${code}: ${TEST_PLANS[code].length} suites, ${criteriaOf(code).length} criteria, ${terms.unitPrice} ${terms.currency} per rack, ${terms.windowDays}-day window, approval above ${terms.approvalThreshold} (terms v${terms.version}, proposed by ${terms.publishedBy}, approved by ${terms.review?.reviewedBy})`,
    );
    const cost = await activateCostTargets(api, code, COST_TARGETS[code]);
    say(
      `  ${code}: cost targets v${cost.version}: price ≤ ${cost.maxUnitPrice}, ≤ ${cost.maxPricePerPerformanceUnit} and TCO ≤ ${cost.maxTcoPerPerformanceUnit} ${cost.currency} per ${cost.performanceUnit} (${cost.horizonYears} y, PUE ${cost.pue}, ${cost.energyPricePerKwh}/kWh)`,
    );
  }
}

const check = (step: string) => (done: Answer) => {
  if (errorCode(done)) throw new Error(`${step}: ${done.status} ${JSON.stringify(done.error)}`);
};

async function deliver(api: DemoApi, delivery: DeliveryPlan): Promise<void> {
  const fiona = api.as('fiona');
  const special = delivery.special;
  if (special) await activateTerms(api, special.generation, { ...TERMS[special.generation], windowDays: special.windowDays });
  const body = {
    reference: delivery.reference,
    site: delivery.site,
    receivedAt: delivery.receivedAt,
    racks: delivery.racks.map((rack) => ({
      serial: rack.serial,
      generation: rack.generation,
      lot: rack.lot,
      bom: bomOf(rack.generation, rack.sourcing),
    })),
  };
  const registered = expectStatus(
    await answer(api.as('ines').intake.POST('/v1/deliveries', { body })),
    [200, 201],
    `delivery ${delivery.reference}`,
  );
  const shares = registered.racks.map((rack) => `${rack.domesticContentPct}%`).join(' ');
  say(
    `  delivery ${delivery.reference} at ${delivery.site}: ${delivery.racks.length} racks, domestic content ${shares}${special ? ` (${special.why})` : ''}`,
  );
  if (!special) return;
  // The option takes the terms in force when it opens: wait for those before restoring the usual ones.
  for (const rack of delivery.racks) {
    await eventually(
      `option of ${rack.serial} under the special terms`,
      () => answer(fiona.purchaseOption.GET('/v1/options/{rackSerial}', { params: { path: { rackSerial: rack.serial } } })),
      (option) => option.status === 200 && option.body.terms?.windowDays === special.windowDays,
    );
  }
  await activateTerms(api, special.generation, TERMS[special.generation]);
}

/** Runs `work` over `items`, `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function settle(api: DemoApi, prefix: string, racks: readonly RackPlan[]): Promise<Map<string, string>> {
  const expected = new Map(racks.map((rack) => [rack.serial, FINAL_RACK_STATE[rack.scenario]]));
  const deadline = Date.now() + 75_000; // a lapse waits for the next expiry sweep (every 30 s by default)
  let states = new Map<string, string>();
  for (;;) {
    const vic = api.as('vic');
    const listed = await listAll(`list racks ${prefix}`, (page) =>
      answer(vic.intake.GET('/v1/racks', { params: { query: { ...page, serialPrefix: prefix } } })),
    );
    states = new Map(listed.map((rack) => [rack.serial, rack.state]));
    const behind = [...expected].filter(([serial, state]) => states.get(serial) !== state);
    if (!behind.length) return states;
    if (Date.now() > deadline) {
      say(`  still catching up: ${behind.map(([serial, state]) => `${serial} ${states.get(serial)} (expected ${state})`).join(', ')}`);
      return states;
    }
    await sleep(1_000);
  }
}

function table(title: string, counts: Map<string, number>): void {
  say(title);
  for (const [key, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) say(`  ${key.padEnd(26)} ${String(count).padStart(4)}`);
}

const countBy = <T>(items: readonly T[], key: (item: T) => string) =>
  items.reduce((counts, item) => counts.set(key(item), (counts.get(key(item)) ?? 0) + 1), new Map<string, number>());

async function main(): Promise<void> {
  const api = new DemoApi(BASE_URL);
  try {
    await api.ping();
  } catch (error) {
    process.stderr.write(
      `rackeval is not running (${(error as Error).message}).\nStart it first with \`npm start\`, then run \`npm run demo\`.\n`,
    );
    process.exit(1);
  }
  const tag = Date.now().toString(36).slice(-6).toUpperCase();
  const prefix = `RK-${tag}-`;
  const { racks, deliveries } = planDemo(tag);
  say(`rackeval demo → ${BASE_URL}: ${racks.length} racks in ${deliveries.length} deliveries, serials ${prefix}…`);

  say('\n== programme: generations, test plans, criteria, terms, bays');
  await setUpProgramme(api);
  const bays = new BayPool(api);
  await bays.prepare();
  say(`  bays ready at PDX-1 and AUS-2 (${elapsed()})`);

  say('\n== deliveries');
  for (const delivery of deliveries) await deliver(api, delivery);

  say(`\n== inspections, runs, measurements and decisions, ${CONCURRENCY} racks at a time`);
  const driver = new RackDriver(api, bays);
  const failures: string[] = [];
  let done = 0;
  await inParallel(racks, CONCURRENCY, async (rack) => {
    const t0 = Date.now();
    try {
      await driver.drive(rack);
      say(
        `  [${String(++done).padStart(2)}/${racks.length}] ${rack.serial}  ${rack.scenario.padEnd(24)} ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );
    } catch (error) {
      done++;
      failures.push(`${rack.serial} (${rack.scenario}): ${(error as Error).message}`);
      say(`  [${String(done).padStart(2)}/${racks.length}] ${rack.serial}  ${rack.scenario} FAILED: ${(error as Error).message}`);
    }
  });
  say(`  ${driver.runs} runs, ${driver.samples.toLocaleString('en-US')} measurements, ${bays.created} extra bays opened (${elapsed()})`);

  say('\n== waiting for every service to catch up');
  const states = await settle(api, prefix, racks);

  const vic = api.as('vic');
  const options = await listAll('list options', (page) => answer(vic.purchaseOption.GET('/v1/options', { params: { query: page } })));
  const ours = options.filter((option) => option.rackSerial.startsWith(prefix));
  const allRacks = await listAll('list racks', (page) => answer(vic.intake.GET('/v1/racks', { params: { query: page } })));
  say('');
  table(
    `racks of this run by state (GET /api/intake/v1/racks?serialPrefix=${prefix})`,
    countBy([...states.values()], (s) => s),
  );
  table(
    'options of this run by state (GET /api/purchase-option/v1/options)',
    countBy(ours, (o) => o.state),
  );
  const short = ours.filter((o) => o.state === 'EXERCISABLE' && o.daysLeft !== null && o.daysLeft <= 7);
  if (short.length) say(`  exercisable with a week or less left: ${short.map((o) => `${o.rackSerial} (${o.daysLeft} d)`).join(', ')}`);
  table(
    'whole system: racks by state',
    countBy(allRacks, (r) => r.state),
  );
  table(
    'whole system: options by state',
    countBy(options, (o) => o.state),
  );
  say(
    `\ndemo loaded in ${elapsed()} with ${api.calls} API calls; open ${BASE_URL} and sign in as ines, tariq, fiona, farid, ada or vic (password rackeval).`,
  );
  if (failures.length) {
    process.stderr.write(`\n${failures.length} rack(s) did not reach their stage:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  if (error instanceof NotRunningError)
    process.stderr.write(`rackeval stopped answering: ${error.message}\nIs \`npm start\` still running?\n`);
  else process.stderr.write(`demo failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
