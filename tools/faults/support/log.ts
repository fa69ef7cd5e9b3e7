const started = Date.now();

/** Progress lines on stderr with seconds since start; the table goes to stdout. */
export function log(message: string): void {
  process.stderr.write(`[faults ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
