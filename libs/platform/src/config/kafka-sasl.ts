import type { KafkaSasl } from '@rackeval/messaging';
import { IsIn, IsOptional, IsString, Matches, MinLength, ValidateIf } from 'class-validator';
import { composeDecorators } from '@rackeval/contracts';

export const KAFKA_SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain', 'none'] as const;
export type KafkaSaslMechanismName = (typeof KAFKA_SASL_MECHANISMS)[number];

/** The three KAFKA_SASL_* variables, read by every process that connects to Kafka. */
export interface KafkaSaslVariables {
  KAFKA_SASL_MECHANISM: KafkaSaslMechanismName;
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD: string;
}

/** KAFKA_SASL_MECHANISM: how to authenticate; `none` only for a broker without authentication (refused in production). */
export const IsKafkaSaslMechanism = () =>
  IsIn([...KAFKA_SASL_MECHANISMS], { message: `$property must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}` });
/** KAFKA_SASL_USERNAME: the principal; by default the application's own, `rackeval-<name>`. */
export const IsKafkaSaslUsername = () =>
  composeDecorators(
    IsOptional(),
    Matches(/^[\w.@-]{1,255}$/, { message: '$property must be a Kafka user name (letters, digits, . _ @ -)' }),
  );
/** KAFKA_SASL_PASSWORD: required unless the mechanism is `none`. */
export const IsKafkaSaslPassword = () =>
  composeDecorators(
    ValidateIf((config: KafkaSaslVariables) => config.KAFKA_SASL_MECHANISM !== 'none'),
    IsString(),
    MinLength(1, { message: '$property must be set when KAFKA_SASL_MECHANISM is not none' }),
  );

/** The kafkajs SASL options of an application whose own principal is `defaultUsername`. */
export function kafkaSaslOf(config: KafkaSaslVariables, defaultUsername: string): KafkaSasl | undefined {
  if (config.KAFKA_SASL_MECHANISM === 'none') return undefined;
  return {
    mechanism: config.KAFKA_SASL_MECHANISM,
    username: config.KAFKA_SASL_USERNAME ?? defaultUsername,
    password: config.KAFKA_SASL_PASSWORD,
  };
}

/** Production never talks to an unauthenticated broker. */
export function kafkaSaslProblems(config: KafkaSaslVariables & { NODE_ENV: string }): string[] {
  return config.NODE_ENV === 'production' && config.KAFKA_SASL_MECHANISM === 'none'
    ? ['KAFKA_SASL_MECHANISM: none is refused in production; every service authenticates to Kafka as its own principal']
    : [];
}
