import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '@rackeval/contracts';

/** Configuration that cannot start the service; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads environment variables into a typed, validated configuration object. Each property of the
 * schema class is one variable; defaults are the class's initialisers.
 */
export function loadConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
  const config = plainToInstance(schema, present, { exposeDefaultValues: true });
  const problems = flattenValidationErrors(validateSync(config, { whitelist: true })).map(
    ({ field, messages }) => `${field}: ${messages.join('; ')} (got ${JSON.stringify(env[field] ?? null)})`,
  );
  const crossChecks = (config as { crossCheck?: () => string[] }).crossCheck?.() ?? [];
  if (problems.length || crossChecks.length) throw new ConfigError([...problems, ...crossChecks]);
  return config;
}
