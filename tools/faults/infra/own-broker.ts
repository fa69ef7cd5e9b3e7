import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { FAULT_BROKERS, FAULT_KAFKA_CONTROLLER_PORT, FAULT_KAFKA_PORT, FAULT_KAFKA_SASL } from '../support/env';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const STATE_DIR = path.join(__dirname, '..', '.state', 'kafka');

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
  };

  readonly kafka = new Kafka({ clientId: 'faults', brokers: [FAULT_BROKERS], sasl: FAULT_KAFKA_SASL, logLevel: logLevel.NOTHING, retry: { retries: 3 } });

  private script(command: string) {
    return run('bash', [path.join(ROOT, 'infra/kafka/kafka.sh'), command], { env: this.env, maxBuffer: 1 << 22 });
  }

  /** Wipes the previous run's log dirs, so every suite run starts from empty topics. */
  async freshStart(): Promise<void> {
    await this.script('reset');
    await this.start();
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

  pid(): number | undefined {
    try {
      const pid = Number(readFileSync(path.join(STATE_DIR, 'run', 'kafka.pid'), 'utf8').trim());
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  /** SIGKILL, SIGSTOP or SIGCONT to the broker's JVM; false when it is not running. */
  signal(signal: NodeJS.Signals): boolean {
    const pid = this.pid();
    if (!pid) return false;
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}
