import { Command, InvalidArgumentError, Option } from 'commander';
import { connect, RetryOptions } from './api';
import { completeRun, listRuns, showRun, startRun } from './commands/runs';
import { login } from './commands/login';
import { push } from './commands/push';
import { tail } from './commands/tail';
import { GlobalOptions, resolveSettings } from './config';
import { EXIT_CODES_HELP } from './exit-codes';
import { createOutput, Output } from './output';

const positiveInt =
  (name: string, max = Number.MAX_SAFE_INTEGER) =>
  (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${max}`);
    return n;
  };

const CONFIG_HELP = `
Configuration (a flag wins over the environment, which wins over the config file):
  --url        RACKEVAL_URL      "url"    the gateway (default http://127.0.0.1:3000)
  --token      RACKEVAL_TOKEN    "token"  a bearer token (login stores one in the file)
               RACKEVAL_CLIENT_ID / RACKEVAL_CLIENT_SECRET  "clientId"/"clientSecret"  a service account (tokens renewed)
  --config     RACKEVAL_CONFIG            the file: ~/.config/rackeval/config.json (0600)`;

/** The command line. `signal` aborts long commands (push, tail) on Ctrl-C. */
export function buildProgram(signal: AbortSignal): Command {
  const program = new Command('rackeval')
    .description('Harness CLI for rackeval: sign in, drive runs, push measurements (resumable), follow a run live')
    .version('0.1.0')
    .option('--url <url>', 'gateway URL')
    .option('--token <token>', 'bearer token (instead of the stored one)')
    .option('--config <file>', 'config file')
    .option('--json', 'machine-readable output on stdout (one JSON document, or JSON lines for tail)')
    .option('--retries <n>', 'attempts for a request that failed on the network or with 429/5xx', positiveInt('--retries', 100), 8)
    .showHelpAfterError()
    .addHelpText('after', `${CONFIG_HELP}\n${EXIT_CODES_HELP}`);

  const context = () => {
    const globals = program.opts<GlobalOptions & { retries: number }>();
    const settings = resolveSettings(globals);
    const out: Output = createOutput(settings.json);
    const retry: RetryOptions = {
      attempts: globals.retries,
      signal,
      onRetry: (why, waitMs) => out.note(`${why}; retrying in ${(waitMs / 1000).toFixed(1)} s`, true),
    };
    return { settings, out, retry };
  };

  program
    .command('login')
    .description(
      'sign in with a user name and password, or as a service account (client credentials), and keep the token in the config file',
    )
    .option('-u, --username <name>', 'user name (else RACKEVAL_USERNAME, else asked)')
    .option('--password-stdin', 'read the password from stdin (else RACKEVAL_PASSWORD, else asked without echo)')
    .option('--client-id <id>', 'service account client id (else RACKEVAL_CLIENT_ID)')
    .option('--client-secret <secret>', 'service account secret (else RACKEVAL_CLIENT_SECRET; a flag shows in the process list)')
    .option('--client-secret-stdin', 'read the service account secret from stdin')
    .addHelpText(
      'after',
      '\nA service account (created by an admin) signs in with --client-id and a secret; its id and secret are kept in the\nconfig file (0600) and every later command obtains a new short-lived token when the last one is about to expire.\nWithout login, RACKEVAL_CLIENT_ID and RACKEVAL_CLIENT_SECRET do the same for one command.',
    )
    .action(async (options) => {
      const { settings, out } = context();
      await login(settings, options, out);
    });

  const runs = program.command('runs').description('list, show, start and complete test runs');
  runs
    .command('list')
    .description('runs, newest first, with filters')
    .option('--rack <serial>')
    .option('--state <state>', 'SCHEDULED, RUNNING, COMPLETED or ABORTED')
    .option('--generation <code>')
    .option('--suite <key>')
    .option('--bay <code>')
    .option('--limit <n>', 'runs per page (1-500)', positiveInt('--limit', 500), 50)
    .option('--cursor <cursor>', 'the page after this cursor')
    .option('--all', 'every page')
    .action(async (options) => {
      const { settings, out, retry } = context();
      await listRuns(connect(settings), options, retry, out);
    });
  runs
    .command('show <run>')
    .description('one run with its history')
    .action(async (id: string) => {
      const { settings, out, retry } = context();
      await showRun(connect(settings), id, retry, out);
    });
  runs
    .command('start [run]')
    .description('start a scheduled run, or schedule one with --rack --suite --bay and start it')
    .option('--rack <serial>')
    .option('--suite <key>')
    .option('--bay <code>')
    .action(async (id: string | undefined, options) => {
      const { settings, out, retry } = context();
      await startRun(connect(settings), id, options, retry, out);
    });
  runs
    .command('complete <run>')
    .description('complete a RUNNING run (the run is then judged)')
    .action(async (id: string) => {
      const { settings, out, retry } = context();
      await completeRun(connect(settings), id, retry, out);
    });

  program
    .command('push <run> <file>')
    .description('push measurements to a run: OCPTV JSONL, NDJSON or CSV, from a file or - (stdin); resumable, stores nothing twice')
    .addOption(new Option('--format <format>', 'input format (else from the name and first line)').choices(['ocptv', 'ndjson', 'csv']))
    .option('--chunk-bytes <n>', 'OCPTV: bytes per chunk (whole lines)', positiveInt('--chunk-bytes', 256 * 1024 ** 2), 4 * 1024 ** 2)
    .option('--batch-rows <n>', 'NDJSON/CSV: measurements per batch (1-10000)', positiveInt('--batch-rows', 10_000), 5_000)
    .option('--stream-id <id>', 'stdin: names the stream, so running the same harness again resumes it (it must replay the same bytes)')
    .option('--flush-seconds <n>', 'stdin: send whole lines that waited this long', positiveInt('--flush-seconds', 3600), 2)
    .option('--progress-interval <n>', 'seconds between progress lines when not on a terminal', positiveInt('--progress-interval', 3600), 5)
    .option('-q, --quiet', 'no progress')
    .option(
      '--attach <path>',
      'OCPTV: send this file with the stream, as the attachment of the file artifact naming it (uri last segment or displayName); repeatable',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--attach-from <dir>',
      "OCPTV: send each file artifact's file found in this folder (by its uri's last segment, else its displayName)",
    )
    .addHelpText(
      'after',
      "\nOCPTV goes through a resumable upload (the server keeps how many bytes of this file it stored); NDJSON and CSV\ngo in batches whose Idempotency-Key is derived from the file digest and batch index. Run the same command again\nafter a cut or a kill: what is stored is skipped. A refusal prints the server's error with the line number (exit 4).\n\nWith --attach or --attach-from, an OCPTV file goes in one multipart/form-data request instead, with the files its\nfile artifacts name, each stored as an attachment of the run; the run takes all of it or none (not resumable).\nA given file no file artifact names is refused before anything is sent (exit 8); an artifact whose file is not\ngiven is warned about and stays a reference. Content types from the extension: .log/.txt text/plain, .json\napplication/json, .png image/png, .jpg/.jpeg image/jpeg, .pdf application/pdf, .gz application/gzip,\n.zip application/zip, else application/octet-stream. A file refused by the server (400/413/415) is named (exit 4).",
    )
    .action(async (id: string, file: string, options) => {
      const { settings, out, retry } = context();
      await push(connect(settings), id, file, options, retry, out);
    });

  program
    .command('tail <run>')
    .description('follow a run: its measurements as they are stored and its verdict, until it has ended and been judged')
    .option('--backlog <n>', 'measurements already stored shown first', positiveInt('--backlog', 100_000), 10)
    .option('--metric <name>', 'only this metric')
    .option('-f, --follow', 'keep following after the run ended and was judged')
    .option('--interval <seconds>', 'seconds between polls when idle', positiveInt('--interval', 600), 2)
    .action(async (id: string, options) => {
      const { settings, out, retry } = context();
      await tail(
        connect(settings),
        id,
        { backlog: options.backlog, follow: options.follow, intervalSeconds: options.interval, metric: options.metric },
        retry,
        out,
        signal,
      );
    });

  return program;
}
