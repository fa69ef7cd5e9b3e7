import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { listensOn } from './listening-sockets';
import { GaveUp, waitFor } from './wait-for';

const REGISTER_TS = path.resolve(__dirname, '../../../tools/register-ts.js');

/**
 * A service running in its own Node process, so a test can kill it with SIGKILL at a chosen
 * moment exactly as a crash would. The script prints `READY <url>` when it serves.
 */
export class ChildService {
  private output = '';
  private exited = false;
  private constructor(private readonly child: ChildProcess) {
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
      if (process.env.TEST_CHILD_OUTPUT) process.stderr.write(chunk);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('exit', () => (this.exited = true));
  }

  /** Starts `script` (TypeScript, run from source) without waiting for anything; `nodeArgs` go before it (e.g. `--cpu-prof`). */
  static spawn(script: string, env: Record<string, string>, nodeArgs: readonly string[] = []): ChildService {
    const child = spawn(process.execPath, [...nodeArgs, '-r', REGISTER_TS, script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ChildService(child);
  }

  /** Starts `script` and waits for the line announcing its URL (`READY <url>` by default). */
  static async start(
    script: string,
    env: Record<string, string>,
    ready: RegExp = /^READY (\S+)$/m,
  ): Promise<{ service: ChildService; url: string }> {
    const service = ChildService.spawn(script, env);
    const url = await service.waitForLine(ready, 90_000);
    return { service, url };
  }

  /** True while the process runs; throws with its output once it has died (a `waitFor` probe then fails at once). */
  ensureRunning(): true {
    if (this.exited) throw new GaveUp(`process exited:\n${this.output.slice(-3000)}`);
    return true;
  }

  /**
   * Waits until this process (`what`, in a failure) serves `url`: its `/health` answers 200 from a
   * socket this very process listens on. An answer from another process that holds the port (a
   * service left over from an earlier run, say) fails the wait at once, naming it, instead of
   * passing for this one; so does this process ending. Where the listening sockets cannot be read
   * (not Linux) the answer counts.
   */
  waitUntilServing(what: string, url: string, timeoutMs: number): Promise<true> {
    const port = Number(new URL(url).port);
    return waitFor(
      `${what} serving ${url}`,
      async () => {
        this.ensureRunning();
        if ((await fetch(`${url}/health`).catch(() => undefined))?.ok !== true) return undefined;
        if (listensOn(this.child.pid, port)) return true;
        this.ensureRunning(); // a child that lost the port race has usually exited: its own output says more
        throw new GaveUp(`${url}/health answers, but not from this process (pid ${this.child.pid}): another process holds port ${port}`);
      },
      { timeoutMs, intervalMs: 250 },
    );
  }

  /** Waits for the process to end; rejects with its output if it failed. */
  async finished(timeoutMs = 60_000): Promise<void> {
    const code = await waitFor(`${this.child.spawnfile} to exit`, () => (this.exited ? (this.child.exitCode ?? -1) : undefined), {
      timeoutMs,
    });
    if (code !== 0) throw new Error(`process exited with ${code}:\n${this.output.slice(-3000)}`);
  }

  /** Resolves with the first capture group of the first output line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    return waitFor(
      `output ${pattern}`,
      () => {
        if (this.exited && !pattern.test(this.output)) throw new GaveUp(`process exited:\n${this.output.slice(-3000)}`);
        return pattern.exec(this.output)?.[1];
      },
      { timeoutMs },
    );
  }

  /** SIGKILL: no shutdown hooks, no offset commit, no leaving the consumer group. */
  async kill(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM: the graceful path. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}
