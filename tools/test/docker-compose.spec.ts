import { kafkaSaslOf, loadConfig } from '@rackeval/platform';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayConfig } from '../../apps/gateway/src/config';
import { brokerUsers, compose, environmentOf, ROOT, service, SERVICES, variablesOf } from './support/compose';

// docker-compose.yml is only run on Docker hosts; this keeps it in step with the code that reads it.

const dockerfile = readFileSync(join(ROOT, 'infra', 'docker', 'Dockerfile'), 'utf8');

const mountTargets = (name: string) => (service(name).volumes ?? []).map((volume) => volume.split(':')[1]);

describe.each(SERVICES)('docker-compose service $name', ({ name, config, port, schema }) => {
  const sut = service(name);
  const env = environmentOf(name);

  it('sets only variables its config class reads', () => {
    const known = variablesOf(config);

    expect(Object.keys(env).filter((variable) => !known.has(variable))).toEqual([]);
  });

  it('passes the start-up validation of its configuration', () => {
    const loaded = loadConfig(config, env);

    expect(loaded).toMatchObject({ HOST: '0.0.0.0', PORT: port, AUTH_MODE: 'local', DATABASE_SCHEMA: schema });
  });

  it('exposes the port it listens on (its default) to the compose network only, publishing nothing on the host', () => {
    expect(new config().PORT).toBe(port);
    expect(env.PORT).toBe(String(port));
    expect(sut.expose).toContain(String(port));
    expect(sut.ports).toBeUndefined();
  });

  it('reaches Kafka through the compose kafka service', () => {
    const brokers = env.KAFKA_BROKERS.split(',');
    const advertised = environmentOf('kafka').KAFKA_ADVERTISED_LISTENERS;

    expect(brokers).toEqual(['kafka:9092']);
    expect(advertised.split(',')).toContain('SASL_PLAINTEXT://kafka:9092');
  });

  it('authenticates to Kafka as its own principal, a user the broker knows with that password', () => {
    const sasl = kafkaSaslOf(loadConfig(config, env), `rackeval-${name}`);

    expect(sasl).toEqual({ mechanism: 'plain', username: `rackeval-${name}`, password: brokerUsers('kafka').get(`rackeval-${name}`) });
  });

  it('runs as its own runtime role and schema on the compose postgres service, without the owner role', () => {
    const url = new URL(env.DATABASE_URL);

    expect(compose.services[url.hostname]).toBeDefined();
    expect({ host: url.hostname, role: url.username, database: url.pathname }).toEqual({
      host: 'postgres',
      role: `rackeval_${schema}`,
      database: '/rackeval',
    });
    expect(env.DATABASE_SCHEMA).toBe(new config().DATABASE_SCHEMA);
    expect(url.password).toBe(environmentOf('db-setup').RACKEVAL_DB_PASSWORD);
    expect(env.DATABASE_MIGRATION_URL).toBeUndefined();
  });

  it('reads the local issuer public key from the volume the local-keys step copies it to, and never mounts the private key', () => {
    const keyDir = env.AUTH_LOCAL_PUBLIC_KEY_FILE.slice(0, env.AUTH_LOCAL_PUBLIC_KEY_FILE.lastIndexOf('/'));
    const volumes = sut.volumes ?? [];

    expect(volumes).toContain(`issuer-public:${keyDir}:ro`);
    expect(volumes.filter((volume) => volume.startsWith('issuer-keys:'))).toEqual([]);
    expect(service('local-keys').volumes).toContain('issuer-public:/var/lib/rackeval/public');
    expect(service('local-keys').command?.join(' ')).toContain("'/var/lib/rackeval/public/local-issuer.public.jwk.json'");
  });

  it('is healthy only when GET /health answers on its port', () => {
    const test = [sut.healthcheck?.test ?? []].flat().join(' ');

    expect(test).toContain(`http://127.0.0.1:${port}/health`);
  });

  it('starts after Kafka is healthy with its ACLs, PostgreSQL is healthy and its schema is migrated', () => {
    expect(sut.depends_on).toMatchObject({
      kafka: { condition: 'service_healthy' },
      'kafka-acls': { condition: 'service_completed_successfully' },
      postgres: { condition: 'service_healthy' },
      'local-keys': { condition: 'service_completed_successfully' },
      [`${name}-migrate`]: { condition: 'service_completed_successfully' },
    });
  });

  it('is migrated by a one-shot with the same configuration, connected as the schema owner role', () => {
    const migrate = service(`${name}-migrate`);
    const { DATABASE_MIGRATION_URL, ...rest } = environmentOf(`${name}-migrate`);
    const owner = new URL(DATABASE_MIGRATION_URL);

    expect(migrate.command).toEqual(['node', `apps/${name}/dist/migrate.js`]);
    expect(rest).toEqual(env);
    expect({ host: owner.hostname, role: owner.username, database: owner.pathname }).toEqual({
      host: 'postgres',
      role: `rackeval_${schema}_owner`,
      database: '/rackeval',
    });
    expect(loadConfig(config, environmentOf(`${name}-migrate`)).migrationUrl()).toBe(DATABASE_MIGRATION_URL);
    expect(migrate.depends_on).toMatchObject({ 'db-setup': { condition: 'service_completed_successfully' } });
  });

  it('derives the owner role from the runtime role when DATABASE_MIGRATION_URL is not set', () => {
    expect(new URL(loadConfig(config, env).migrationUrl()).username).toBe(`rackeval_${schema}_owner`);
  });

  it('runs the Dockerfile stage that starts this service', () => {
    expect(sut.build?.target).toBe(name);
    const stage = dockerfile.split(/^FROM /m).find((part) => part.startsWith(`base AS ${name}\n`));
    expect(stage).toContain(`CMD ["node", "apps/${name}/dist/main.js"]`);
  });
});

describe('docker-compose.yml', () => {
  it('builds only stages the Dockerfile defines', () => {
    const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map(([, stage]) => stage);
    const targets = Object.values(compose.services).flatMap((s) => (s.build ? [s.build.target] : []));

    expect(targets.filter((target) => !stages.includes(target!))).toEqual([]);
  });

  it('runs a broker where every listener authenticates and nothing is allowed without an ACL', () => {
    const kafka = environmentOf('kafka');
    const protocols = kafka.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP.split(',').map((pair) => pair.split(':')[1]);

    expect(new Set(protocols)).toEqual(new Set(['SASL_PLAINTEXT']));
    expect(kafka).toMatchObject({
      KAFKA_AUTHORIZER_CLASS_NAME: 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      KAFKA_SUPER_USERS: 'User:admin',
      KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND: 'false',
    });
    expect(kafka.KAFKA_LISTENER_NAME_CONTROLLER_PLAIN_SASL_JAAS_CONFIG).not.toMatch(/user_rackeval/);
  });

  it('creates the ACLs as the admin the broker knows, from the same script as kafka.sh', () => {
    const acls = service('kafka-acls');
    const env = environmentOf('kafka-acls');

    expect(acls.command).toEqual(['node', '-r', './tools/register-ts.js', 'infra/kafka/grant-acls.ts']);
    expect(dockerfile).toContain('COPY infra/kafka/grant-acls.ts ./infra/kafka/');
    expect(env).toMatchObject({ KAFKA_BROKERS: 'kafka:9092', KAFKA_SASL_MECHANISM: 'plain' });
    expect(env.RACKEVAL_KAFKA_ADMIN_PASSWORD).toBe(brokerUsers('kafka').get('admin'));
    expect(acls.depends_on).toMatchObject({ kafka: { condition: 'service_healthy' } });
  });

  it('runs a single-node KRaft broker that rebalances new consumer groups at once', () => {
    expect(environmentOf('kafka')).toMatchObject({
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    });
  });

  it('keeps the broker log on a named volume, so a restarted container loses no event', () => {
    const logDir = environmentOf('kafka').KAFKA_LOG_DIRS;

    expect(service('kafka').volumes).toContain(`kafka-data:${logDir}`);
    expect(Object.keys(compose.volumes ?? {})).toContain('kafka-data');
  });
});

describe('docker-compose service gateway', () => {
  const sut = service('gateway');
  const env = environmentOf('gateway');

  it('sets only variables the gateway configuration reads, and passes its validation', () => {
    const known = variablesOf(GatewayConfig);
    expect(Object.keys(env).filter((name) => !known.has(name))).toEqual([]);
    expect(() => loadConfig(GatewayConfig, env)).not.toThrow();
  });

  it('reads the live events as its own principal, after the ACLs exist', () => {
    const sasl = kafkaSaslOf(loadConfig(GatewayConfig, env), 'rackeval-gateway');

    expect(sasl).toEqual({ mechanism: 'plain', username: 'rackeval-gateway', password: brokerUsers('kafka').get('rackeval-gateway') });
    expect(sut.depends_on).toMatchObject({ 'kafka-acls': { condition: 'service_completed_successfully' } });
  });

  it('forwards to each service by its compose name and port', () => {
    const config = loadConfig(GatewayConfig, env);
    for (const { name, port } of SERVICES) {
      expect(config.upstreams()[name]).toBe(`http://${name}:${port}`);
      expect(service(name).expose).toContain(String(port));
    }
  });

  it('publishes 3000 on the host loopback only, serves the built console and signs with the key the services trust', () => {
    expect(sut.ports).toEqual(['127.0.0.1:3000:3000']);
    expect(env.PORT).toBe('3000');
    expect(env.CONSOLE_DIR).toBe('/app/apps/console/dist');
    expect(mountTargets('gateway')).toContain(env.AUTH_LOCAL_KEY_DIR);
    expect(environmentOf('intake').AUTH_LOCAL_PUBLIC_KEY_FILE).toBe(`${env.AUTH_LOCAL_KEY_DIR}/local-issuer.public.jwk.json`);
    expect(sut.build?.target).toBe('gateway');
    expect(dockerfile).toContain('CMD ["node", "apps/gateway/dist/main.js"]');
  });
});
