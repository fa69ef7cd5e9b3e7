import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts/security');
/** Every line the services, the gateway and their migrations wrote during the suite. */
export const SERVICE_LOG = path.join(ARTIFACTS, 'services.log');

const started = Date.now();
const terminal = process.stderr.write.bind(process.stderr);

/** Progress lines on the terminal with seconds since start; the tables go to stdout. */
export function log(message: string): void {
  terminal(`[security ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
}

/**
 * The child processes echo their output to this process's stderr (TEST_CHILD_OUTPUT): divert all of
 * it to one file, so the log check reads every line they wrote and the terminal stays readable.
 */
export function captureChildOutput(): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(SERVICE_LOG, '');
  process.env.TEST_CHILD_OUTPUT = '1';
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    appendFileSync(SERVICE_LOG, chunk);
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stderr.write;
}

/** For a fatal error: straight to the terminal, whatever was diverted. */
export const printError = (text: string) => terminal(text);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
