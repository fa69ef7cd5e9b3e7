import { LoggerService } from '@nestjs/common';
import { currentContext } from '@rackeval/messaging';
import { LogLevelName } from '../config/service-config';
import { traceIds } from '../observability/tracing';

const SEVERITY: Record<LogLevelName, number> = { error: 0, warn: 1, log: 2, debug: 3, verbose: 4 };
const LEVEL_NAME: Record<LogLevelName, string> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/**
 * One JSON object per line on stdout, carrying the correlation id (and actor) of the request or
 * event being handled, so one user action can be followed across every service's logs.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly threshold: LogLevelName = 'log',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('verbose', message, rest);
  }

  private emit(level: LogLevelName, message: unknown, rest: unknown[]): void {
    if (SEVERITY[level] > SEVERITY[this.threshold]) return;
    // Nest passes the context name last, and for errors a stack before it.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const stack = level === 'error' && typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
    const scope = currentContext();
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level: LEVEL_NAME[level],
      service: this.service,
      context,
      correlationId: scope?.correlationId,
      actor: scope?.actor,
      ...traceIds(),
      ...(message !== null && typeof message === 'object' && !(message instanceof Error)
        ? (message as Record<string, unknown>)
        : { message: message instanceof Error ? message.message : String(message) }),
    };
    if (message instanceof Error) entry.stack = message.stack;
    if (stack) entry.stack = stack;
    this.write(`${JSON.stringify(entry)}\n`);
  }
}
