import { TestTokens } from '@rackeval/auth/testing';
import { EventDefinition } from '@rackeval/contracts';
import { produceEvents, readTopic, RunningService, ServiceHarness, serviceRecipe } from '@rackeval/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { IntakeConfig } from '../src/config';
import { intakeService } from '../src/service';

export const STANDARD_CHECKS = ['shock-tilt-indicators', 'visual-damage', 'coolant-leak-test', 'power-on-self-test'];

export const recipe = serviceRecipe('intake', IntakeConfig, intakeService, AppModule);

/** One intake service per test file, with tokens for the seeded users. */
export class IntakeHarness extends ServiceHarness<IntakeConfig> {
  private constructor(
    service: RunningService<IntakeConfig>,
    tokens: TestTokens,
    private readonly bearer: Record<string, string>,
  ) {
    super(service, tokens);
  }

  static async start(env: Record<string, string> = {}): Promise<IntakeHarness> {
    const { service, tokens } = await ServiceHarness.boot(recipe, env);
    const bearer: Record<string, string> = {};
    for (const user of ['ines', 'ada', 'vic', 'tariq', 'fiona']) bearer[user] = `Bearer ${await tokens.token(user)}`;
    return new IntakeHarness(service, tokens, bearer);
  }

  post(path: string, as = 'ines') {
    return request(this.url).post(path).set('authorization', this.bearer[as]);
  }

  get(path: string, as = 'vic') {
    return request(this.url).get(path).set('authorization', this.bearer[as]);
  }

  async registerGeneration(code: string, targetPct = '50.00') {
    await this.post('/v1/generations', 'ada')
      .send({
        code,
        name: `Generation ${code}`,
        cooling: 'direct-liquid',
        rackPowerBudgetKw: '132.5',
        gpusPerRack: 72,
        domesticContentTargetPct: targetPct,
      })
      .expect(201);
  }

  /** Row counts of intake's own tables, to prove a refusal wrote nothing. */
  async counts(): Promise<Record<string, number>> {
    const [row] = await this.sql<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM delivery) AS deliveries, (SELECT count(*)::int FROM rack) AS racks,
              (SELECT count(*)::int FROM bom_line) AS bom_lines, (SELECT count(*)::int FROM rack_history) AS history,
              (SELECT count(*)::int FROM inspection) AS inspections, (SELECT count(*)::int FROM outbox_message) AS outbox`,
    );
    return row;
  }

  /** Outbox rows not yet on Kafka. */
  async unpublished(): Promise<number> {
    const [row] = await this.sql<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NULL`);
    return row.n;
  }

  /** Ids of lifecycle events held back until the rack can take them. */
  async deferred(): Promise<string[]> {
    return (await this.sql<{ event_id: string }>(`SELECT event_id FROM deferred_rack_event`)).map((row) => row.event_id);
  }

  /** Event ids deferred and not yet resolved. */
  async unresolvedDeferrals(): Promise<string[]> {
    return (await this.sql<{ event_id: string }>(`SELECT event_id FROM deferred_rack_event WHERE resolved_at IS NULL`)).map(
      (row) => row.event_id,
    );
  }

  /** Which of these event ids the inbox has processed (applied or ignored, not dead-lettered). */
  async consumed(ids: string[]): Promise<string[]> {
    return (await this.sql<{ event_id: string }>(`SELECT event_id FROM inbox_event WHERE event_id = ANY($1)`, [ids])).map(
      (row) => row.event_id,
    );
  }

  async eventsAbout(topic: string, serial: string) {
    return (await readTopic(topic))
      .filter((message) => message.key === serial)
      .map((m) => ({ type: m.headers.ce_type, data: JSON.parse(m.value!) }));
  }

  /** Publishes another service's event onto its topic, as that service would. */
  async produce<T extends object>(definition: EventDefinition<T>, data: T, id = randomUUID()): Promise<string> {
    await produceEvents(definition, [data], { id });
    return id;
  }
}

export function bomLine(overrides: Record<string, unknown> = {}) {
  return {
    partNumber: 'GPU-B200',
    category: 'compute',
    quantity: 8,
    unitCost: '30000.00',
    currency: 'USD',
    supplier: 'Acme',
    countryOfOrigin: 'US',
    ...overrides,
  };
}

export function delivery(reference: string, racks: Array<{ serial: string; generation: string; bom?: object[] }>, site = 'US-TX-1') {
  return {
    reference,
    site,
    receivedAt: '2026-11-20T14:05:00Z',
    racks: racks.map((rack) => ({
      lot: 'LOT-A',
      bom: [bomLine(), bomLine({ partNumber: 'NIC-1', category: 'networking', quantity: 2, unitCost: '10000.00', countryOfOrigin: 'TW' })],
      ...rack,
    })),
  };
}

export function checks(failed: string[] = []) {
  return STANDARD_CHECKS.map((name) => ({ name, passed: !failed.includes(name) }));
}
