// `npm start`: the whole system on this machine — Kafka broker, PostgreSQL database and schemas,
// every service built, migrated and running — then prints where to find it. Ctrl-C stops the services.
//
//   npm start -- --instances=N   N processes of every service (own ports), the gateway balancing across them
//   npm start -- --brokers=3     the 3-broker cluster (infra/kafka/kafka.sh cluster; 127.0.0.1:29092-29094)
//   RACKEVAL_BASE_PORT=3100      the gateway's port; service k's instance i listens on base + k + 10·i
//                                (k = 1 intake, 2 test-run, 3 results, 4 purchase-option; i = 0…N-1)
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePostgres, serviceDatabaseUrls } from './setup/postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const option = (name, fallback) => {
  const given = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return given === undefined ? fallback : given.slice(name.length + 3);
};
const INSTANCES = Number(option('instances', '1'));
const BROKERS = Number(option('brokers', '1'));
const BASE_PORT = Number(process.env.RACKEVAL_BASE_PORT ?? 3000);
if (!Number.isInteger(INSTANCES) || INSTANCES < 1 || INSTANCES > 9) {
  process.stderr.write('--instances must be a whole number from 1 to 9\n');
  process.exit(2);
}
if (BROKERS !== 1 && BROKERS !== 3) {
  process.stderr.write('--brokers must be 1 (the development broker) or 3 (the cluster)\n');
  process.exit(2);
}
if (!Number.isInteger(BASE_PORT) || BASE_PORT < 1024 || BASE_PORT > 65_000) {
  process.stderr.write('RACKEVAL_BASE_PORT must be a port from 1024 to 65000\n');
  process.exit(2);
}
const SERVICE_KINDS = [
  { name: 'intake', schema: 'intake', urlVariable: 'INTAKE_URL' },
  { name: 'test-run', schema: 'test_run', urlVariable: 'TEST_RUN_URL' },
  { name: 'results', schema: 'results', urlVariable: 'RESULTS_URL' },
  { name: 'purchase-option', schema: 'purchase_option', urlVariable: 'PURCHASE_OPTION_URL' },
];
// One entry per process: instance i of service k on base + k + 10·i.
const SERVICES = SERVICE_KINDS.flatMap((kind, k) =>
  Array.from({ length: INSTANCES }, (_, i) => ({
    ...kind,
    instance: i + 1,
    label: INSTANCES > 1 ? `${kind.name}#${i + 1}` : kind.name,
    port: BASE_PORT + k + 1 + 10 * i,
  })),
);
const KAFKA_BROKERS = BROKERS === 3 ? '127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094' : '127.0.0.1:9092';
const began = Date.now();
const seconds = () => `${((Date.now() - began) / 1000).toFixed(1)} s`;
const GATEWAY = {
  name: 'gateway',
  label: 'gateway',
  port: BASE_PORT,
  env: {
    PORT: String(BASE_PORT),
    ...Object.fromEntries(
      SERVICE_KINDS.map((kind) => [
        kind.urlVariable,
        SERVICES.filter((s) => s.name === kind.name)
          .map((s) => `http://127.0.0.1:${s.port}`)
          .join(','),
      ]),
    ),
  },
};
const KEY_DIR = path.join(root, '.rackeval', 'keys');

function run(title, command, args, env = {}) {
  process.stdout.write(`\n== ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    process.stderr.write(`\n${title} failed (exit ${result.status}).\n`);
    process.exit(result.status ?? 1);
  }
}

async function waitHealthy(service, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${service.port}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${service.label} did not become healthy on port ${service.port}`);
}

function startService(service, env) {
  const child = spawn(process.execPath, [path.join(root, 'apps', service.name, 'dist', 'main.js')], {
    cwd: root,
    env: { ...process.env, ...env, ...service.env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`${service.label} exited (${signal ?? code})\n`);
  });
  return child;
}

let stopping = false;
const env = {
  // A local run is development: the gateway's local issuer (seeded users) refuses to run without it.
  NODE_ENV: process.env.NODE_ENV ?? 'development',
  // Request logs stay out of the terminal unless asked for (LOG_LEVEL=log).
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  AUTH_LOCAL_PUBLIC_KEY_FILE: path.join(KEY_DIR, 'local-issuer.public.jwk.json'),
  // The gateway serves the built console at its root.
  CONSOLE_DIR: path.join(root, 'apps', 'console', 'dist'),
  KAFKA_BROKERS,
  // Each process authenticates to the broker as its own principal (rackeval-<name>) with the
  // password kafka.sh gave the applications; the ACLs let it write only its own topics.
  ...(process.env.RACKEVAL_KAFKA_PASSWORD ? { KAFKA_SASL_PASSWORD: process.env.RACKEVAL_KAFKA_PASSWORD } : {}),
};

// The server at PG_ADMIN_URL (default 127.0.0.1:5432) when it answers, else the embedded one (tools/setup/postgres.mjs).
process.stdout.write('\n== PostgreSQL server\n');
let postgres;
try {
  postgres = await ensurePostgres();
} catch (error) {
  process.stderr.write(`\n[postgres] ${error.message}\nPostgreSQL server failed.\n`);
  process.exit(1);
}
process.stdout.write(`PostgreSQL ready after ${seconds()}\n`);
if (BROKERS === 3) run('Kafka cluster (3 brokers)', 'bash', ['infra/kafka/kafka.sh', 'cluster', 'start']);
else run('Kafka broker', 'bash', ['infra/kafka/kafka.sh', 'start']);
run('PostgreSQL database, roles and schemas', process.execPath, ['infra/postgres/setup.mjs']);
run('client types (from the committed OpenAPI documents)', process.execPath, ['tools/openapi/client-types.mjs']);
run('build', 'npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static'], { NX_DAEMON: 'false', NX_TUI: 'false' });

const { ensureLocalKeyPair } = require(path.join(root, 'libs', 'auth', 'dist', 'index.js'));
await ensureLocalKeyPair(KEY_DIR);

// Each service runs as its runtime role; only its migration step gets the owner role (each role has its own password).
for (const service of SERVICES) {
  const { runtimeUrl, ownerUrl } = serviceDatabaseUrls(service.schema);
  service.env = { DATABASE_URL: runtimeUrl, PORT: String(service.port) };
  if (service.instance > 1) continue; // one migration per service; its instances share the schema
  run(`migrate ${service.name}`, process.execPath, [path.join('apps', service.name, 'dist', 'migrate.js')], {
    ...env,
    DATABASE_URL: runtimeUrl,
    DATABASE_MIGRATION_URL: ownerUrl,
  });
}

process.stdout.write('\n== starting services\n');
const children = [...SERVICES, GATEWAY].map((service) => startService(service, env));
const stopAll = () => {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

try {
  await Promise.all([...SERVICES, GATEWAY].map((service) => waitHealthy(service)));
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  stopAll();
  process.exit(1);
}

const database = new URL(serviceDatabaseUrls('intake').runtimeUrl);
const postgresLine = `PostgreSQL       postgres://${database.host}/rackeval   (${
  postgres.server === 'embedded'
    ? `embedded PostgreSQL ${postgres.version}, data in .rackeval/postgres/data; it keeps running: npm run db:stop; wipe: npm run db:reset`
    : `existing server, PostgreSQL ${postgres.version}`
}; each role logs in with its own generated password)`;
process.stdout.write(`
rackeval is running (started in ${seconds()}) at http://127.0.0.1:${GATEWAY.port}  (gateway: POST /api/auth/token, /api/<service>/v1/…, live events at /api/events${INSTANCES > 1 ? `; balancing over ${INSTANCES} instances of each service` : ''})
${SERVICES.map((s) => `  ${s.label.padEnd(18)} http://127.0.0.1:${s.port}   (API docs: /docs, health: /health, metrics: /metrics)`).join('\n')}
  Kafka            ${KAFKA_BROKERS}   (${BROKERS === 3 ? '3 brokers, replication factor 3, min.insync.replicas 2; ' : ''}SASL/SCRAM-SHA-512 with ACLs: each service as rackeval-<name>; tools as admin)
  ${postgresLine}

A token for a seeded user:  npm run token -- ada      (users: ines tariq tess fiona farid ada vic)
Stop with Ctrl-C; stop the broker with: ${BROKERS === 3 ? 'bash infra/kafka/kafka.sh cluster stop' : 'npm run infra:down'}
`);

if (process.argv.includes('--demo')) {
  // `npm start -- --demo`: load the demo programme once everything answers; the services keep running either way.
  const demo = spawn(process.execPath, ['-r', './tools/register-ts.js', 'tools/demo/load-demo.ts'], { cwd: root, stdio: 'inherit' });
  demo.on('exit', (code) => {
    if (code) process.stderr.write(`demo loader exited with ${code}\n`);
  });
}
