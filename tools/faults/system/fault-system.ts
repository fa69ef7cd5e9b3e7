import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { OwnPostgres } from '../infra/own-postgres';
import { FAULT_BROKERS, FAULT_CLUSTER, FAULT_KAFKA_SASL, faultPostgresUrl } from '../support/env';
import { ServiceInstance, ServiceName } from './service-instance';
import { copyTemplate } from './template-database';

export const SERVICE_NAMES: readonly ServiceName[] = ['intake', 'test-run', 'results', 'purchase-option'];
export const schemaOf = (service: ServiceName) => service.replace(/-/g, '_');

/** The topics of one scenario: each scenario has a prefix of its own, so no record leaks into the next. */
export function topicsFor(prefix: string) {
  return {
    intakeRacks: `${prefix}rackeval.intake.rack-events`,
    testRunRuns: `${prefix}rackeval.test-run.run-events`,
    resultsEvaluations: `${prefix}rackeval.results.evaluation-events`,
    purchaseOptions: `${prefix}rackeval.purchase-option.option-events`,
    deadLetters: (service: ServiceName) => `${prefix}rackeval.${service}.dead-letters`,
  };
}

export interface ScenarioSetting {
  scenario: string;
  /** Topic prefix, consumer groups and database are all this scenario's own. */
  prefix: string;
  database: string;
  artifactDir: string;
  publicKeyFile: string;
}

/** A service process's environment: the scenario's database, topics and group, the suite's broker. */
export function serviceEnv(
  setting: ScenarioSetting,
  pgPort: number,
  service: ServiceName,
  clientId: string,
  port: number,
): Record<string, string> {
  const schema = schemaOf(service);
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    // Each role with its own password (template-database.ts sets them).
    DATABASE_URL: faultPostgresUrl(`rackeval_${schema}`, setting.database, pgPort),
    DATABASE_MIGRATION_URL: faultPostgresUrl(`rackeval_${schema}_owner`, setting.database, pgPort),
    DATABASE_SCHEMA: schema,
    DATABASE_POOL_SIZE: '5',
    KAFKA_BROKERS: FAULT_BROKERS,
    KAFKA_SASL_USERNAME: FAULT_KAFKA_SASL.username,
    KAFKA_SASL_PASSWORD: FAULT_KAFKA_SASL.password,
    KAFKA_CLIENT_ID: clientId,
    KAFKA_GROUP_ID: `faults-${setting.scenario}-${service}`,
    KAFKA_TOPIC_PREFIX: setting.prefix,
    KAFKA_PARTITIONS: '3',
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    OUTBOX_POLL_MS: '100',
    AUTH_MODE: 'local',
    AUTH_LOCAL_PUBLIC_KEY_FILE: setting.publicKeyFile,
    LAPSE_SWEEP_INTERVAL_SECONDS: '2',
  };
}

/**
 * The four services for one scenario, purchase-option twice in one consumer group (two members
 * to rebalance between), on a fresh copy of the template database (see template-database.ts).
 */
export class FaultSystem {
  readonly instances: ServiceInstance[] = [];
  supervising = true;
  private nextPort = 24101;

  constructor(
    readonly setting: ScenarioSetting,
    readonly pg: OwnPostgres,
  ) {}

  groupId(service: ServiceName): string {
    return serviceEnv(this.setting, this.pg.port, service, '', 0).KAFKA_GROUP_ID;
  }

  get topics() {
    return topicsFor(this.setting.prefix);
  }

  /** Adds (and starts) one more process of `service`; `suffix` names it, e.g. purchase-option-b. */
  add(service: ServiceName, suffix: string): ServiceInstance {
    mkdirSync(this.setting.artifactDir, { recursive: true });
    const id = `${service}-${suffix}`;
    const port = this.nextPort++;
    const instance = new ServiceInstance(
      id,
      service,
      port,
      serviceEnv(this.setting, this.pg.port, service, `faults-${this.setting.scenario}-${id}`, port),
      path.join(this.setting.artifactDir, `${id}.log`),
      () => this.supervising,
    );
    this.instances.push(instance);
    instance.start();
    return instance;
  }

  async startAll(): Promise<void> {
    await copyTemplate(this.pg, this.setting.database);
    for (const service of SERVICE_NAMES) this.add(service, 'a');
    // On the cluster every service runs twice; otherwise purchase-option alone has a partner.
    for (const service of FAULT_CLUSTER ? SERVICE_NAMES : ['purchase-option' as const]) this.add(service, 'b');
    // Eight processes compiling from source at once take minutes on two loaded cores.
    await Promise.all(this.instances.map((instance) => instance.waitHealthy(FAULT_CLUSTER ? 300_000 : 90_000)));
  }

  of(service: ServiceName): ServiceInstance[] {
    return this.instances.filter((instance) => instance.service === service);
  }

  /** Processes meant to be running now (not stopped on purpose by the rebalance storm). */
  live(): ServiceInstance[] {
    return this.instances.filter((instance) => instance.alive);
  }

  async stopAll(): Promise<void> {
    this.supervising = false;
    await Promise.all(this.instances.map((instance) => instance.stop()));
  }
}
