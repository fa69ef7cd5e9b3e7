import { LoggerService } from '@nestjs/common';
import { logLevel, LogEntry } from 'kafkajs';

/** Routes kafkajs's own log lines through the service logger (JSON, with the correlation id). */
export const kafkaLogCreator =
  (logger: LoggerService) =>
  () =>
  ({ level, log, namespace }: LogEntry) => {
    const { message, ...extra } = log;
    const line = `[kafkajs ${namespace}] ${message} ${JSON.stringify(extra)}`;
    if (level === logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
    else logger.debug?.(line);
  };
