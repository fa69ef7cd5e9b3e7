/** The process's exit codes; documented in the README and in `rackeval --help`. */
export const EXIT = {
  OK: 0,
  /** Something unexpected (a bug, a file that cannot be read). */
  FAILURE: 1,
  /** Bad command line or configuration. */
  USAGE: 2,
  /** Not signed in, the token expired, or the credentials were refused (401/403). */
  AUTH: 3,
  /** The server refused the input (400, 413, 415 or 422): the message names the field or line. */
  REFUSED: 4,
  /** Unknown run or upload (404). */
  NOT_FOUND: 5,
  /** An illegal transition or conflict (409), e.g. completing a run that is not RUNNING. */
  CONFLICT: 6,
  /** The gateway or a service stayed unreachable or failing (5xx, network) after the retries; a push can be resumed. */
  UNAVAILABLE: 7,
  /** A file given to `push --attach` that no `file` artifact of the stream names; refused before anything is sent. */
  UNNAMED_FILE: 8,
  /** Interrupted (Ctrl-C); a push can be resumed. */
  INTERRUPTED: 130,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0    success
  1    unexpected failure
  2    bad command line or configuration
  3    not signed in, token expired, or credentials refused (401/403)
  4    input refused by the server (400/413/415/422); the message names the field or line
  5    unknown run or upload (404)
  6    conflict or illegal transition (409)
  7    gateway or service unreachable after retries (push can be resumed: run it again)
  8    push --attach: a file no file artifact of the stream names (nothing was sent)
  130  interrupted (push can be resumed: run it again)`;

/** The server's error body (the one shape every service answers with). */
export interface ServerError {
  statusCode?: number;
  code?: string;
  message?: string | string[];
  details?: Array<{ field: string; message: string }>;
}

/** An error that ends the command with a given exit code and message. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly server?: ServerError & { status?: number },
  ) {
    super(message);
  }
}

export function exitCodeForStatus(status: number): number {
  if (status === 401 || status === 403) return EXIT.AUTH;
  if (status === 404) return EXIT.NOT_FOUND;
  if (status === 409) return EXIT.CONFLICT;
  if (status >= 400 && status < 500) return EXIT.REFUSED;
  return EXIT.UNAVAILABLE;
}

/** The server's refusal as a CliError: its message, and each detail (field or line) on its own line. */
export function serverRefusal(status: number, body: ServerError | undefined, what: string): CliError {
  const message = Array.isArray(body?.message) ? body.message.join('; ') : (body?.message ?? `HTTP ${status}`);
  const details = (body?.details ?? []).map((detail) => `  ${detail.field}: ${detail.message}`);
  const text = [`${what}: ${status}${body?.code ? ` ${body.code}` : ''}: ${message}`, ...details].join('\n');
  return new CliError(text, exitCodeForStatus(status), { ...body, status });
}
