import { Logger } from '@nestjs/common';

export interface UpstreamPoolOptions {
  /** How often each instance's readiness is asked (GET <base>/health/ready). */
  checkIntervalMs: number;
  /** A readiness answer slower than this counts as not ready. */
  checkTimeoutMs: number;
}

/**
 * The instances of one service behind the gateway: requests go round-robin to the ready ones. An
 * instance leaves the rotation when its readiness check fails or a request cannot reach it, and
 * comes back when its readiness check answers 2xx again. With one instance there is nothing to
 * choose from: it is always used and never checked (the single-URL configuration works as before).
 * When every instance is out, they are all tried anyway: a wrong "down" must not become an outage.
 */
export class UpstreamPool {
  private readonly logger = new Logger(UpstreamPool.name);
  private readonly down = new Set<string>();
  private next = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    readonly service: string,
    readonly instances: readonly URL[],
    private readonly options: UpstreamPoolOptions,
  ) {
    if (!instances.length) throw new Error(`${service}: at least one instance URL is required`);
  }

  /** The next ready instance other than those in `exclude`; undefined when no other is left. */
  pick(exclude: readonly URL[] = []): URL | undefined {
    const candidates = this.instances.filter((base) => !exclude.includes(base));
    if (!candidates.length) return undefined;
    const ready = candidates.filter((base) => !this.down.has(base.href));
    const from = ready.length ? ready : candidates;
    const chosen = from[this.next % from.length];
    this.next = (this.next + 1) % 1_000_000;
    return chosen;
  }

  /** A request could not reach the instance: out of the rotation until its readiness check passes. */
  markDown(base: URL, reason: string): void {
    if (this.instances.length < 2 || this.down.has(base.href)) return;
    this.down.add(base.href);
    this.logger.warn(`${this.service} instance ${base.origin} taken out of rotation: ${reason}`);
  }

  isReady(base: URL): boolean {
    return !this.down.has(base.href);
  }

  start(): void {
    if (this.instances.length < 2 || this.timer) return;
    // Fire and forget: check() turns any failure into "not ready" and never rejects.
    void this.checkAll();
    this.timer = setInterval(() => void this.checkAll(), this.options.checkIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async checkAll(): Promise<void> {
    await Promise.all(this.instances.map((base) => this.check(base)));
  }

  private async check(base: URL): Promise<void> {
    let ready = false;
    try {
      const answer = await fetch(new URL(`${base.pathname.replace(/\/$/, '')}/health/ready`, base), {
        signal: AbortSignal.timeout(this.options.checkTimeoutMs),
      });
      ready = answer.ok;
      await answer.body?.cancel();
    } catch {
      ready = false;
    }
    if (ready && this.down.delete(base.href)) this.logger.log(`${this.service} instance ${base.origin} ready again; back in rotation`);
    if (!ready) this.markDown(base, 'readiness check failed');
  }
}
