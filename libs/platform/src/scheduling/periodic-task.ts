import { Logger } from '@nestjs/common';

/**
 * Runs `work` every `everyMs` in this process, never two at once: a tick is skipped while the
 * previous run is still going. The timer only says "look now"; whatever must happen once across
 * instances is decided in the database by the work itself. A failure is logged and retried on the
 * next tick. `work` may return a line worth logging.
 */
export class PeriodicTask {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly everyMs: number,
    private readonly work: () => Promise<string | void>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    // Fire and forget: tick() logs a failure itself and never rejects.
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.inFlight;
  }

  /** One run now (also what the timer calls); resolves when it is done. */
  tick(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    this.inFlight = this.work()
      .then((line) => {
        if (line) this.logger.log(line);
      })
      .catch((error: Error) => this.logger.warn(`${this.name} failed, will retry next tick: ${error.message}`))
      .finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }
}
