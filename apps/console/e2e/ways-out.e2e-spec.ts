/**
 * The ways out of the normal flow, through the console's own forms, in real headless Chromium
 * against the real stack (Kafka, PostgreSQL, the four services, the gateway serving the built console):
 * - intake (ines) puts a released rack on hold and releases it;
 * - intake withdraws an evaluated rack, and finance's option page shows its option WITHDRAWN;
 * - an admin (ada) re-opens a passed evaluation, and the option awaits its evaluation again;
 * - a test engineer (tariq) corrects a measurement of a completed run, which is judged again;
 * - intake opens an RMA for a withdrawn rack from its page and marks it shipped; the rack is
 *   RETURNED_FOR_RMA and finance finds the RMA in the list; the unit comes back repaired, the
 *   rack shows its second incarnation and finance sees its option reopened;
 * - refusals: a viewer is offered none of these forms (and the API says 403), and re-opening the
 *   evaluation of the withdrawn rack shows the service's 409 in words.
 * Each step is read back on the page and through the API. Catalogue, delivery, inspection and runs
 * are set up through the API. Screenshots go to test-artifacts/console (`ways-out-*`).
 */
import { bom, receiveRacks, setUpGeneration, waitFor } from '@rackeval/testing';
import { expectStatus } from './support/api';
import { flowTest, screenshot } from './support/browser';
import { runBurnIn } from './support/runs';
import { consoleStack } from './support/stack';

const HOLD = 'RK-WO-HOLD-01';
const WITHDRAW = 'RK-WO-WDRW-02';
const REOPEN = 'RK-WO-ROPN-03';
const CORRECT = 'RK-WO-CORR-04';
const RMA = 'RK-WO-RMA-05';

describe('console: hold, release, withdraw, re-open and correct', () => {
  const stack = consoleStack();
  /** The completed burn-in run of each evaluated rack. */
  const runOf: Record<string, string> = {};
  const as = (user: string) => stack.api.as(user);

  const rackState = async (serial: string) =>
    expectStatus(await as('vic').get(`/intake/v1/racks/${serial}`), 200, `read rack ${serial}`).state;
  const optionState = async (serial: string) =>
    expectStatus(await as('fiona').get(`/purchase-option/v1/options/${serial}`), 200, `read option ${serial}`).state;
  const untilOptionIs = (serial: string, state: string) =>
    waitFor(`option ${serial} ${state}`, async () => (await optionState(serial)) === state, { timeoutMs: 90_000, intervalMs: 250 });

  async function passBurnIn(serial: string, bay: string) {
    runOf[serial] = await runBurnIn(stack.api, serial, bay, { tps: 3400, kw: 121 });
  }

  beforeAll(async () => {
    await setUpGeneration(stack.api, {
      code: 'W1',
      terms: { unitPrice: '3600000.00', currency: 'USD', windowDays: 30, approvalThreshold: '5000000.00' },
      bays: ['BAY-W-1', 'BAY-W-2', 'BAY-W-3', 'BAY-W-4'],
    });
    const racks = [HOLD, WITHDRAW, REOPEN, CORRECT, RMA].map((serial) => ({
      serial,
      generation: 'W1',
      lot: 'LOT-W-1',
      bom: bom(['gpu', 'cdu']),
    }));
    await receiveRacks(stack.api, { reference: 'DHL-WO-0001', racks });
    await passBurnIn(WITHDRAW, 'BAY-W-1');
    await passBurnIn(REOPEN, 'BAY-W-2');
    await passBurnIn(CORRECT, 'BAY-W-3');
    await passBurnIn(RMA, 'BAY-W-4');
    for (const serial of [WITHDRAW, REOPEN, CORRECT, RMA]) await untilOptionIs(serial, 'EXERCISABLE');
    await waitFor(
      'evaluated racks known to intake',
      async () => (await rackState(WITHDRAW)) === 'EVALUATION_PASSED' && (await rackState(REOPEN)) === 'EVALUATION_PASSED',
      {
        timeoutMs: 60_000,
        intervalMs: 250,
      },
    );
  });

  /** A test whose failure leaves screenshots of every open page beside the key screens. */
  const flow = flowTest(() => stack.browsers, 'ways-out-');

  flow('intake puts a released rack on hold with a reason and releases it', async () => {
    const ines = await stack.browsers.signIn('ines');
    await ines.goto(`/racks/${HOLD}`);
    await ines.getByRole('heading', { name: `Rack ${HOLD} released for evaluation` }).waitFor();
    await ines.getByRole('button', { name: 'Put on hold' }).click();
    const holdForm = ines.getByRole('form', { name: 'Put on hold' });
    await holdForm.getByLabel('Reason').fill('coolant leak under review');
    await holdForm.getByRole('button', { name: 'Put on hold' }).click();
    await ines.getByRole('heading', { name: `Rack ${HOLD} on hold` }).waitFor();
    await ines.getByText(/On hold since .* by ines \(from released for evaluation\): on hold: coolant leak under review/).waitFor();
    expect(await rackState(HOLD)).toBe('ON_HOLD');
    await screenshot(ines, 'ways-out-01-rack-on-hold');

    await ines.getByRole('button', { name: 'Release hold' }).click();
    const releaseForm = ines.getByRole('form', { name: 'Release hold' });
    await releaseForm.getByLabel('Reason (optional)').fill('leak test passed');
    await releaseForm.getByRole('button', { name: 'Release hold' }).click();
    await ines.getByRole('heading', { name: `Rack ${HOLD} released for evaluation` }).waitFor();
    await ines.getByText('hold released: leak test passed').first().waitFor();
    const rack = expectStatus(await as('vic').get(`/intake/v1/racks/${HOLD}`), 200, 'read the released rack');
    expect(rack).toMatchObject({ state: 'RELEASED_FOR_EVALUATION', hold: null });
    expect(rack.history.slice(-2).map((h) => `${h.from} → ${h.to} by ${h.actor}`)).toEqual([
      'RELEASED_FOR_EVALUATION → ON_HOLD by ines',
      'ON_HOLD → RELEASED_FOR_EVALUATION by ines',
    ]);
    await screenshot(ines, 'ways-out-02-hold-released');
    await ines.context().close();
  });

  flow('intake withdraws an evaluated rack; finance sees its option WITHDRAWN', async () => {
    const ines = await stack.browsers.signIn('ines');
    await ines.goto(`/racks/${WITHDRAW}`);
    await ines.getByRole('heading', { name: `Rack ${WITHDRAW} evaluation passed` }).waitFor();
    await ines.getByRole('button', { name: 'Withdraw', exact: true }).click();
    const form = ines.getByRole('form', { name: 'Withdraw' });
    await form.getByLabel('Reason').fill('chassis bent in bay 1');
    await form.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await ines.getByRole('heading', { name: `Rack ${WITHDRAW} awaiting return` }).waitFor();
    await ines.getByText(/Withdrawn .*; its purchase option ended with it\./).waitFor();
    expect(await rackState(WITHDRAW)).toBe('AWAITING_RETURN');
    await screenshot(ines, 'ways-out-03-rack-withdrawn');
    await ines.context().close();

    await untilOptionIs(WITHDRAW, 'WITHDRAWN');
    const option = expectStatus(await as('fiona').get(`/purchase-option/v1/options/${WITHDRAW}`), 200, 'read the withdrawn option');
    expect(option.history.at(-1)).toMatchObject({ action: 'WITHDRAWN', actor: 'intake', fromState: 'EXERCISABLE', toState: 'WITHDRAWN' });
    const fiona = await stack.browsers.signIn('fiona');
    await fiona.goto(`/options/${WITHDRAW}`);
    await fiona.getByRole('heading', { name: new RegExp(`${WITHDRAW}.*withdrawn`) }).waitFor();
    const history = fiona.getByRole('region', { name: 'Decision history' });
    await history.getByText('rack withdrawn at intake by ines: chassis bent in bay 1').waitFor();
    // Nothing left to decide: no decision form for an ended option.
    expect(await fiona.getByRole('button', { name: /Exercise/ }).count()).toBe(0);
    await screenshot(fiona, 'ways-out-04-option-withdrawn');
    await fiona.context().close();
  });

  flow('an admin re-opens a passed evaluation; the option awaits its evaluation again', async () => {
    const ada = await stack.browsers.signIn('ada');
    await ada.goto(`/racks/${REOPEN}`);
    const form = ada.getByRole('form', { name: 'Re-open the evaluation' });
    await form.getByLabel('burn-in').waitFor();
    expect(await form.getByLabel('burn-in').isChecked()).toBe(true);
    await form.getByLabel('Extra attempts per suite').fill('1');
    await form.getByLabel('Reason').fill('power meter in bay 2 was miscalibrated');
    await form.getByRole('button', { name: 'Re-open' }).click();
    await ada.getByText(/Re-opened: the verdict of revision \d+ no longer stands; the evaluation awaits its next verdict\./).waitFor();
    await ada
      .getByText(/re-opened .* by ada \(1 extra attempt\(s\)\): power meter in bay 2 was miscalibrated/)
      .first()
      .waitFor();
    const evaluation = expectStatus(await as('vic').get(`/results/v1/racks/${REOPEN}/evaluation`), 200, 'read the re-opened evaluation');
    expect(evaluation.status).toBe('REOPENED');
    await untilOptionIs(REOPEN, 'PENDING_EVALUATION');
    await ada.getByRole('heading', { name: `Rack ${REOPEN} in evaluation` }).waitFor();
    await screenshot(ada, 'ways-out-05-evaluation-reopened');
    await ada.context().close();
  });

  flow('a test engineer corrects a measurement of a completed run; the run is judged again and the old value kept', async () => {
    const tariq = await stack.browsers.signIn('tariq');
    await tariq.goto(`/runs/${runOf[CORRECT]}`);
    await tariq.getByRole('heading', { name: /Burn-in, attempt 1 of 2/ }).waitFor();
    await tariq.getByText('Correct a measurement').click();
    const form = tariq.getByRole('form', { name: 'Correct a measurement' });
    await form.getByLabel('Metric').selectOption('training_throughput');
    await form.getByLabel('Corrected value').fill('3350');
    // The unit is filled from the criterion once the run's criteria have loaded.
    await waitFor('the unit taken from the criterion', async () => (await form.getByLabel('Unit').inputValue()) === 'tokens/s', {
      timeoutMs: 10_000,
    });
    await form.getByLabel('Reason').fill('throughput counter double-counted the warm-up step');
    await form.getByRole('button', { name: 'Submit correction' }).click();
    await form
      .getByRole('status')
      .getByText(/Correction recorded: 1 value\(s\) of training_throughput superseded by 1/)
      .waitFor();
    const verdict = tariq.getByRole('region', { name: 'Verdict' });
    await verdict.getByText(/revised 1×/).waitFor();
    await verdict
      .getByRole('row', { name: /training_throughput/ })
      .getByText(/3[,.\s\u202f]?350/)
      .waitFor();
    await screenshot(tariq, 'ways-out-06-measurement-corrected');

    const runId = runOf[CORRECT];
    const current = await as('tariq').results.GET('/v1/runs/{runId}/measurements', {
      params: { path: { runId }, query: { metric: 'training_throughput' } },
    });
    expect(current.data?.items.map((m) => m.value)).toEqual([3350]);
    const all = await as('tariq').results.GET('/v1/runs/{runId}/measurements', {
      params: { path: { runId }, query: { metric: 'training_throughput', includeSuperseded: true } },
    });
    expect(all.data?.items.map((m) => m.value).sort()).toEqual([3350, 3400]);
    const judged = expectStatus(await as('vic').get(`/results/v1/runs/${runId}/verdict`), 200, 'read the re-judged verdict');
    expect(judged).toMatchObject({ verdict: 'PASS', revision: 2 });
    await tariq.context().close();
  });

  flow('intake sends a withdrawn rack back to the manufacturer on an RMA and marks it shipped', async () => {
    await waitFor('the rack evaluated in intake', async () => (await rackState(RMA)) === 'EVALUATION_PASSED', {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    expectStatus(await as('ines').post(`/intake/v1/racks/${RMA}/withdraw`, { reason: 'PSU shelf 2 trips under load' }), 200, 'withdraw');
    const ines = await stack.browsers.signIn('ines');
    await ines.goto(`/racks/${RMA}`);
    await ines.getByRole('heading', { name: `Rack ${RMA} awaiting return` }).waitFor();
    const form = ines.getByRole('form', { name: 'Open an RMA' });
    await form.getByLabel('RMA number').fill('RMA-WO-0005');
    await form.getByLabel('Notes (optional)').fill('PSU shelf 2 trips under load; unit to be repaired');
    await form.getByRole('button', { name: 'Open an RMA' }).click();
    // The rack's page lists the RMA it is now on (and no longer offers to open one).
    const onRma = ines.getByRole('list', { name: 'RMAs of this rack' });
    await onRma.getByText('On RMA RMA-WO-0005 (open)').waitFor();
    expect(await ines.getByRole('form', { name: 'Open an RMA' }).count()).toBe(0);
    await screenshot(ines, 'ways-out-09-rma-opened');
    await onRma.getByRole('link', { name: 'RMA-WO-0005' }).click();
    await ines.getByRole('heading', { name: /RMA RMA-WO-0005/ }).waitFor();
    const ship = ines.getByRole('form', { name: 'Mark shipped' });
    await ship.getByRole('button', { name: 'Mark shipped' }).click();
    await ines.getByRole('heading', { name: /RMA RMA-WO-0005.*Shipped/ }).waitFor();
    await ines.getByRole('list', { name: 'History' }).getByText('Shipped', { exact: true }).waitFor();
    expect(await ines.getByRole('form', { name: 'Mark shipped' }).count()).toBe(0);
    await screenshot(ines, 'ways-out-10-rma-shipped');
    await ines.context().close();

    expect(await rackState(RMA)).toBe('RETURNED_FOR_RMA');
    const rmas = await as('fiona').intake.GET('/v1/rmas', { params: { query: { serial: RMA } } });
    expect(rmas.data?.items).toEqual([expect.objectContaining({ rmaNumber: 'RMA-WO-0005', state: 'SHIPPED', serials: [RMA] })]);
    const fiona = await stack.browsers.signIn('fiona');
    await fiona.goto('/rmas?state=SHIPPED');
    await fiona.getByRole('link', { name: 'RMA-WO-0005' }).waitFor();
    await screenshot(fiona, 'ways-out-11-rmas-for-finance');
    await fiona.context().close();
  });

  flow(
    'the unit comes back repaired: intake receives it on the RMA page, the rack is its second incarnation, and finance sees the option reopened',
    async () => {
      const ines = await stack.browsers.signIn('ines');
      await ines.goto('/rmas?state=SHIPPED');
      await ines.getByRole('link', { name: 'RMA-WO-0005' }).click();
      await ines.getByRole('heading', { name: /RMA RMA-WO-0005.*Shipped/ }).waitFor();
      const receive = ines.getByRole('form', { name: 'Receive units back' });
      const unit = receive.getByRole('group', { name: `Unit ${RMA}` });
      await unit.getByLabel('How it came back').selectOption('REPAIRED');
      await unit.getByLabel('Note (optional)').fill('PSU shelf 2 replaced at the factory');
      await receive.getByRole('button', { name: 'Receive 1 unit' }).click();
      await ines.getByRole('heading', { name: /RMA RMA-WO-0005.*Received/ }).waitFor();
      expect(await ines.getByRole('form', { name: 'Receive units back' }).count()).toBe(0);
      await screenshot(ines, 'ways-out-12-rma-received');

      await ines.goto(`/racks/${RMA}`);
      await ines.getByRole('heading', { name: new RegExp(`Rack ${RMA} received incarnation 2`, 'i') }).waitFor();
      const incarnations = ines.getByRole('table', { name: 'Incarnations' });
      await incarnations.getByRole('link', { name: 'RMA-WO-0005' }).waitFor();
      expect(await incarnations.getByRole('row').count()).toBe(3); // header, incarnation 1, incarnation 2
      await screenshot(ines, 'ways-out-13-rack-second-incarnation');
      await ines.context().close();

      await untilOptionIs(RMA, 'PENDING_EVALUATION');
      const fiona = await stack.browsers.signIn('fiona');
      await fiona.goto(`/options/${RMA}`);
      await fiona
        .getByRole('note', { name: 'RMA' })
        .getByText(/Back from the manufacturer under RMA RMA-WO-0005/)
        .waitFor();
      await screenshot(fiona, 'ways-out-14-option-reopened-after-rma');
      await fiona.context().close();
    },
  );

  flow('refusals: a viewer is offered no way out, and re-opening a withdrawn rack shows the 409 in words', async () => {
    const vic = await stack.browsers.signIn('vic');
    await vic.goto(`/racks/${HOLD}`);
    await vic.getByRole('heading', { name: `Rack ${HOLD} released for evaluation` }).waitFor();
    await vic.getByRole('heading', { name: 'Timeline' }).waitFor();
    expect(await vic.getByRole('region', { name: 'Hold or withdraw' }).count()).toBe(0);
    expect(await vic.getByRole('button', { name: 'Put on hold' }).count()).toBe(0);
    expect(await vic.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);
    const refused = await as('vic').post(`/intake/v1/racks/${HOLD}/hold`, { reason: 'viewer tries' });
    expect(refused.status).toBe(403);
    await screenshot(vic, 'ways-out-07-viewer-no-ways-out');
    await vic.context().close();

    const ada = await stack.browsers.signIn('ada');
    await ada.goto(`/racks/${WITHDRAW}`);
    const form = ada.getByRole('form', { name: 'Re-open the evaluation' });
    await form.getByLabel('Reason').fill('second look at the thermals');
    await form.getByRole('button', { name: 'Re-open' }).click();
    const alert = form.getByRole('alert');
    // The summary says what kind of refusal it is; the detail is the rule the service names.
    await alert.getByText('The evaluation was not re-opened: This conflicts with the current state of the item.').waitFor();
    await alert.getByText(/its option has ended \(WITHDRAWN\)|intake reports the rack AWAITING_RETURN/).waitFor();
    const again = await as('ada').post(`/results/v1/racks/${WITHDRAW}/evaluation/reopen`, {
      reason: 'second look at the thermals',
      extraAttempts: 1,
    });
    expect(again.status).toBe(409);
    expect(again.error).toMatchObject({
      code: 'EVALUATION_CLOSED',
      message: expect.stringContaining(`rack ${WITHDRAW}'s evaluation cannot be re-opened`),
    });
    const evaluation = expectStatus(await as('vic').get(`/results/v1/racks/${WITHDRAW}/evaluation`), 200, 'read the unchanged evaluation');
    expect(evaluation.status).toBe('CONCLUDED');
    await screenshot(ada, 'ways-out-08-reopen-refused-409');
    await ada.context().close();
  });
});
