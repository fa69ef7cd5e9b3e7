import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import {
  FAULT_BROKERS,
  FAULT_CLUSTER,
  FAULT_CLUSTER_CONTROLLER_PORTS,
  FAULT_CLUSTER_PORTS,
  FAULT_KAFKA_CONTROLLER_PORT,
  FAULT_KAFKA_PORT,
  FAULT_KAFKA_SASL,
} from '../support/env';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const STATE_DIR = path.join(__dirname, '..', '.state', 'kafka');
const CLUSTER_STATE_DIR = path.join(__dirname, '..', '.state', 'cluster');

/**
 * The suite's own single-node broker: infra/kafka/kafka.sh on 19092/19093 with its state under
 * tools/faults/.state, so killing or freezing it never touches the development broker. A small
 * heap and the serial collector keep it from taking a core away from the services.
 */
export class OwnBroker {
  private readonly env = {
    ...process.env,
    KAFKA_PORT: String(FAULT_KAFKA_PORT),
    KAFKA_CONTROLLER_PORT: String(FAULT_KAFKA_CONTROLLER_PORT),
    KAFKA_STATE_DIR: STATE_DIR,
    KAFKA_HEAP_OPTS: '-Xms256m -Xmx512m -XX:+UseSerialGC',
    KAFKA_START_TIMEOUT: '90',
    // --cluster: three brokers of the suite's own (kafka.sh cluster with these ports and state).
    KAFKA_CLUSTER_PORTS: FAULT_CLUSTER_PORTS.join(','),
    KAFKA_CLUSTER_CONTROLLER_PORTS: FAULT_CLUSTER_CONTROLLER_PORTS.join(','),
    KAFKA_CLUSTER_STATE_DIR: CLUSTER_STATE_DIR,
  };

  readonly kafka = new Kafka({
    clientId: 'faults',
    brokers: FAULT_BROKERS.split(','),
    sasl: FAULT_KAFKA_SASL,
    logLevel: logLevel.NOTHING,
    retry: { retries: 3 },
  });

  private script(command: string, ...args: string[]) {
    // --cluster: the same commands on the 3-broker cluster (kafka.sh cluster …).
    const words = FAULT_CLUSTER ? ['cluster', command, ...args] : [command, ...args];
    return run('bash', [path.join(ROOT, 'infra/kafka/kafka.sh'), ...words], { env: this.env, maxBuffer: 1 << 22 });
  }

  /** Wipes the previous run's log dirs (the cluster's too), so every suite run starts from empty topics. */
  async freshStart(): Promise<void> {
    await this.script('reset');
    await this.start();
  }

  /** Cluster only: which broker leads most partitions of the topics starting with `prefix`. */
  async mostLeader(prefix: string): Promise<{ broker: number; leaders: Record<string, number> }> {
    const { stdout } = await this.script('leaders', prefix);
    const summary = JSON.parse(stdout.trim().split('\n').pop()!) as { leaders: Record<string, number>; mostLeader: number };
    return { broker: summary.mostLeader, leaders: summary.leaders };
  }

  /** Cluster only: kill -9 of broker `n` (1-3), and its start again (log recovery first). */
  async killBroker(n: number): Promise<void> {
    await this.script('kill-broker', String(n));
  }

  async startBroker(n: number): Promise<void> {
    await this.script('start-broker', String(n));
  }

  async start(): Promise<void> {
    // kafka.sh may take a broker still booting on a loaded machine (after a kill -9 it recovers its
    // logs first) for one that died: starting again waits for it instead of failing the scenario.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.script('start');
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  }

  async stop(): Promise<void> {
    this.signal('SIGCONT');
    await this.script('stop').catch(() => undefined);
  }

  /** The broker's JVM (single), or every running node's of the cluster. */
  pids(): number[] {
    const files = FAULT_CLUSTER
      ? FAULT_CLUSTER_PORTS.map((_, i) => path.join(CLUSTER_STATE_DIR, `node-${i + 1}`, 'run', 'kafka.pid'))
      : [path.join(STATE_DIR, 'run', 'kafka.pid')];
    return files.flatMap((file) => {
      try {
        const pid = Number(readFileSync(file, 'utf8').trim());
        return Number.isInteger(pid) && pid > 0 ? [pid] : [];
      } catch {
        return [];
      }
    });
  }

  /** SIGKILL, SIGSTOP or SIGCONT to the broker's JVM (each node's, on the cluster); false when none runs. */
  signal(signal: NodeJS.Signals): boolean {
    let sent = false;
    for (const pid of this.pids()) {
      try {
        process.kill(pid, signal);
        sent = true;
      } catch {
        // not running
      }
    }
    return sent;
  }
}
