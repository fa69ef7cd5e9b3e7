import { INestApplication } from '@nestjs/common';
import { deleteTestTopics, ensureTestKafkaAccess } from '@rackeval/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bootstrapGateway } from '../../src/bootstrap';
import { loadGatewayConfig } from '../../src/config';

/**
 * The gateway in this test process on a free loopback port: its local issuer keeps its key pair in a
 * new temporary folder, and its live stream reads this test file's topics (as rackeval-gateway).
 */
export class TestGateway {
  private constructor(
    readonly app: INestApplication,
    /** Its origin, http://127.0.0.1:<port>. */
    readonly url: string,
    /** Where its local issuer keeps its key pair: `TestTokens.create(keyDir)` signs as it does. */
    readonly keyDir: string,
  ) {}

  /**
   * `env` names the services' URLs and anything else the spec sets (LOG_LEVEL is warn unless given);
   * `log` receives every log line, as written.
   */
  static async start(keyDirPrefix: string, env: Record<string, string>, log?: (line: string) => void): Promise<TestGateway> {
    const keyDir = await mkdtemp(path.join(tmpdir(), keyDirPrefix));
    let app: INestApplication | undefined;
    try {
      await ensureTestKafkaAccess();
      const config = loadGatewayConfig({
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'warn',
        AUTH_LOCAL_KEY_DIR: keyDir,
        ...env,
        KAFKA_TOPIC_PREFIX: process.env.KAFKA_TOPIC_PREFIX,
      });
      app = await bootstrapGateway(config, log);
      return new TestGateway(app, (await app.getUrl()).replace('[::1]', '127.0.0.1'), keyDir);
    } catch (error) {
      await TestGateway.cleanUp(app, keyDir);
      throw error;
    }
  }

  /** Closes it, removes its key folder and deletes this file's topics. */
  stop(): Promise<void> {
    return TestGateway.cleanUp(this.app, this.keyDir);
  }

  private static async cleanUp(app: INestApplication | undefined, keyDir: string): Promise<void> {
    await app?.close();
    await rm(keyDir, { recursive: true, force: true });
    await deleteTestTopics();
  }
}
