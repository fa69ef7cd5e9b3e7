import { TestTokens } from '@rackeval/auth/testing';
import {
  CloudEvent,
  GenerationRegistered,
  RackEvaluationCompleted,
  RackEvaluationCompletedV1,
  RackReceived,
  RackReceivedV1,
  Topics,
  toKafkaRecord,
} from '@rackeval/contracts';
import {
  produceRaw,
  readTopic,
  RunningService,
  generationRegisteredData,
  ServiceHarness,
  serviceRecipe,
  startTestService,
  testEvent,
  waitFor,
  withDatabase,
} from '@rackeval/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { PurchaseOptionConfig } from '../src/config';
import { purchaseOptionService } from '../src/service';

export const recipe = serviceRecipe('purchase-option', PurchaseOptionConfig, purchaseOptionService, AppModule);

/** Each started service's schema by URL: Api waits there until the service has learnt a generation. */
const schemaByUrl = new Map<string, string>();

export const start = async (tokens: TestTokens, env: Record<string, string> = {}): Promise<RunningService<PurchaseOptionConfig>> => {
  const service = await startTestService(recipe, { publicKeyFile: tokens.publicKeyFile, env });
  schemaByUrl.set(service.url, service.config.DATABASE_SCHEMA);
  return service;
};

/** The service, started once for the test file with its own tokens and an Api on it; stopped, its topics deleted, after the file. */
export interface StartedService {
  tokens: TestTokens;
  service: RunningService<PurchaseOptionConfig>;
  api: Api;
}

/** Registers the start and stop of the file's service (call it at the top of a describe); its fields are set once beforeAll has run. */
export function startedService(env: Record<string, string> = {}): StartedService {
  const started = {} as StartedService;
  let harness: ServiceHarness<PurchaseOptionConfig> | undefined;
  beforeAll(async () => {
    harness = await ServiceHarness.started(recipe, env);
    const { service, tokens } = harness;
    schemaByUrl.set(service.url, service.config.DATABASE_SCHEMA);
    Object.assign(started, { service, tokens, api: new Api(service.url, tokens) });
  });
  afterAll(() => harness?.dispose());
  return started;
}

export function rackReceived(rackSerial: string, generation: string, overrides: Partial<RackReceivedV1> = {}): RackReceivedV1 {
  return {
    rackSerial,
    generation,
    occurredAt: '2026-01-05T09:00:00.000Z',
    actor: 'ines',
    deliveryReference: `DEL-${rackSerial}`,
    site: 'AUS-1',
    lot: 'LOT-7',
    domesticContentPct: '62.50',
    domesticContentTargetPct: '60.00',
    bomCost: '840000.00',
    bomCurrency: 'USD',
    ...overrides,
  };
}

export function evaluationCompleted(
  rackSerial: string,
  generation: string,
  overrides: Partial<RackEvaluationCompletedV1> = {},
): RackEvaluationCompletedV1 {
  return {
    rackSerial,
    generation,
    outcome: 'PASSED',
    criteriaMet: 12,
    criteriaTotal: 12,
    performance: { metric: 'training_throughput', unit: 'tokens/s', measured: 3200, target: 3000 },
    power: { metric: 'rack_power', unit: 'kW', measured: 118.4, target: 120 },
    performancePerWatt: { metric: 'throughput_per_watt', unit: 'tokens/s/W', measured: 0.027, target: 0.025 },
    failedSuites: [],
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

export const sendReceived = (...events: Array<CloudEvent<RackReceivedV1>>) => produceRaw(Topics.intakeRacks, events.map(toKafkaRecord));
export const sendEvaluation = (...events: Array<CloudEvent<RackEvaluationCompletedV1>>) =>
  produceRaw(Topics.resultsEvaluations, events.map(toKafkaRecord));

export const received = (serial: string, generation: string, overrides: Partial<RackReceivedV1> = {}) =>
  testEvent(RackReceived, rackReceived(serial, generation, overrides));
export const evaluated = (serial: string, generation: string, overrides: Partial<RackEvaluationCompletedV1> = {}) =>
  testEvent(RackEvaluationCompleted, evaluationCompleted(serial, generation, overrides));

/** An HTTP client bound to a service and a seeded user. */
export class Api {
  constructor(
    readonly url: string,
    private readonly tokens: TestTokens,
  ) {}

  async as(username: string) {
    const token = await this.tokens.token(username);
    const url = this.url;
    return {
      get: (path: string) => request(url).get(path).set('authorization', `Bearer ${token}`),
      put: (path: string, body: object) => request(url).put(path).set('authorization', `Bearer ${token}`).send(body),
      post: (path: string, body: object) => request(url).post(path).set('authorization', `Bearer ${token}`).send(body),
    };
  }

  /** Intake registers the generations (GenerationRegistered); waits until this service knows them (terms need it). */
  async registerGenerations(...codes: string[]) {
    const events = codes.map((code) => testEvent(GenerationRegistered, generationRegisteredData(code)));
    await produceRaw(Topics.intakeRacks, events.map(toKafkaRecord));
    const schema = schemaByUrl.get(this.url)!;
    await waitFor(
      `generations ${codes.join(', ')} known`,
      async () => (await countRows(schema, 'known_generation', `code = ANY($1)`, [codes])) === codes.length,
    );
  }

  /** Terms in effect: proposed by one finance/admin user and approved by another (four-eyes), for a generation intake registered. */
  async activeTerms(generation: string, terms: object, proposer = 'fiona', approver = 'farid') {
    await this.registerGenerations(generation);
    const proposed = await (await this.as(proposer)).put(`/v1/terms/${generation}`, terms);
    if (proposed.status === 200 && proposed.body.status === 'ACTIVE') return proposed.body;
    if (proposed.status !== 201) throw new Error(`proposing terms for ${generation}: ${proposed.status} ${JSON.stringify(proposed.body)}`);
    const approved = await (
      await this.as(approver)
    )
      .post(`/v1/terms/${generation}/versions/${proposed.body.version}/approval`, { approve: true, note: 'checked against the contract' })
      .expect(200);
    return approved.body;
  }

  async option(serial: string) {
    return (await (await this.as('vic')).get(`/v1/options/${serial}`)).body;
  }

  /** Waits until the option exists (and, if given, is in `state`). */
  async waitForOption(serial: string, state?: string) {
    const viewer = await this.as('vic');
    return waitFor(`option ${serial}${state ? ` in ${state}` : ''}`, async () => {
      const response = await viewer.get(`/v1/options/${serial}`);
      return response.status === 200 && (!state || response.body.state === state) ? response.body : undefined;
    });
  }
}

/** Our events about one rack, decoded, in topic order. */
export async function optionEvents(serial: string): Promise<Array<{ type: string; data: Record<string, unknown> }>> {
  return (await readTopic(Topics.purchaseOptions))
    .filter((message) => message.key === serial)
    .sort((a, b) => Number(BigInt(a.offset) - BigInt(b.offset)))
    .map((message) => ({ type: message.headers.ce_type, data: JSON.parse(message.value ?? 'null') }));
}

export const countRows = (schema: string, table: string, where = 'true', params: unknown[] = []) =>
  withDatabase(async (client) =>
    Number((await client.query(`SELECT count(*) AS n FROM "${schema}".${table} WHERE ${where}`, params)).rows[0].n),
  );
