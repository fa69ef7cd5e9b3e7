import { RackCorrected, RunFactV1, Topics } from '@rackeval/contracts';
import { waitFor } from '@rackeval/testing';
import { PLAN, ResultsHarness } from './support/results.harness';

const GENERATION = 'PF1';
const BOM_A = [
  { partNumber: 'PSU-3KW-A', category: 'power', quantity: 6, supplier: 'Delta', countryOfOrigin: 'TW' },
  { partNumber: 'CDU-LC-2', category: 'cooling', quantity: 1, supplier: 'CoolIT', countryOfOrigin: 'CA' },
];
const BOM_B = [{ partNumber: 'PSU-3KW-V', category: 'power', quantity: 6, supplier: 'Vertiv', countryOfOrigin: 'US' }];

/** Findings feed the supplier and lot scorecards: results' programme figures count them by failure class and state. */
describe('results: programme findings by lot and by supplier', () => {
  let sut: ResultsHarness;

  const open = async (rackSerial: string, title: string): Promise<string> =>
    (await (await sut.as('tess')).post('/v1/findings').send({ rackSerial, title }).expect(201)).body.id;
  const step = async (id: string, action: string, body: object = {}) =>
    (await sut.as('tess')).post(`/v1/findings/${id}/${action}`).send(body).expect(200);
  const triage = (id: string, failureClass: string, partNumber: string) => step(id, 'triage', { failureClass, component: { partNumber } });

  const failBurnIn = async (fact: RunFactV1) => {
    await sut.failBurnIn(fact);
    await sut.findingsOpenedBy(fact.runId);
  };

  beforeAll(async () => {
    sut = await ResultsHarness.start();
    await sut.publishCriteria(GENERATION);
    await sut.publishPlan(GENERATION, [PLAN[0]]);
    await sut.receiveRack('RK-PF-1', GENERATION, 'LOT-A', BOM_A);
    await sut.receiveRack('RK-PF-2', GENERATION, 'LOT-A', BOM_A);
    await sut.receiveRack('RK-PF-3', GENERATION, 'LOT-B', BOM_B);

    // RK-PF-1: a PSU fault still triaged (open), a cooling one closed without a fix.
    await triage(await open('RK-PF-1', 'PSU shelf 2 droops under load'), 'POWER', 'PSU-3KW-A');
    const coolant = await open('RK-PF-1', 'CDU flow alarm');
    await triage(coolant, 'THERMAL', 'CDU-LC-2');
    await step(coolant, 'wont-fix', { note: 'sensor noise, within spec' });
    // RK-PF-2: a PSU fault fixed and verified; another not triaged yet.
    const fixed = await open('RK-PF-2', 'PSU shelf 1 tripped');
    await triage(fixed, 'POWER', 'PSU-3KW-A');
    await step(fixed, 'report');
    await step(fixed, 'propose-fix', { note: 'firmware 2.15 on the shelf controller' });
    await step(fixed, 'verify');
    await open('RK-PF-2', 'fan 3 slow to spin up');
    // RK-PF-3: a Vertiv PSU fault reported to the manufacturer, and a failed burn-in's automatic finding.
    const vertiv = await open('RK-PF-3', 'PSU efficiency below datasheet');
    await triage(vertiv, 'POWER', 'PSU-3KW-V');
    await step(vertiv, 'report');
    await failBurnIn(sut.fact('RK-PF-3', GENERATION, 'burn-in', 1));
    // Intake corrects RK-PF-3's lot: its findings count in the rack's lot as it is now.
    await sut.emitFrom('rackeval/intake', Topics.intakeRacks, RackCorrected, {
      ...{ rackSerial: 'RK-PF-3', generation: GENERATION, occurredAt: new Date().toISOString(), actor: 'ines', site: 'us-west' },
      ...{ domesticContentPct: '40.00', domesticContentTargetPct: '50.00', bomCost: '100000.00', bomCurrency: 'USD' },
      changed: ['lot'],
      reason: 'lot label misread at the dock',
      lot: 'LOT-C',
      bom: BOM_B,
    });
    await waitFor(
      'lot corrected',
      async () => (await sut.sql(`SELECT 1 FROM finding_rack WHERE rack_serial = 'RK-PF-3' AND lot = 'LOT-C'`)).length === 1,
    );
  });
  afterAll(() => sut?.dispose());

  it("counts each lot's findings by failure class and by state, open being any state but VERIFIED and WONT_FIX", async () => {
    const { body } = await (await sut.as('vic')).get(`/v1/programme?generation=${GENERATION}`).expect(200);
    const [figures] = body.generations;
    expect(figures.findingsByLot).toEqual([
      {
        lot: 'LOT-A',
        findings: 4,
        open: 2,
        byClass: [
          { failureClass: 'POWER', findings: 2, open: 1 },
          { failureClass: 'THERMAL', findings: 1, open: 0 },
          { failureClass: null, findings: 1, open: 1 },
        ],
        byState: [
          { state: 'OPEN', findings: 1 },
          { state: 'TRIAGED', findings: 1 },
          { state: 'VERIFIED', findings: 1 },
          { state: 'WONT_FIX', findings: 1 },
        ],
      },
      {
        lot: 'LOT-C',
        findings: 2,
        open: 2,
        byClass: [
          { failureClass: 'POWER', findings: 1, open: 1 },
          { failureClass: null, findings: 1, open: 1 },
        ],
        byState: [
          { state: 'OPEN', findings: 1 },
          { state: 'REPORTED_TO_MANUFACTURER', findings: 1 },
        ],
      },
    ]);
  });

  it('counts findings under the supplier of the BOM line they were triaged on; untriaged ones have no supplier and come last', async () => {
    const { body } = await (await sut.as('fiona')).get('/v1/programme').expect(200);
    const figures = body.generations.find((g: { generation: string }) => g.generation === GENERATION);
    expect(figures.findingsBySupplier).toEqual([
      {
        supplier: 'Delta',
        findings: 2,
        open: 1,
        byClass: [{ failureClass: 'POWER', findings: 2, open: 1 }],
        byState: [
          { state: 'TRIAGED', findings: 1 },
          { state: 'VERIFIED', findings: 1 },
        ],
      },
      {
        supplier: 'Vertiv',
        findings: 1,
        open: 1,
        byClass: [{ failureClass: 'POWER', findings: 1, open: 1 }],
        byState: [{ state: 'REPORTED_TO_MANUFACTURER', findings: 1 }],
      },
      {
        supplier: 'CoolIT',
        findings: 1,
        open: 0,
        byClass: [{ failureClass: 'THERMAL', findings: 1, open: 0 }],
        byState: [{ state: 'WONT_FIX', findings: 1 }],
      },
      {
        supplier: null,
        findings: 2,
        open: 2,
        byClass: [{ failureClass: null, findings: 2, open: 2 }],
        byState: [{ state: 'OPEN', findings: 2 }],
      },
    ]);
  });
});
