/**
 * The programme page and the generation comparison in real headless Chromium against the real
 * stack (Kafka, PostgreSQL, the four services, the gateway serving the built console).
 * Two generations are set up through the API with racks that pass, fail, abort and get bought;
 * a viewer then opens /programme and the comparison page, which must show figures without typing
 * anything, and follows a figure to the list behind it. Screenshots are kept in test-artifacts/console.
 */
import { bom, burnInPlan, costTargets, receiveRacks, registerBays, setUpGeneration, waitFor } from '@rackeval/testing';
import { expectStatus } from './support/api';
import { screenshot } from './support/browser';
import { type BurnInEnd, runBurnIn } from './support/runs';
import { consoleStack } from './support/stack';

/** Which racks each generation gets, and how their burn-in ends (tokens/s, kW; or an abort). */
const RACKS: Array<{ serial: string; generation: string; gpuOrigin: string; lot: string; run?: BurnInEnd }> = [
  { serial: 'RK-PG-P1-01', generation: 'P1', gpuOrigin: 'US', lot: 'LOT-P1-A', run: { tps: 3400, kw: 121 } },
  { serial: 'RK-PG-P1-02', generation: 'P1', gpuOrigin: 'TW', lot: 'LOT-P1-A', run: { tps: 2800, kw: 125 } },
  { serial: 'RK-PG-P1-03', generation: 'P1', gpuOrigin: 'US', lot: 'LOT-P1-B', run: 'abort' },
  { serial: 'RK-PG-P2-01', generation: 'P2', gpuOrigin: 'US', lot: 'LOT-P2-A', run: { tps: 3900, kw: 118 } },
  { serial: 'RK-PG-P2-02', generation: 'P2', gpuOrigin: 'US', lot: 'LOT-P2-A', run: { tps: 3650, kw: 119 } },
];

describe('console: programme and generations compared', () => {
  const stack = consoleStack();
  const as = (user: string) => stack.api.as(user);

  const optionState = async (serial: string) =>
    ((await as('fiona').get(`/purchase-option/v1/options/${serial}`)).body as { state?: string } | undefined)?.state;

  beforeAll(async () => {
    for (const [generation, target] of [
      ['P1', '40.00'],
      ['P2', '60.00'],
    ])
      await setUpGeneration(stack.api, {
        code: generation,
        domesticContentTargetPct: target,
        plan: burnInPlan(1),
        terms: {
          unitPrice: generation === 'P1' ? '3950000.00' : '3600000.00',
          currency: 'USD',
          windowDays: 30,
          approvalThreshold: '5000000.00',
        },
        costTargets: costTargets('1300'),
      });
    const bays = ['BAY-P-1', 'BAY-P-2', 'BAY-P-3'];
    await registerBays(stack.api, bays);
    for (const generation of ['P1', 'P2']) {
      const racks = RACKS.filter((r) => r.generation === generation).map((r) => ({
        serial: r.serial,
        generation,
        lot: r.lot,
        bom: bom(['gpu', 'cdu', 'nvswitch'], { gpuOrigin: r.gpuOrigin }),
      }));
      await receiveRacks(stack.api, { reference: `DHL-PG-${generation}`, receivedAt: '2026-11-20T08:30:00Z', racks });
    }
    for (const [i, rack] of RACKS.entries()) if (rack.run) await runBurnIn(stack.api, rack.serial, bays[i % bays.length], rack.run);
    for (const rack of RACKS.filter((r) => r.run && r.run !== 'abort')) {
      const expected = (rack.run as { tps: number }).tps >= 3000 ? 'EXERCISABLE' : 'NOT_EXERCISABLE';
      await waitFor(`option ${rack.serial} ${expected}`, async () => (await optionState(rack.serial)) === expected, {
        timeoutMs: 90_000,
        intervalMs: 250,
      });
    }
    // One rack bought: it passed and meets its cost targets.
    expectStatus(
      await as('fiona').post('/purchase-option/v1/options/RK-PG-P2-01/decision', {
        decision: 'EXERCISE',
        rationale: 'best figures of the programme',
      }),
      200,
      'exercise RK-PG-P2-01',
    );
    await waitFor('RK-PG-P2-01 exercised', async () => (await optionState('RK-PG-P2-01')) === 'EXERCISED', {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
  });

  it('every role has Programme in its navigation', async () => {
    for (const user of ['ines', 'tess', 'fiona', 'ada', 'vic']) {
      const page = await stack.browsers.signIn(user);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Programme', exact: true }).waitFor();
      await page.context().close();
    }
  });

  it('a viewer opens /programme: one column per generation with figures, charts and the domestic-content trend', async () => {
    const vic = await stack.browsers.signIn('vic');
    await vic.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Programme', exact: true }).click();
    await vic.getByRole('heading', { name: 'Programme', level: 1 }).waitFor();
    const table = vic.getByRole('table', { name: 'Figures per generation' });
    await table.getByRole('columnheader', { name: /P1/ }).waitFor();
    await table.getByRole('columnheader', { name: /P2/ }).waitFor();
    // Intake: three racks in P1, two in P2; the states drawn as bars, each a link.
    const received = table.getByRole('row', { name: /Racks received/ });
    expect(await received.getByRole('link').allInnerTexts()).toEqual(['3', '2']);
    await table.getByRole('list', { name: 'P1 racks by state' }).getByText('Evaluation failed').waitFor();
    await table.getByRole('list', { name: 'P2 runs by state' }).getByText('Completed').waitFor();
    await table.getByRole('list', { name: 'P1 aborts by cause' }).getByText('Facility').waitFor();
    // Results and finance.
    await table
      .getByRole('row', { name: /Evaluation pass rate/ })
      .getByText('50 %')
      .waitFor();
    await table
      .getByRole('row', { name: /First-pass yield/ })
      .getByText('100 %')
      .waitFor();
    await table.getByRole('img', { name: /^P1 training_throughput p10 .* against ≥ 3,000/ }).waitFor();
    await table
      .getByRole('row', { name: /Committed spend/ })
      .getByText('3,600,000.00 USD')
      .waitFor();
    await table
      .getByRole('row', { name: /TCO per performance unit/ })
      .getByText(/USD per tokens\/s median/)
      .first()
      .waitFor();
    await vic.getByRole('img', { name: /Domestic content per generation/ }).waitFor();
    await vic
      .getByRole('table', { name: /Suppliers/ })
      .getByRole('row', { name: /Foxconn/ })
      .waitFor();
    await vic
      .getByRole('table', { name: /Manufacturing lots/ })
      .getByRole('row', { name: /LOT-P1-A/ })
      .waitFor();
    await screenshot(vic, '20-programme-page');

    // A figure leads to the list behind it: P1's failed racks on the rack board, filtered to P1.
    await table
      .getByRole('list', { name: 'P1 racks by state' })
      .getByRole('link', { name: /Evaluation failed/ })
      .click();
    await vic.getByRole('heading', { name: 'Rack board' }).waitFor();
    expect(new URL(vic.url()).search).toBe('?generation=P1&state=EVALUATION_FAILED');
    await vic.getByRole('link', { name: 'RK-PG-P1-02' }).waitFor();
    // The filter shows P1 once the catalogue has loaded its choices.
    await waitFor('the board filtered to P1', async () => (await vic.getByLabel('Generation').inputValue()) === 'P1', {
      timeoutMs: 15_000,
      intervalMs: 100,
    });
    expect(await vic.getByRole('link', { name: 'RK-PG-P2-01' }).count()).toBe(0);
    await screenshot(vic, '21-programme-figure-to-rack-board');
  });

  it('the generation comparison opens filled: criteria side by side against their bands, value and time beside', async () => {
    const fiona = await stack.browsers.signIn('fiona');
    await fiona.getByRole('link', { name: 'Generations compared' }).click();
    await fiona.getByRole('heading', { name: 'Generations compared' }).waitFor();
    // Nothing typed: every criterion is drawn for both generations.
    await fiona
      .getByRole('img', { name: 'training_throughput per generation against each target band; the table beside has the figures' })
      .waitFor();
    await fiona
      .getByRole('img', { name: 'rack_power per generation against each target band; the table beside has the figures' })
      .waitFor();
    const throughput = fiona.getByRole('table', { name: 'training_throughput' });
    await throughput
      .getByRole('row', { name: /P1 ≥ 3,000 tokens\/s/ })
      .getByText('1 / 2')
      .waitFor();
    await throughput
      .getByRole('row', { name: /P2 ≥ 3,000 tokens\/s/ })
      .getByText('0 / 2')
      .waitFor();
    const side = fiona.getByRole('table', { name: 'Value, yield and time to verdict' });
    await side.getByRole('row', { name: /P2/ }).getByText('3,600,000.00 USD').waitFor();
    await side.getByRole('row', { name: /P1/ }).getByText('3,950,000.00 USD').waitFor();
    await side
      .getByRole('row', { name: /P2/ })
      .getByText(/USD\/tokens\/s/)
      .waitFor();
    expect(await fiona.getByRole('textbox', { name: 'Metric' }).inputValue()).toBe('');
    await screenshot(fiona, '22-generations-compared-filled');
  });
});
