import { TestTokens } from '@rackeval/auth/testing';
import {
  EventDefinition,
  RackFactV1,
  RackReceived,
  RackReleased,
  RackReturned,
  RackStateChanged,
  RackState,
  Topics,
} from '@rackeval/contracts';
import { produceEvents, rackReceivedData, readTopic, RunningService, ServiceHarness, serviceRecipe, waitFor } from '@rackeval/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { TestRunConfig } from '../../src/config';
import { testRunService } from '../../src/service';

export const USERS = { admin: 'ada', engineer: 'tariq', engineer2: 'tess', viewer: 'vic', intake: 'ines', finance: 'fiona' } as const;
type UserRole = keyof typeof USERS;

export const recipe = serviceRecipe('test-run', TestRunConfig, testRunService, AppModule);

/** Boots test-run on its own schema and topics and speaks for intake on the intake topic. */
export class TestRunHarness extends ServiceHarness<TestRunConfig> {
  private constructor(
    service: RunningService<TestRunConfig>,
    tokens: TestTokens,
    private readonly bearer: Record<UserRole, string>,
  ) {
    super(service, tokens);
  }

  static async start(env: Record<string, string> = {}): Promise<TestRunHarness> {
    const { service, tokens } = await ServiceHarness.boot(recipe, env);
    const bearer = {} as Record<UserRole, string>;
    for (const [role, user] of Object.entries(USERS)) bearer[role as UserRole] = `Bearer ${await tokens.token(user)}`;
    return new TestRunHarness(service, tokens, bearer);
  }

  as(role: UserRole) {
    const auth = this.bearer[role];
    return {
      get: (path: string) => request(this.url).get(path).set('authorization', auth),
      post: (path: string, body?: object) => request(this.url).post(path).set('authorization', auth).send(body),
      put: (path: string, body?: object) => request(this.url).put(path).set('authorization', auth).send(body),
    };
  }

  /** Publishes intake's events exactly as intake's outbox relay would (binary CloudEvents, keyed by subject). */
  async produceIntake<T extends object>(definition: EventDefinition<T>, ...data: T[]): Promise<void> {
    await produceEvents(definition, data, { topic: Topics.intakeRacks, source: 'rackeval/intake' });
  }

  /** One intake event stamped with an earlier publish time, as a dead letter replayed late would be; returns its id. */
  async produceIntakeAt<T extends object>(definition: EventDefinition<T>, time: Date, payload: T): Promise<string> {
    const [{ id }] = await produceEvents(definition, [payload], { topic: Topics.intakeRacks, source: 'rackeval/intake', time });
    await waitFor(`event ${id} consumed`, () =>
      this.sql(`SELECT 1 FROM inbox_event WHERE event_id = $1`, [id]).then((rows) => rows.length === 1),
    );
    return id;
  }

  async receiveRack(serial: string, generation = 'G1', site = 'PDX-1'): Promise<void> {
    await this.produceIntake(RackReceived, rackReceivedData(serial, { generation, site }));
    await this.untilRackIs(serial, 'RECEIVED');
  }

  async releaseRack(serial: string, generation = 'G1', site = 'PDX-1'): Promise<void> {
    await this.produceIntake(RackReleased, { ...fact(serial, generation), site });
    await this.untilRackIs(serial, 'RELEASED_FOR_EVALUATION');
  }

  async returnRack(serial: string, generation = 'G1'): Promise<void> {
    await this.produceIntake(RackReturned, { ...fact(serial, generation), reason: 'declined' });
    await this.untilRackIs(serial, 'RETURNED');
  }

  async changeRackState(serial: string, from: RackState, to: RackState, generation = 'G1'): Promise<void> {
    await this.produceIntake(RackStateChanged, { ...fact(serial, generation), from, to, reason: 'moved by intake' });
    await this.untilRackIs(serial, to);
  }

  async untilRackIs(serial: string, state: RackState): Promise<void> {
    await waitFor(`rack ${serial} ${state} in the read model`, () =>
      this.sql(`SELECT state FROM known_rack WHERE serial = $1`, [serial]).then((rows) => rows[0]?.state === state),
    );
  }

  async publishPlan(generation: string, suites: object[]): Promise<request.Response> {
    return this.as('admin').put(`/v1/test-plans/${generation}`, { suites }).expect(200);
  }

  async createBay(code: string, site = 'PDX-1'): Promise<void> {
    await this.as('admin').post('/v1/bays', { code, site }).expect(201);
  }

  async runCount(rackSerial?: string): Promise<number> {
    const rows = await this.sql(`SELECT count(*)::int AS n FROM run WHERE $1::text IS NULL OR rack_serial = $1`, [rackSerial ?? null]);
    return rows[0].n as number;
  }

  /** test-run's events about one rack (or generation), oldest first. */
  async eventsFor(subject: string): Promise<Array<{ type: string; data: Record<string, unknown>; headers: Record<string, string> }>> {
    return (await readTopic(Topics.testRunRuns))
      .filter((message) => message.key === subject)
      .map((message) => ({ type: message.headers.ce_type, data: JSON.parse(message.value ?? 'null'), headers: message.headers }));
  }
}

function fact(serial: string, generation: string): RackFactV1 {
  return { rackSerial: serial, generation, occurredAt: new Date().toISOString(), actor: 'ines' };
}
