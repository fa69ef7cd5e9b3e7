/**
 * The console in real headless Chromium against the real stack: Kafka, PostgreSQL, the four
 * services and the gateway serving the built console, each in its own process.
 * - A test engineer schedules and starts a run, enters results that are judged as they are typed,
 *   and completes the run that concludes the evaluation.
 * - Finance has the option queue open and sees the option turn exercisable without a reload,
 *   requests exercise; a second finance user approves it; the option shows exercised.
 * - A viewer sees an exercisable option with its evidence but no decision buttons.
 * Catalogue, delivery and inspection are set up through the API (their forms have their own tests).
 */
import { bom as testBom, receiveRacks, setUpGeneration, waitFor } from '@rackeval/testing';
import type { Page } from 'playwright-core';
import { expectStatus } from './support/api';
import { flowTest, markDocument, screenshot, stillSameDocument } from './support/browser';
import { runBurnIn } from './support/runs';
import { consoleStack } from './support/stack';
import { untilLiveEvent } from './support/live-feed';

const RACK_A = 'RK-UI-A-0001';
const RACK_B = 'RK-UI-B-0002';

describe('console end to end', () => {
  const stack = consoleStack();
  /** Fiona's page stays open from the first test to the last: the live queue is watched on it. */
  let fiona: Page;

  const as = (user: string) => stack.api.as(user);
  const optionState = async (serial: string) =>
    expectStatus(await as('fiona').get(`/purchase-option/v1/options/${serial}`), 200, `read option ${serial}`).state;
  const untilOptionIs = (serial: string, state: string) =>
    waitFor(`option ${serial} ${state}`, async () => (await optionState(serial)) === state, { timeoutMs: 60_000, intervalMs: 250 });

  beforeAll(async () => {
    // The gateway's live feed must be flowing before a test relies on it: watch for the set-up's own events.
    const feedFlowing = untilLiveEvent(
      stack.system.gatewayUrl(),
      await stack.tokens.token('vic'),
      (event) => event.subject === RACK_A,
      90_000,
    );
    feedFlowing.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled

    // Programme set-up: generation, plan, criteria, terms above the approval threshold (proposed by
    // fiona here, approved by farid in the console below), bays.
    await setUpGeneration(stack.api, {
      code: 'G1',
      terms: { unitPrice: '3950000.00', currency: 'USD', windowDays: 30, approvalThreshold: '2500000.00', approve: false },
      bays: ['BAY-1', 'BAY-2'],
    });

    // Receiving: one delivery of two racks, both inspected and released for evaluation.
    const bom = testBom(['gpu', 'nvswitch', 'cdu']);
    await receiveRacks(stack.api, {
      reference: 'DHL-UI-0001',
      racks: [RACK_A, RACK_B].map((serial) => ({ serial, generation: 'G1', lot: 'LOT-11', bom })),
    });
    await feedFlowing;
    await untilOptionIs(RACK_A, 'PENDING_EVALUATION');
  });

  /** A test whose failure leaves screenshots of every open page beside the key screens. */
  const flow = flowTest(() => stack.browsers);

  flow('finance opens the option queue: nothing is exercisable yet', async () => {
    fiona = await stack.browsers.signIn('fiona');
    await fiona.getByRole('heading', { name: 'Purchase options' }).waitFor();
    await fiona.getByRole('tab', { name: 'Exercisable', selected: true }).waitFor();
    await fiona.getByRole('tabpanel').getByText('Nothing here right now.').waitFor();
    await fiona.getByTitle('Live').waitFor();
    await markDocument(fiona);
    await screenshot(fiona, '01-finance-queue-empty');
  });

  flow('a second finance user approves the terms fiona proposed; fiona is not offered her own', async () => {
    const ownTerms = await stack.browsers.signIn('fiona');
    await ownTerms.getByRole('link', { name: 'Programme admin' }).click();
    await ownTerms.locator('#admin-generation').selectOption('G1');
    await ownTerms.getByRole('heading', { name: 'Option terms (version 1, PROPOSED)' }).waitFor();
    expect(await ownTerms.getByRole('button', { name: 'Approve terms' }).count()).toBe(0);
    await ownTerms.context().close();

    const farid = await stack.browsers.signIn('farid');
    await farid.getByRole('link', { name: 'Programme admin' }).click();
    await farid.locator('#admin-generation').selectOption('G1');
    await farid.getByRole('heading', { name: 'Option terms (version 1, PROPOSED)' }).waitFor();
    await farid.getByText(/Proposed by fiona/).waitFor();
    await farid.getByLabel('Your note').fill('price and window match the supply agreement');
    await screenshot(farid, '01b-finance-approves-terms');
    await farid.getByRole('button', { name: 'Approve terms' }).click();
    await farid.getByRole('heading', { name: 'Option terms (version 1, ACTIVE)' }).waitFor();
    await farid.getByText(/approved by farid/).waitFor();
    expect(expectStatus(await as('vic').get('/purchase-option/v1/terms/G1'), 200, 'read terms G1')).toMatchObject({
      status: 'ACTIVE',
      review: { reviewedBy: 'farid' },
    });
  });

  flow('a test engineer schedules and starts a run, enters results judged as typed, and completes the evaluation', async () => {
    const tariq = await stack.browsers.signIn('tariq');
    await tariq.getByRole('heading', { name: 'Rack board' }).waitFor();
    await tariq.getByLabel('Serial starts with').fill(RACK_A);
    await tariq.getByRole('link', { name: RACK_A }).click();
    await tariq.getByRole('heading', { name: new RegExp(`Rack ${RACK_A}`) }).waitFor();
    await tariq.getByRole('heading', { name: new RegExp(`Rack ${RACK_A}.*released for evaluation`) }).waitFor();

    // Schedule the required suite on a free bay, then start it.
    await tariq.getByLabel('Suite').selectOption('burn-in');
    await tariq.getByLabel('Free bay').selectOption('BAY-1');
    await screenshot(tariq, '02-engineer-schedule-run');
    await tariq.getByRole('button', { name: 'Schedule', exact: true }).click();
    await tariq.getByRole('button', { name: 'start burn-in attempt 1' }).click();
    await tariq.getByRole('button', { name: 'complete burn-in attempt 1' }).waitFor();
    // The first run start puts the rack in evaluation (intake learns it from test-run's events; the page refreshes live).
    await tariq.getByRole('heading', { name: new RegExp(`Rack ${RACK_A}.*in evaluation`) }).waitFor();

    // The run page: each value is judged against its criterion while it is typed.
    await tariq.getByRole('link', { name: 'Burn-in' }).click();
    await tariq.getByRole('heading', { name: /Burn-in, attempt 1 of 2.*running/ }).waitFor();
    const throughput = tariq.getByRole('textbox', { name: 'training_throughput' });
    const throughputRow = tariq.getByRole('row', { name: /training_throughput/ });
    await throughput.fill('2900');
    await throughputRow.getByText('below the minimum of 3000 tokens/s').waitFor();
    await throughputRow.getByText('Fail', { exact: true }).waitFor();
    expect(await throughput.getAttribute('aria-invalid')).toBe('true');
    await screenshot(tariq, '03-engineer-result-entry-fail-as-typed');
    await throughput.fill('3400');
    await throughputRow.getByText('Pass', { exact: true }).waitFor();
    await tariq.getByRole('textbox', { name: 'rack_power' }).fill('121.5');
    await tariq
      .getByRole('row', { name: /rack_power/ })
      .getByText('Pass', { exact: true })
      .waitFor();
    expect(await throughput.getAttribute('aria-invalid')).toBe('false');
    await screenshot(tariq, '04-engineer-result-entry-pass');

    await untilResultsAcceptsMeasurements(await runIdFrom(tariq));
    await tariq.getByRole('button', { name: 'Record 2 values' }).click();
    await tariq.getByText('2 measurements recorded.').waitFor();
    // The charts show the recorded values against their target bands.
    await tariq.getByRole('img', { name: 'training_throughput: 1 samples, 0 outside the target band' }).waitFor();
    await tariq.getByRole('img', { name: 'rack_power: 1 samples, 0 outside the target band' }).waitFor();

    // Back on the rack page: complete the run; the verdict concludes the evaluation, shown without a reload.
    await tariq.getByRole('link', { name: `← Rack ${RACK_A}` }).click();
    await markDocument(tariq);
    await tariq.getByRole('button', { name: 'complete burn-in attempt 1' }).click();
    const evaluation = tariq.getByRole('region', { name: 'Evaluation' });
    await evaluation.getByText(/^Outcome: passed/).waitFor({ timeout: 60_000 });
    await evaluation.getByText(/criteria met 2 \/ 2$/).waitFor();
    await tariq.getByRole('heading', { name: new RegExp(`Rack ${RACK_A}.*evaluation passed`) }).waitFor({ timeout: 60_000 });
    expect(await stillSameDocument(tariq)).toBe(true);
    await screenshot(tariq, '05-engineer-rack-evaluation-passed');
    await tariq.context().close();
  });

  flow('finance sees the option turn exercisable without reloading, requests exercise, and a second finance user approves', async () => {
    // The queue opened in the first test fills in from the live feed alone.
    const queue = fiona.getByRole('tabpanel');
    await queue.getByRole('link', { name: RACK_A }).waitFor({ timeout: 60_000 });
    await queue
      .getByRole('row', { name: new RegExp(RACK_A) })
      .getByText('exercisable', { exact: true })
      .waitFor();
    expect(await stillSameDocument(fiona)).toBe(true);
    await screenshot(fiona, '06-finance-queue-exercisable-live');

    // The option page: evidence beside the price, then the exercise request with a rationale.
    await queue.getByRole('link', { name: RACK_A }).click();
    await fiona.getByRole('heading', { name: new RegExp(`Option for rack ${RACK_A}.*exercisable`) }).waitFor();
    await fiona.getByRole('radio', { name: /Exercise — buy this rack/ }).check();
    await fiona.getByLabel('Rationale').fill('meets every target; 7 % under the power budget');
    await fiona.getByText('The price is above the approval threshold: a second finance colleague must approve.').waitFor();
    await screenshot(fiona, '07-finance-option-decide');
    await fiona.getByRole('button', { name: 'Exercise option' }).click();
    await fiona.getByRole('heading', { name: new RegExp(`Option for rack ${RACK_A}.*pending approval`) }).waitFor();
    // Four eyes: the requester is never offered her own approval.
    await fiona.getByRole('note').getByText('You requested this exercise; a second finance colleague must approve or reject it.').waitFor();
    expect(await fiona.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await markDocument(fiona);

    // A second finance user, in a browser context of his own, approves from the pending queue.
    const farid = await stack.browsers.signIn('farid');
    await farid.getByRole('tab', { name: 'Pending approval' }).click();
    await farid.getByRole('tabpanel').getByRole('link', { name: RACK_A }).click();
    await farid.getByRole('heading', { name: new RegExp(`Option for rack ${RACK_A}.*pending approval`) }).waitFor();
    await farid.getByText(/Requested by fiona/).waitFor();
    await farid.getByLabel('Your note').fill('second review done; evidence checked');
    await screenshot(farid, '08-second-finance-approve');
    await farid.getByRole('button', { name: 'Approve' }).click();
    await farid.getByRole('heading', { name: new RegExp(`Option for rack ${RACK_A}.*exercised`) }).waitFor();
    await farid.getByText(/Decided by fiona, approved by farid/).waitFor();
    await screenshot(farid, '09-option-exercised');

    // Fiona's open page follows the approval live, and the service agrees.
    await fiona.getByRole('heading', { name: new RegExp(`Option for rack ${RACK_A}.*exercised`) }).waitFor({ timeout: 60_000 });
    expect(await stillSameDocument(fiona)).toBe(true);
    expect(await optionState(RACK_A)).toBe('EXERCISED');
    await farid.context().close();
  });

  flow('a viewer sees an exercisable option and its evidence but no decision buttons', async () => {
    await runBurnIn(stack.api, RACK_B, 'BAY-2', { tps: 3350, kw: 124 });
    await untilOptionIs(RACK_B, 'EXERCISABLE');

    // Finance is offered the decision on this option…
    await fiona.goto(`/options/${RACK_B}`);
    await fiona.getByRole('heading', { name: new RegExp(`Option for rack ${RACK_B}.*exercisable`) }).waitFor();
    await fiona.getByRole('button', { name: 'Exercise option' }).waitFor();

    // …the viewer sees the same option, with nothing to decide, approve or export.
    const vic = await stack.browsers.signIn('vic');
    await vic.getByRole('link', { name: 'Option queue' }).click();
    await vic.getByRole('tabpanel').getByRole('link', { name: RACK_B }).click();
    await vic.getByRole('heading', { name: new RegExp(`Option for rack ${RACK_B}.*exercisable`) }).waitFor();
    for (const section of ['Price', 'Evidence', 'Test history', 'Decision history'])
      await vic.getByRole('heading', { name: section, exact: true }).waitFor();
    await vic.getByText('passed, criteria met 2 / 2').waitFor();
    for (const name of ['Exercise option', 'Decline option', 'Approve', 'Reject']) {
      expect(await vic.getByRole('button', { name }).count()).toBe(0);
    }
    expect(await vic.getByRole('radio').count()).toBe(0);
    expect(await vic.getByRole('heading', { name: 'Decide' }).count()).toBe(0);
    await screenshot(vic, '10-viewer-option-no-decisions');
    await vic.getByRole('link', { name: '← Option queue' }).click();
    await vic.getByRole('heading', { name: 'Purchase options' }).waitFor();
    expect(await vic.getByRole('button', { name: 'Export CSV' }).count()).toBe(0);
    await vic.context().close();
  });

  /** The run page's address ends with the run id. */
  async function runIdFrom(page: Page): Promise<string> {
    const match = /\/runs\/([^/?#]+)/.exec(page.url());
    if (!match) throw new Error(`not on a run page: ${page.url()}`);
    return decodeURIComponent(match[1]);
  }

  /** Results accepts measurements once it has learnt from test-run's events that the run started. */
  async function untilResultsAcceptsMeasurements(runId: string): Promise<void> {
    await waitFor(
      'results knows the run is running',
      async () => {
        const answer = await as('tariq').get(`/results/v1/runs/${runId}`);
        return answer.status === 200 && answer.body.acceptsMeasurements === true;
      },
      { timeoutMs: 30_000, intervalMs: 150 },
    );
  }
});
