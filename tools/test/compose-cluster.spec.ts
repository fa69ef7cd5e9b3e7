/**
 * The `cluster` profile of docker-compose.yml (`docker compose --profile cluster up`), checked
 * offline (no Docker engine here): three KRaft brokers that survive the loss of one without losing
 * an acknowledged event, the single broker's users and ACLs, two instances of every service behind
 * the gateway, and no wire between the two layouts.
 */
import { kafkaSaslOf, loadConfig } from '@rackeval/platform';
import { GatewayConfig } from '../../apps/gateway/src/config';
import { brokerUsers, compose, environmentOf, service, SERVICES, variablesOf } from './support/compose';

const inCluster = Object.keys(compose.services).filter((name) => service(name).profiles?.includes('cluster'));
const BROKERS = ['kafka-1', 'kafka-2', 'kafka-3'];
const CLUSTER_BOOTSTRAP = BROKERS.map((broker) => `${broker}:9092`).join(',');
const instancesOf = (name: string) => inCluster.filter((other) => new RegExp(`^cluster-${name}-\\d+$`).test(other));

describe('docker-compose profile cluster: brokers', () => {
  it('runs three brokers, each controller and broker, in one quorum of the three voters', () => {
    const voters = BROKERS.map((broker) => environmentOf(broker).KAFKA_CONTROLLER_QUORUM_VOTERS);
    const ids = BROKERS.map((broker) => environmentOf(broker).KAFKA_NODE_ID);

    expect(BROKERS.every((broker) => inCluster.includes(broker))).toBe(true);
    expect(new Set(ids).size).toBe(3);
    expect(new Set(voters)).toEqual(new Set([BROKERS.map((broker, i) => `${ids[i]}@${broker}:9093`).join(',')]));
    expect(new Set(BROKERS.map((broker) => environmentOf(broker).CLUSTER_ID)).size).toBe(1);
    for (const broker of BROKERS) {
      expect(environmentOf(broker)).toMatchObject({
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_ADVERTISED_LISTENERS: `SASL_PLAINTEXT://${broker}:9092`,
      });
    }
  });

  it('keeps 3 copies of every topic, the internal ones included, needs 2 for a write and never elects an out-of-sync copy', () => {
    for (const broker of BROKERS) {
      expect([broker, environmentOf(broker)]).toMatchObject([
        broker,
        {
          KAFKA_DEFAULT_REPLICATION_FACTOR: '3',
          KAFKA_MIN_INSYNC_REPLICAS: '2',
          KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE: 'false',
          KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '3',
          KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '3',
          KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '2',
        },
      ]);
    }
  });

  it('keeps each broker log on a named volume of its own', () => {
    const mounts = BROKERS.map((broker) =>
      (service(broker).volumes ?? []).find((volume) => volume.endsWith(`:${environmentOf(broker).KAFKA_LOG_DIRS}`)),
    );
    const names = mounts.map((mount) => mount?.split(':')[0]);

    expect(names.every(Boolean)).toBe(true);
    expect(new Set(names).size).toBe(3);
    expect(names.filter((name) => !Object.keys(compose.volumes ?? {}).includes(name!))).toEqual([]);
    expect(names).not.toContain('kafka-data');
  });

  it('authenticates and authorises exactly like the single broker: the same users, passwords, listeners and authorizer', () => {
    const single = environmentOf('kafka');
    const same = [
      'KAFKA_LISTENERS',
      'KAFKA_LISTENER_SECURITY_PROTOCOL_MAP',
      'KAFKA_INTER_BROKER_LISTENER_NAME',
      'KAFKA_SASL_ENABLED_MECHANISMS',
      'KAFKA_LISTENER_NAME_SASL__PLAINTEXT_PLAIN_SASL_JAAS_CONFIG',
      'KAFKA_LISTENER_NAME_CONTROLLER_PLAIN_SASL_JAAS_CONFIG',
      'KAFKA_AUTHORIZER_CLASS_NAME',
      'KAFKA_SUPER_USERS',
      'KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND',
    ];
    for (const broker of BROKERS) {
      const env = environmentOf(broker);
      expect([broker, Object.fromEntries(same.map((key) => [key, env[key]]))]).toEqual([
        broker,
        Object.fromEntries(same.map((key) => [key, single[key]])),
      ]);
      expect(brokerUsers(broker)).toEqual(brokerUsers('kafka'));
    }
    expect(single.KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND).toBe('false');
  });

  it('creates the ACLs on all three with the script and admin of the single broker, once they are healthy', () => {
    const acls = service('cluster-kafka-acls');
    const env = environmentOf('cluster-kafka-acls');

    expect(acls.command).toEqual(service('kafka-acls').command);
    expect(env).toEqual({ ...environmentOf('kafka-acls'), KAFKA_BROKERS: CLUSTER_BOOTSTRAP });
    expect(env.RACKEVAL_KAFKA_ADMIN_PASSWORD).toBe(brokerUsers('kafka-1').get('admin'));
    expect(acls.depends_on).toEqual(Object.fromEntries(BROKERS.map((broker) => [broker, { condition: 'service_healthy' }])));
  });

  it('reports each broker healthy only when it answers an authenticated request on its own address', () => {
    for (const broker of BROKERS)
      expect([service(broker).healthcheck?.test].flat().join(' ')).toContain(`--bootstrap-server ${broker}:9092`);
  });
});

describe.each(SERVICES)('docker-compose profile cluster: $name', ({ name, config, port, schema }) => {
  const instances = instancesOf(name);

  it('runs at least two instances, each from the service stage, configured alike except nothing', () => {
    expect(instances.length).toBeGreaterThanOrEqual(2);
    for (const instance of instances) {
      expect(service(instance).build?.target).toBe(name);
      expect(environmentOf(instance)).toEqual(environmentOf(instances[0]));
      expect(service(instance).expose).toContain(String(port));
      expect(service(instance).ports).toBeUndefined();
    }
  });

  it('sets only variables its config class reads, and passes its start-up validation', () => {
    const env = environmentOf(instances[0]);
    const known = variablesOf(config);

    expect(Object.keys(env).filter((variable) => !known.has(variable))).toEqual([]);
    expect(loadConfig(config, env)).toMatchObject({ PORT: port, DATABASE_SCHEMA: schema, KAFKA_BROKERS: CLUSTER_BOOTSTRAP });
  });

  it('shares one consumer group, as its own principal, among its instances: the same settings as the single-broker layout but the brokers and the database', () => {
    const env = environmentOf(instances[0]);
    const single = environmentOf(name);

    expect(env.KAFKA_GROUP_ID).toBe(`rackeval-${name}`);
    expect(kafkaSaslOf(loadConfig(config, env), `rackeval-${name}`)).toEqual({
      mechanism: 'plain',
      username: `rackeval-${name}`,
      password: brokerUsers('kafka-1').get(`rackeval-${name}`),
    });
    expect({ ...env, KAFKA_BROKERS: single.KAFKA_BROKERS, DATABASE_URL: single.DATABASE_URL }).toEqual(single);
  });

  it('uses the rackeval_cluster database, which cluster-db-setup creates, as its runtime role', () => {
    const url = new URL(environmentOf(instances[0]).DATABASE_URL);

    expect({ host: url.hostname, role: url.username, database: url.pathname }).toEqual({
      host: 'postgres',
      role: `rackeval_${schema}`,
      database: '/rackeval_cluster',
    });
    expect(environmentOf('cluster-db-setup').RACKEVAL_DB).toBe('rackeval_cluster');
    expect(environmentOf(instances[0]).DATABASE_MIGRATION_URL).toBeUndefined();
  });

  it('is migrated once, by a one-shot as the schema owner, before any instance starts', () => {
    const migrate = `cluster-${name}-migrate`;
    const { DATABASE_MIGRATION_URL, ...rest } = environmentOf(migrate);

    expect(service(migrate).command).toEqual(['node', `apps/${name}/dist/migrate.js`]);
    expect(rest).toEqual(environmentOf(instances[0]));
    expect(new URL(DATABASE_MIGRATION_URL)).toMatchObject({ username: `rackeval_${schema}_owner`, pathname: '/rackeval_cluster' });
    for (const instance of instances) {
      expect(service(instance).depends_on).toMatchObject({
        ...Object.fromEntries(BROKERS.map((broker) => [broker, { condition: 'service_healthy' }])),
        'cluster-kafka-acls': { condition: 'service_completed_successfully' },
        postgres: { condition: 'service_healthy' },
        [migrate]: { condition: 'service_completed_successfully' },
      });
    }
  });
});

describe('docker-compose profile cluster: gateway', () => {
  const env = environmentOf('cluster-gateway');

  it('balances over every instance of every service', () => {
    const config = loadConfig(GatewayConfig, env);
    for (const { name, port } of SERVICES) {
      expect(config.upstreamInstances()[name]).toEqual(instancesOf(name).map((instance) => `http://${instance}:${port}`));
      for (const instance of instancesOf(name))
        expect(service('cluster-gateway').depends_on?.[instance]).toEqual({ condition: 'service_healthy' });
    }
  });

  it('sets only variables the gateway reads, reads live events from the cluster and publishes on the host loopback only', () => {
    const known = variablesOf(GatewayConfig);

    expect(Object.keys(env).filter((name) => !known.has(name))).toEqual([]);
    expect(env.KAFKA_BROKERS).toBe(CLUSTER_BOOTSTRAP);
    expect(service('cluster-gateway').ports).toEqual(['127.0.0.1:3100:3000']);
  });
});

describe('docker-compose layouts', () => {
  it('leave `docker compose up` as it was: nothing outside the cluster profile has a profile or depends on it', () => {
    const outside = Object.keys(compose.services).filter((name) => !inCluster.includes(name));

    expect(outside.filter((name) => service(name).profiles !== undefined)).toEqual([]);
    expect(
      outside.flatMap((name) => Object.keys(service(name).depends_on ?? {}).filter((dependency) => inCluster.includes(dependency))),
    ).toEqual([]);
  });

  it('never meet: nothing in the cluster profile talks to the single broker or the rackeval database', () => {
    for (const name of inCluster) {
      const env = environmentOf(name);
      expect([
        name,
        Object.keys(service(name).depends_on ?? {}).filter((dependency) => ['kafka', 'kafka-acls'].includes(dependency)),
      ]).toEqual([name, []]);
      expect([name, Object.values(env).filter((value) => /(^|,)kafka:9092|@postgres:5432\/rackeval$/.test(value))]).toEqual([name, []]);
    }
  });
});
