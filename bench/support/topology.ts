import { TestTokens } from '@rackeval/auth/testing';
import { grantKafkaAccess, revokeKafkaAccess } from '@rackeval/messaging';
import {
  CLUSTER_KAFKA_BROKERS,
  RackevalSystem,
  SERVICES,
  ServiceName,
  TEST_KAFKA_ADMIN,
  TestApi,
  deleteTestTopics,
  type UserApi,
} from '@rackeval/testing';
import { Kafka, logLevel } from 'kafkajs';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Api, pooledFetch } from './api';
import {
  accountCpu,
  BENCH_CLIENT,
  type BenchServers,
  benchClassifier,
  benchCmdlines,
  type Classifier,
  type CpuAccount,
  OTHER_BROKERS,
  type ProcSample,
  sampleProc,
} from './cpu-accounting';
import { ROOT, stopBench } from './infra';
import { serviceChildren } from './memory';

/** A system laid out as `instances` processes per service on 1 broker (9092) or the 3-broker cluster. */
export interface Topology {
  instances: number;
  brokers: 1 | 3;
}

export const topologyName = ({ instances, brokers }: Topology) =>
  `${instances} instance${instances > 1 ? 's' : ''} × ${brokers} broker${brokers > 1 ? 's' : ''}`;

/**
 * Sends each request to the next instance of its service in turn (as a Kubernetes Service or the
 * gateway would), over the bench's keep-alive pool: the clients are built for the first instance's
 * URL, and the origin is rewritten here.
 */
function roundRobin(system: RackevalSystem, send: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  const instances = new Map(
    SERVICES.map((service) => [new URL(system.url(service)).origin, system.urls(service).map((url) => new URL(url).origin)]),
  );
  const next = new Map<string, number>();
  return async (request) => {
    const url = new URL(request.url);
    const origins = instances.get(url.origin);
    if (!origins || origins.length === 1) return send(request);
    const turn = next.get(url.origin) ?? 0;
    next.set(url.origin, (turn + 1) % origins.length);
    const body = request.body ? await request.arrayBuffer() : undefined;
    return send(new Request(`${origins[turn]}${url.pathname}${url.search}`, { method: request.method, headers: request.headers, body }));
  };
}

/** The bench's Api, each request balanced over every instance of its service. */
export class BalancedApi extends Api {
  private readonly balancedPool = pooledFetch();
  private readonly balanced: TestApi;

  constructor(system: RackevalSystem, tokens: TestTokens) {
    super(system, tokens);
    this.balanced = TestApi.direct(system, tokens, { fetch: roundRobin(system, this.balancedPool.fetch) });
  }

  override as(username: string): UserApi {
    return this.balanced.as(username);
  }

  override async close(): Promise<void> {
    await Promise.all([super.close(), this.balancedPool.close()]);
  }
}

export interface RunningTopology {
  system: RackevalSystem;
  api: Api;
  stop(): Promise<void>;
}

const clusterAnswers = () => spawnSync('bash', ['infra/kafka/kafka.sh', 'cluster', 'status'], { cwd: ROOT, stdio: 'ignore' }).status === 0;

/**
 * Starts the 3-broker cluster if it is down; returns whether it was, so that the caller stops it
 * again when done (it is 3 JVMs on a 2-core machine).
 */
export function ensureCluster(): { startedHere: boolean; stop(): void } {
  const startedHere = !clusterAnswers();
  if (startedHere)
    execFileSync('bash', ['infra/kafka/kafka.sh', 'cluster', 'start'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return {
    startedHere,
    stop: () => {
      if (startedHere) spawnSync('bash', ['infra/kafka/kafka.sh', 'cluster', 'stop'], { cwd: ROOT, stdio: 'ignore' });
    },
  };
}

async function onCluster<T>(work: (admin: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> {
  const kafka = new Kafka({
    clientId: 'rackeval-bench',
    brokers: CLUSTER_KAFKA_BROKERS.split(','),
    sasl: TEST_KAFKA_ADMIN,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/**
 * All four services, `instances` processes each, on topics of their own (`prefix`) and fresh
 * schemas; on the cluster, the ACLs of that prefix are granted there (the bench's own Kafka
 * clients talk to 9092). `stop` ends the processes, drops the schemas and deletes the topics.
 */
export async function startTopology(topology: Topology, prefix: string): Promise<RunningTopology> {
  const previousPrefix = process.env.KAFKA_TOPIC_PREFIX;
  process.env.KAFKA_TOPIC_PREFIX = prefix;
  const tokens = await TestTokens.create();
  // A consumer starved of CPU on a loaded machine must not be thrown out of its group (a rebalance
  // stalls every instance's partitions): 30 s, not the tests' 6 s.
  const quiet = { LOG_LEVEL: 'error', DATABASE_POOL_SIZE: '10', KAFKA_SESSION_TIMEOUT_MS: '30000' };
  try {
    if (topology.brokers === 3) await onCluster((admin) => grantKafkaAccess(admin, prefix));
    const system = await RackevalSystem.start({
      publicKeyFile: tokens.publicKeyFile,
      env: { intake: quiet, 'test-run': quiet, results: quiet, 'purchase-option': quiet },
      instances: topology.instances,
      brokers: topology.brokers,
    });
    const api = new BalancedApi(system, tokens);
    return {
      system,
      api,
      stop: async () => {
        await stopBench(api, system, tokens);
        process.env.KAFKA_TOPIC_PREFIX = prefix;
        if (topology.brokers === 3) {
          await onCluster(async (admin) => {
            const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
            if (topics.length) await admin.deleteTopics({ topics, timeout: 10_000 });
            await revokeKafkaAccess(admin, prefix);
          }).catch(() => undefined);
        }
        // The grants made on 9092 by RackevalSystem (and, on 1 broker, the topics).
        await deleteTestTopics().catch(() => undefined);
        process.env.KAFKA_TOPIC_PREFIX = previousPrefix;
      },
    };
  } catch (error) {
    await tokens.dispose();
    throw error;
  } finally {
    process.env.KAFKA_TOPIC_PREFIX = previousPrefix;
  }
}

/**
 * Every process of each service of `system` (children of the bench running
 * `apps/<service>/src/main.ts` on that system's schema: the bench's own main system runs beside it).
 */
export function topologyPids(system: RackevalSystem): Record<ServiceName, number[]> {
  const found = Object.fromEntries(SERVICES.map((name) => [name, [] as number[]])) as Record<ServiceName, number[]>;
  for (const { pid, service } of serviceChildren()) {
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (environ.includes(`DATABASE_SCHEMA=${system.schema(service)}`)) found[service].push(pid);
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/**
 * The bench's classifier (cpu-accounting.ts) narrowed to one layout: its own service processes
 * (`pids`), only its brokers — the development broker (`infra/kafka/.run/`) for 1, the
 * cluster's three (`infra/kafka/.cluster/node-N/`) for 3 — and only the bench's PostgreSQL server
 * (`postmaster`). The bench's main system, idle meanwhile, and any other broker or PostgreSQL server
 * on the machine are components of their own, outside the layout's cost.
 */
export function topologyClassifier(pids: Record<ServiceName, readonly number[]>, brokers: 1 | 3, postmaster?: number): Classifier {
  const base = benchClassifier(pids, { postmaster } satisfies BenchServers);
  const ours = new Set(Object.values(pids).flat());
  const props = brokers === 3 ? /infra\/kafka\/\.cluster\/node-\d\/run\/server\.properties/ : /infra\/kafka\/\.run\/server\.properties/;
  return (p, parent) => {
    if (p.comm === 'node' && parent === BENCH_CLIENT && !ours.has(p.pid) && /apps\/[a-z-]+\/src\/main\.ts/.test(p.cmdline ?? ''))
      return IDLE_SERVICES;
    if (p.comm === 'java' && p.cmdline?.includes('kafka.Kafka') && !props.test(p.cmdline)) return OTHER_BROKERS;
    return base(p, parent);
  };
}

export const IDLE_SERVICES = "the bench's main system (idle)";
export { OTHER_BROKERS };

/** A window's CPU by component for one layout: `const meter = TopologyMeter.start(pids, 1, postmaster)` … `meter.stop()`. */
export class TopologyMeter {
  private constructor(
    private readonly classify: Classifier,
    private readonly before: ProcSample,
  ) {}

  static start(pids: Record<ServiceName, readonly number[]>, brokers: 1 | 3, postmaster?: number): TopologyMeter {
    return new TopologyMeter(topologyClassifier(pids, brokers, postmaster), sampleProc(benchCmdlines));
  }

  stop(): CpuAccount {
    return accountCpu(this.before, sampleProc(benchCmdlines), this.classify, availableParallelism());
  }
}
