import { randomUUID } from 'node:crypto';
import { TestTokens } from '@rackeval/auth/testing';
import {
  CloudEvent,
  EventDefinition,
  RunAborted,
  RunCompleted,
  RunFactV1,
  RunScheduled,
  RackReceived,
  RackReceivedV1,
  RunStarted,
  TestPlanPublished,
  TestSuiteV1,
  Topics,
  toKafkaRecord,
} from '@rackeval/contracts';
import {
  produceEvents,
  produceRaw,
  rackReceivedData,
  readTopic,
  RunningService,
  ServiceHarness,
  serviceRecipe,
  waitFor,
} from '@rackeval/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { ResultsConfig } from '../../src/config';
import { resultsService } from '../../src/service';

export const PLAN: TestSuiteV1[] = [
  { key: 'burn-in', name: 'Burn-in', required: true, maxAttempts: 2, metrics: ['rack.power', 'training.tokens_per_s'] },
  { key: 'thermal-soak', name: 'Thermal soak', required: true, maxAttempts: 1, metrics: ['coolant.inlet_temp'] },
  { key: 'fabric-bandwidth', name: 'Fabric bandwidth', required: false, maxAttempts: 1, metrics: ['fabric.bandwidth'] },
];

export const CRITERIA = [
  { metric: 'training.tokens_per_s', unit: 'tokens/s', comparator: 'gte', min: 1000, required: true, category: 'performance' },
  { metric: 'rack.power', unit: 'kW', comparator: 'lte', max: 120, required: true, category: 'power' },
  {
    metric: 'coolant.inlet_temp',
    unit: 'C',
    comparator: 'between',
    min: 18,
    max: 32,
    required: true,
    category: 'thermal',
    aggregation: 'p95',
  },
  { metric: 'fabric.bandwidth', unit: 'Gbit/s', comparator: 'gte', min: 400, required: false, category: 'network' },
];

/** A rack's 3 kW power shelf as its BOM lists it; the findings specs suspect it. */
export const PSU_LINE = { partNumber: 'PSU-3KW-A', category: 'power', quantity: 6, supplier: 'Delta Electronics', countryOfOrigin: 'TW' };
/** The BOM of the findings specs' racks: the PSU and a coolant distribution unit. */
export const BOM = [PSU_LINE, { partNumber: 'CDU-LC-2', category: 'cooling', quantity: 1, supplier: 'CoolIT', countryOfOrigin: 'CA' }];
/** The PSU as a finding triaged on it at shelf 2 names it: its BOM line's part, supplier, origin and category, and where it sits. */
export const PSU_ON_SHELF_2 = {
  partNumber: PSU_LINE.partNumber,
  supplier: PSU_LINE.supplier,
  countryOfOrigin: PSU_LINE.countryOfOrigin,
  category: PSU_LINE.category,
  location: 'PSU shelf 2',
};

/** The one finding of `findings`, matching `expected`: a spec that expects a single finding fails on a second one. */
export function onlyFinding(findings: any[], expected: object): any {
  const [finding, ...others] = findings;
  expect(others).toEqual([]);
  expect(finding).toMatchObject(expected);
  return finding;
}

export const recipe = serviceRecipe('results', ResultsConfig, resultsService, AppModule);

/** A results service on its own schema and topics, driven through HTTP and test-run's events. */
export class ResultsHarness extends ServiceHarness<ResultsConfig> {
  private constructor(service: RunningService<ResultsConfig>, tokens: TestTokens) {
    super(service, tokens);
  }

  static async start(env: Record<string, string> = {}): Promise<ResultsHarness> {
    const { service, tokens } = await ServiceHarness.boot(recipe, env);
    return new ResultsHarness(service, tokens);
  }

  async as(user: string) {
    const token = await this.tokens.token(user);
    const auth = (test: request.Test) => test.set('authorization', `Bearer ${token}`);
    return {
      get: (path: string) => auth(request(this.url).get(path)),
      post: (path: string) => auth(request(this.url).post(path)),
      put: (path: string) => auth(request(this.url).put(path)),
    };
  }

  async publishCriteria(generation: string, criteria: object[] = CRITERIA): Promise<number> {
    await this.learnGeneration(generation);
    const admin = await this.as('ada');
    const response = await admin.put(`/v1/criteria/${generation}`).send({ criteria }).expect(200);
    return response.body.version;
  }

  async emit<T extends object>(definition: EventDefinition<T>, data: T): Promise<CloudEvent<T>> {
    return this.emitFrom('rackeval/test-run', Topics.testRunRuns, definition, data);
  }

  /** An event as another service publishes it, on that service's topic. */
  async emitFrom<T extends object>(source: string, topic: string, definition: EventDefinition<T>, data: T): Promise<CloudEvent<T>> {
    const [event] = await produceEvents(definition, [data], { topic, source });
    return event;
  }

  async publishPlan(generation: string, suites: TestSuiteV1[] = PLAN, version = 1) {
    await this.emit(TestPlanPublished, { generation, version, suites, publishedAt: new Date().toISOString() });
  }

  fact(rackSerial: string, generation: string, suiteKey: string, attempt = 1): RunFactV1 {
    const suite = PLAN.find((s) => s.key === suiteKey)!;
    return {
      runId: randomUUID(),
      rackSerial,
      generation,
      suite: suite.key,
      attempt,
      maxAttempts: suite.maxAttempts,
      required: suite.required,
      planVersion: 1,
      metrics: suite.metrics,
      bay: 'BAY-1',
      site: 'us-west',
      occurredAt: new Date().toISOString(),
      actor: 'tariq',
    };
  }

  /** Schedules and starts a run, and waits until results knows it as RUNNING (a batch is then accepted). */
  async startRun(fact: RunFactV1): Promise<RunFactV1> {
    await this.emit(RunScheduled, fact);
    await this.emit(RunStarted, { ...fact, occurredAt: new Date().toISOString() });
    await waitFor(`run ${fact.runId} running`, () => this.runState(fact.runId).then((state) => state === 'RUNNING'));
    return fact;
  }

  /**
   * Starts the run, logs a rack.power over the criterion's 120 kW (and good tokens/s) and completes it:
   * the run fails on rack.power and opens its finding.
   */
  async failBurnIn(fact: RunFactV1): Promise<RunFactV1> {
    await this.startRun(fact);
    const measurements = [
      { metric: 'rack.power', value: 150, unit: 'kW' },
      { metric: 'training.tokens_per_s', value: 1500, unit: 'tokens/s' },
    ];
    await (await this.as('tess')).post(`/v1/runs/${fact.runId}/measurements`).send({ measurements }).expect(201);
    await this.completeRun(fact);
    return fact;
  }

  /** The findings of a run, as a viewer lists them. */
  async findingsOfRun(runId: string): Promise<any[]> {
    return (await (await this.as('vic')).get(`/v1/findings?run=${runId}`).expect(200)).body.items;
  }

  /** The findings a run opened, once there are any. */
  findingsOpenedBy(runId: string): Promise<any[]> {
    return waitFor(`findings of run ${runId}`, async () => {
      const items = await this.findingsOfRun(runId);
      return items.length ? items : undefined;
    });
  }

  async completeRun(fact: RunFactV1) {
    return this.emit(RunCompleted, { ...fact, occurredAt: new Date().toISOString() });
  }

  /** The same event again, as Kafka may deliver it after a consumer crash. */
  async redeliver(event: CloudEvent<object>) {
    await produceRaw(Topics.testRunRuns, [toKafkaRecord(event)]);
  }

  async abortRun(fact: RunFactV1, reason = 'bay power loss') {
    await this.emit(RunAborted, { ...fact, reason, occurredAt: new Date().toISOString() });
  }

  async verdictOf(runId: string) {
    const viewer = await this.as('vic');
    return waitFor(`verdict of ${runId}`, async () => {
      const response = await viewer.get(`/v1/runs/${runId}/verdict`);
      return response.status === 200 ? response.body : undefined;
    });
  }

  /** Intake's RackReceived for a rack (with its BOM lines when given), once findings know the rack. */
  async receiveRack(rackSerial: string, generation: string, lot: string, bom?: RackReceivedV1['bom']): Promise<void> {
    const data = rackReceivedData(rackSerial, {
      generation,
      lot,
      site: 'us-west',
      domesticContentPct: '40.00',
      domesticContentTargetPct: '50.00',
      bomCost: '100000.00',
      ...(bom ? { bom } : {}),
    });
    await this.emitFrom('rackeval/intake', Topics.intakeRacks, RackReceived, data);
    await waitFor(
      `${rackSerial} known to findings`,
      async () => (await this.sql(`SELECT 1 FROM finding_rack WHERE rack_serial = $1`, [rackSerial])).length === 1,
    );
  }

  async eventsOfType(type: string): Promise<Array<{ key: string | null; data: Record<string, unknown> }>> {
    return (await readTopic(Topics.resultsEvaluations))
      .filter((m) => m.headers.ce_type === type)
      .map((m) => ({ key: m.key, data: JSON.parse(m.value!) }));
  }

  async measurementCount(runId: string): Promise<number> {
    const [row] = await this.sql<{ n: number }>(`SELECT count(*)::int AS n FROM measurement WHERE run_id = $1`, [runId]);
    return row.n;
  }

  private async runState(runId: string): Promise<string | undefined> {
    const [row] = await this.sql<{ state: string }>(`SELECT state FROM run WHERE run_id = $1`, [runId]);
    return row?.state;
  }
}
