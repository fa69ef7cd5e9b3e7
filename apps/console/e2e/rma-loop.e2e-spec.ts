/**
 * The loop back to the manufacturer through the console, in real headless Chromium against the
 * real stack (Kafka, PostgreSQL, the four services, the gateway serving the built console):
 * - a rack fails burn-in (rack power over its limit); a test engineer (tariq) attaches the harness
 *   log to the finding and triages it as a hardware defect on the rack's PSU line;
 * - finance (fiona) declines the failed rack on its option page;
 * - intake (ines) opens an RMA reporting the finding from the rack's page and ships it; the finding
 *   reads "Reported to manufacturer" and links to the RMA;
 * - the unit comes back repaired: ines receives it on the RMA's page, the rack reads "Received" as
 *   its second incarnation;
 * - after inspection the repaired unit passes burn-in from attempt 1; fiona sees the option
 *   exercisable and back from the manufacturer; tariq verifies the fix on the finding's page.
 * Each step is read back on the page and through the API. The runs are driven through the API,
 * as a harness would. Screenshots go to test-artifacts/console (`rma-loop-*`).
 */
import { bom, burnInPlan, PASSED_CHECKS, receiveRacks, setUpGeneration, waitFor } from '@rackeval/testing';
import { expectStatus } from './support/api';
import { flowTest, screenshot } from './support/browser';
import { runBurnIn } from './support/runs';
import { consoleStack } from './support/stack';

const SERIAL = 'RK-LOOP-01';
const RMA_NUMBER = 'RMA-LOOP-0001';
const HARNESS_LOG = '2026-11-30T09:12:03Z burnin psu2 output 41.7 V (droop); rack power 150 kW over the 130 kW limit\n';

describe('console: the RMA loop, from a failed burn-in to an exercisable option', () => {
  const stack = consoleStack();
  const as = (user: string) => stack.api.as(user);
  let findingId = '';

  const rackOf = async (serial: string) => expectStatus(await as('vic').get(`/intake/v1/racks/${serial}`), 200, `read rack ${serial}`);
  const untilRackIs = (state: string) =>
    waitFor(`rack ${SERIAL} ${state}`, async () => (await rackOf(SERIAL)).state === state, { timeoutMs: 90_000, intervalMs: 250 });
  const optionState = async () => expectStatus(await as('fiona').get(`/purchase-option/v1/options/${SERIAL}`), 200, 'read option').state;
  const untilOptionIs = (state: string) =>
    waitFor(`option ${SERIAL} ${state}`, async () => (await optionState()) === state, { timeoutMs: 90_000, intervalMs: 250 });
  const findingState = async () => expectStatus(await as('vic').get(`/results/v1/findings/${findingId}`), 200, 'read finding').state;

  beforeAll(async () => {
    await setUpGeneration(stack.api, {
      code: 'L1',
      // One attempt: the failed burn-in fails the rack.
      plan: burnInPlan(1),
      terms: { unitPrice: '3600000.00', currency: 'USD', windowDays: 30, approvalThreshold: '5000000.00' },
      bays: ['BAY-L-1'],
    });
    await receiveRacks(stack.api, {
      reference: 'DHL-LOOP-0001',
      racks: [{ serial: SERIAL, generation: 'L1', lot: 'LOT-L-1', bom: bom() }],
    });
    const failedRun = await runBurnIn(stack.api, SERIAL, 'BAY-L-1', { tps: 3400, kw: 150 });
    findingId = await waitFor(
      'the finding of the failed run',
      async () => (await as('tariq').results.GET('/v1/findings', { params: { query: { run: failedRun } } })).data?.items[0]?.id,
      { timeoutMs: 90_000, intervalMs: 250 },
    );
  });

  /** A test whose failure leaves screenshots of every open page beside the key screens. */
  const flow = flowTest(() => stack.browsers, 'rma-loop-');

  flow('a test engineer attaches the harness log to the finding and triages it as a hardware defect on the PSU line', async () => {
    const tariq = await stack.browsers.signIn('tariq');
    await tariq.goto(`/findings/${findingId}`);
    await tariq.getByRole('heading', { name: /rack_power/ }).waitFor();
    await tariq
      .getByLabel('Attach a file (log, image, PDF)')
      .setInputFiles({ name: 'burnin-psu2.log', mimeType: 'text/plain', buffer: Buffer.from(HARNESS_LOG) });
    await tariq.getByRole('region', { name: 'Evidence' }).getByRole('button', { name: 'burnin-psu2.log' }).waitFor();
    await screenshot(tariq, 'rma-loop-01-finding-evidence');

    const triage = tariq.getByRole('form', { name: 'Triage' });
    await triage.getByLabel('Failure class').selectOption('HARDWARE_DEFECT');
    await triage.getByLabel('Part number (BOM line)').fill('PSU-33KW');
    await triage.getByRole('button', { name: 'Triage' }).click();
    await tariq.getByText('Triaged', { exact: true }).first().waitFor();
    await tariq.getByText(/PSU-33KW · /).waitFor();
    await screenshot(tariq, 'rma-loop-02-finding-triaged');
    await tariq.context().close();

    const finding = expectStatus(await as('vic').get(`/results/v1/findings/${findingId}`), 200, 'read finding');
    expect(finding).toMatchObject({ state: 'TRIAGED', failureClass: 'HARDWARE_DEFECT', component: { partNumber: 'PSU-33KW' } });
    expect(finding.attachments.map((file) => [file.filename, file.size])).toEqual([['burnin-psu2.log', Buffer.byteLength(HARNESS_LOG)]]);
  });

  flow('finance declines the failed rack on its option page', async () => {
    await untilOptionIs('NOT_EXERCISABLE');
    const fiona = await stack.browsers.signIn('fiona');
    await fiona.goto(`/options/${SERIAL}`);
    await fiona.getByRole('heading', { name: new RegExp(`Option for rack ${SERIAL}.*not exercisable`, 'i') }).waitFor();
    await fiona.getByRole('radio', { name: /Decline — return it/ }).check();
    await fiona.getByLabel('Rationale').fill('PSU shelf fails burn-in; the manufacturer repairs it under RMA');
    await fiona.getByRole('button', { name: 'Decline option' }).click();
    await fiona.getByRole('heading', { name: new RegExp(`Option for rack ${SERIAL}.*declined`, 'i') }).waitFor();
    await screenshot(fiona, 'rma-loop-03-option-declined');
    await fiona.context().close();
    await untilRackIs('AWAITING_RETURN');
  });

  flow("intake opens an RMA reporting the finding from the rack's page and ships it; the finding reads reported", async () => {
    const ines = await stack.browsers.signIn('ines');
    await ines.goto(`/racks/${SERIAL}`);
    await ines.getByRole('heading', { name: new RegExp(`Rack ${SERIAL} awaiting return`, 'i') }).waitFor();
    const open = ines.getByRole('form', { name: 'Open an RMA' });
    await open.getByLabel('RMA number').fill(RMA_NUMBER);
    await open.getByRole('checkbox', { name: /rack_power/ }).check();
    await open.getByLabel('Notes (optional)').fill('PSU shelf 2 droops under load; harness log on the finding');
    await open.getByRole('button', { name: 'Open an RMA' }).click();
    const onRma = ines.getByRole('list', { name: 'RMAs of this rack' });
    await onRma.getByRole('link', { name: RMA_NUMBER }).click();
    await ines.getByRole('heading', { name: new RegExp(`RMA ${RMA_NUMBER}`) }).waitFor();
    await ines.getByRole('form', { name: 'Mark shipped' }).getByRole('button', { name: 'Mark shipped' }).click();
    await ines.getByRole('heading', { name: new RegExp(`RMA ${RMA_NUMBER}.*Shipped`) }).waitFor();
    await screenshot(ines, 'rma-loop-04-rma-shipped');
    await ines.context().close();

    await waitFor('the finding reported to the manufacturer', async () => (await findingState()) === 'REPORTED_TO_MANUFACTURER', {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    const tariq = await stack.browsers.signIn('tariq');
    await tariq.goto(`/findings/${findingId}`);
    await tariq.getByText('Reported to manufacturer', { exact: true }).first().waitFor();
    await tariq.getByRole('link', { name: RMA_NUMBER }).waitFor();
    await screenshot(tariq, 'rma-loop-05-finding-reported');
    await tariq.context().close();
  });

  flow('the unit comes back repaired: intake receives it and the rack is its second incarnation', async () => {
    const ines = await stack.browsers.signIn('ines');
    await ines.goto('/rmas?state=SHIPPED');
    await ines.getByRole('link', { name: RMA_NUMBER }).click();
    const receive = ines.getByRole('form', { name: 'Receive units back' });
    const unit = receive.getByRole('group', { name: `Unit ${SERIAL}` });
    await unit.getByLabel('How it came back').selectOption('REPAIRED');
    await unit.getByLabel('Note (optional)').fill('PSU shelf 2 replaced');
    await receive.getByRole('button', { name: 'Receive 1 unit' }).click();
    await ines.getByRole('heading', { name: new RegExp(`RMA ${RMA_NUMBER}.*Received`) }).waitFor();
    await ines.goto(`/racks/${SERIAL}`);
    await ines.getByRole('heading', { name: new RegExp(`Rack ${SERIAL} received incarnation 2`, 'i') }).waitFor();
    await ines.getByRole('table', { name: 'Incarnations' }).getByRole('link', { name: RMA_NUMBER }).waitFor();
    await screenshot(ines, 'rma-loop-06-rack-second-incarnation');
    await ines.context().close();

    expect(await rackOf(SERIAL)).toMatchObject({ state: 'RECEIVED', incarnation: 2 });
    await waitFor('the fix proposed on the finding', async () => (await findingState()) === 'FIX_PROPOSED', {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    await untilOptionIs('PENDING_EVALUATION');
  });

  flow('the repaired unit passes burn-in from attempt 1: finance sees it exercisable and the fix is verified', async () => {
    expectStatus(
      await as('ines').post(`/intake/v1/racks/${SERIAL}/inspections`, { checks: PASSED_CHECKS, outcome: 'ACCEPTED' }),
      201,
      're-inspect',
    );
    await runBurnIn(stack.api, SERIAL, 'BAY-L-1', { tps: 3400, kw: 121 });
    await untilOptionIs('EXERCISABLE');
    const runs = (await as('vic').testRun.GET('/v1/runs', { params: { query: { rack: SERIAL } } })).data?.items ?? [];
    expect(runs.map((run) => [run.incarnation, run.attempt, run.state]).sort()).toEqual([
      [1, 1, 'COMPLETED'],
      [2, 1, 'COMPLETED'],
    ]);

    const fiona = await stack.browsers.signIn('fiona');
    await fiona.goto(`/options/${SERIAL}`);
    await fiona.getByRole('heading', { name: new RegExp(`Option for rack ${SERIAL}.*exercisable`, 'i') }).waitFor();
    await fiona
      .getByRole('note', { name: 'RMA' })
      .getByText(new RegExp(`Back from the manufacturer under RMA ${RMA_NUMBER}`))
      .waitFor();
    await screenshot(fiona, 'rma-loop-07-option-exercisable-after-rma');
    await fiona.context().close();

    const tariq = await stack.browsers.signIn('tariq');
    await tariq.goto(`/findings/${findingId}`);
    await tariq.getByText('Fix proposed', { exact: true }).first().waitFor();
    await tariq.getByLabel('Note').fill('repaired unit passed burn-in at 121 kW');
    await tariq.getByRole('button', { name: 'Verify fix' }).click();
    await tariq.getByText('Verified', { exact: true }).first().waitFor();
    await screenshot(tariq, 'rma-loop-08-finding-verified');
    await tariq.context().close();
    expect(await findingState()).toBe('VERIFIED');
  });
});
