import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { listensOn } from '@rackeval/testing';
import { sleep } from '../support/log';

const ROOT = path.resolve(__dirname, '../../..');
const REGISTER_TS = path.join(ROOT, 'tools', 'register-ts.js');

/** Every child still running: if the suite itself dies, none of them outlives it. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export type ServiceName = 'intake' | 'test-run' | 'results' | 'purchase-option';

/**
 * One process of one service, run from source exactly as its main.ts starts it, that the nemesis
 * may kill, stop gracefully, freeze or thaw. Like a supervisor (systemd, Kubernetes), the suite
 * restarts a process that exits on its own after a second: a service that exits on a fatal error
 * must come back, one that lingers as a zombie must not look healthy.
 */
export class ServiceInstance {
  private child?: ChildProcess;
  private expectingExit = false;
  frozen = false;
  unexpectedExits = 0;
  restarts = 0;

  constructor(
    readonly id: string,
    readonly service: ServiceName,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
    private readonly supervised: () => boolean,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get clientId(): string {
    return this.env.KAFKA_CLIENT_ID;
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.alive ? this.child!.pid : undefined;
  }

  start(): void {
    if (this.alive) return;
    const fd = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, ['-r', REGISTER_TS, path.join(ROOT, 'apps', this.service, 'src', 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    running.add(child);
    this.child = child;
    this.expectingExit = false;
    this.frozen = false;
    child.on('exit', () => {
      running.delete(child);
      if (this.child !== child || this.expectingExit) return;
      this.unexpectedExits += 1;
      if (!this.supervised()) return;
      setTimeout(() => {
        if (this.child === child && this.supervised()) {
          this.restarts += 1;
          this.start();
        }
      }, 1_000);
    });
  }

  /**
   * Waits until GET /health answers 200 (the process serves and reaches its database and broker)
   * from this process: an answer from another process holding the port does not count.
   */
  async waitHealthy(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let foreign = false;
    while (Date.now() < deadline) {
      const answer = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
      if (answer?.ok) {
        if (listensOn(this.pid, this.port)) return;
        foreign = true;
      }
      await sleep(250);
    }
    const why = foreign ? `; port ${this.port} answers, but from another process` : '';
    throw new Error(`${this.id} not healthy after ${timeoutMs} ms${why} (log: ${this.logFile})`);
  }

  private async end(signal: NodeJS.Signals, graceMs: number): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    this.expectingExit = true;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (this.frozen) child.kill('SIGCONT');
    child.kill(signal);
    const timedOut = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
    if (timedOut) {
      child.kill('SIGKILL');
      await exited;
    }
    this.frozen = false;
  }

  /** kill -9: no shutdown hook runs, the group member is only evicted after the session timeout. */
  kill(): Promise<void> {
    return this.end('SIGKILL', 5_000);
  }

  /** SIGTERM: leaves the group and closes cleanly (SIGKILL after 10 s). */
  stop(): Promise<void> {
    return this.end('SIGTERM', 10_000);
  }

  freeze(): boolean {
    if (!this.alive || this.frozen) return false;
    this.frozen = this.child!.kill('SIGSTOP');
    return this.frozen;
  }

  thaw(): void {
    if (this.alive && this.frozen) this.child!.kill('SIGCONT');
    this.frozen = false;
  }
}
