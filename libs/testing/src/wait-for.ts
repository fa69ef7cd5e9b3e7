export interface PollOptions {
  timeoutMs?: number;
  /** Pause before the second probe. */
  intervalMs?: number;
  /** Each pause is this many times the previous one (1: a steady pace), up to `maxIntervalMs`. */
  backoff?: number;
  maxIntervalMs?: number;
}

/** Thrown by a probe when waiting longer cannot help (the process it waits for has exited): the wait fails at once. */
export class GaveUp extends Error {
  override readonly name = 'GaveUp';
}

/**
 * Polls until `probe` returns a value other than undefined/false, or fails naming what it waited
 * for. A probe that throws is asked again, unless it throws `GaveUp`.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 15_000, intervalMs = 50, backoff = 1, maxIntervalMs = Infinity }: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      if (error instanceof GaveUp) throw new Error(`gave up waiting for ${what}: ${error.message}`);
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    intervalMs = Math.min(intervalMs * backoff, maxIntervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
