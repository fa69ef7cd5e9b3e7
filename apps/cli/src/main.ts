import { CommanderError } from 'commander';
import { CliError, EXIT } from './exit-codes';
import { buildProgram } from './program';

/** Runs the command line and answers with its exit code (never throws). */
export async function run(argv: string[], signal: AbortSignal): Promise<number> {
  const program = buildProgram(signal).exitOverride();
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv);
    return EXIT.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, successfully.
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (error instanceof CliError) {
      report(json, error.message, error.exitCode, error.server);
      return error.exitCode;
    }
    report(json, `unexpected failure: ${(error as Error)?.stack ?? String(error)}`, EXIT.FAILURE);
    return EXIT.FAILURE;
  }
}

function report(json: boolean, message: string, exitCode: number, server?: object): void {
  if (json) process.stdout.write(`${JSON.stringify({ error: { message, exitCode, ...(server ? { server } : {}) } })}\n`);
  process.stderr.write(`rackeval: ${message}\n`);
}

/** The process: Ctrl-C aborts a push or tail cleanly (a second one exits at once). */
export function main(): void {
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT.INTERRUPTED);
    controller.abort();
  });
  // run() reports every failure itself and resolves to the exit code.
  void run(process.argv, controller.signal).then((code) => {
    process.exitCode = code;
  });
}
