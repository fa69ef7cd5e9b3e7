import { isInfrastructureError } from '../inbox/failure-classification';

/** How long a service keeps trying to reach Kafka at start (topics, consumer) before it gives up starting. */
export const KAFKA_START_RETRY_MS = 120_000;

export interface StartRetryOptions {
  /** How long infrastructure failures are retried before the last one is thrown. */
  withinMs: number;
  /** Runs after each failed attempt that will be retried (to log it, and to drop what the attempt left half-built). */
  afterFailure?: (error: unknown, attempt: number) => Promise<void> | void;
  /** Checked before each retry: true (the service is shutting down) throws the last failure at once. */
  stopped?: () => boolean;
}

/**
 * Starts something that talks to Kafka (topic provisioning; a consumer's connect, subscribe and run), retrying a
 * failure of the infrastructure (a broker away, a broker of a cluster that does not host a topic
 * just created yet) with a growing pause of up to 5 s. Any other failure (an ACL that refuses the
 * principal, say) is the service's own and is thrown at once.
 */
export async function startRetrying<T>(start: () => Promise<T>, options: StartRetryOptions): Promise<T> {
  const deadline = Date.now() + options.withinMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start();
    } catch (error) {
      if (!isInfrastructureError(error) || Date.now() >= deadline || options.stopped?.()) throw error;
      await options.afterFailure?.(error, attempt);
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * attempt, 5_000)));
    }
  }
}
