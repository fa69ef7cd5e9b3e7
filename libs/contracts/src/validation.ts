import { IsISO31661Alpha2, IsISO4217CurrencyCode, IsISO8601, IsString, Matches, MaxLength } from 'class-validator';

/** Composes property decorators so a repeated validation stack is written once. */
export function composeDecorators(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

export const RACK_SERIAL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;
export const GENERATION_CODE_PATTERN = /^[A-Z][A-Z0-9-]{0,15}$/;

/** A rack serial: letters, digits, dot, dash, underscore; 2–64 characters. */
export const IsRackSerial = () =>
  composeDecorators(
    IsString(),
    Matches(RACK_SERIAL_PATTERN, { message: '$property must be a rack serial (letters, digits, . _ -; 2-64 characters)' }),
  );

/** A generation code such as G1 or G2-DLC. */
export const IsGenerationCode = () =>
  composeDecorators(
    IsString(),
    Matches(GENERATION_CODE_PATTERN, { message: '$property must be a generation code such as G1 (upper-case letters, digits, -)' }),
  );

/**
 * An exact decimal carried as a string ("1250000.00"), never a float.
 * `scale` is the largest number of digits allowed after the point.
 */
export const IsDecimalString = (options: { scale: number; signed?: boolean } = { scale: 2 }) =>
  composeDecorators(
    IsString({ message: '$property must be a decimal string such as "1250.00", not a number' }),
    MaxLength(40),
    Matches(new RegExp(`^${options.signed ? '-?' : ''}\\d{1,24}(\\.\\d{1,${options.scale}})?$`), {
      message: `$property must be a${options.signed ? '' : ' non-negative'} decimal string with at most ${options.scale} decimal places`,
    }),
  );

/** An ISO-8601 instant in UTC (ending in Z). */
export const IsUtcTimestamp = () =>
  composeDecorators(
    IsISO8601({ strict: true }, { message: '$property must be an ISO-8601 timestamp' }),
    Matches(/Z$/, { message: '$property must be in UTC (ending in Z)' }),
  );

/** ISO 3166-1 alpha-2 country code, upper case. */
export const IsCountryCode = () =>
  composeDecorators(
    Matches(/^[A-Z]{2}$/, { message: '$property must be an ISO 3166-1 alpha-2 code in upper case, such as US' }),
    IsISO31661Alpha2({ message: '$property must be an ISO 3166-1 alpha-2 country code' }),
  );

/** ISO 4217 currency code. */
export const IsCurrencyCode = () =>
  composeDecorators(IsISO4217CurrencyCode({ message: '$property must be an ISO 4217 currency code such as USD' }));
