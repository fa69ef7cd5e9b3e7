import { composeDecorators } from '@rackeval/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateBy } from 'class-validator';
import { PRINTABLE_TEXT } from './text';
import { isUtcInstant } from './utc-instant';

/** Bounds of PostgreSQL's integer (int4) and of bigint (int8) as far as a JavaScript number is exact. */
export const INT4_MAX = 2_147_483_647;
export const INT4_MIN = -2_147_483_648;

/**
 * A UTC instant such as `2026-11-20T14:05:00Z` that is a real date (no Feb 30, no year 0000,
 * no hour 24) and that PostgreSQL's timestamptz stores as sent.
 */
export const IsUtcInstant = () =>
  ValidateBy({
    name: 'isUtcInstant',
    validator: {
      validate: (value) => isUtcInstant(value),
      defaultMessage: (args) =>
        `${args?.property ?? 'value'} must be a real UTC date-time such as 2026-11-20T14:05:00Z (years 0001-9999, ending in Z)`,
    },
  });

/** An integer column (int4) in a JSON body: no fractions, no values PostgreSQL would refuse. */
export const IsInt4 = ({ min = INT4_MIN, max = INT4_MAX }: { min?: number; max?: number } = {}) =>
  composeDecorators(
    IsInt({ message: '$property must be an integer' }),
    Min(min, { message: `$property must be at least ${min}` }),
    Max(Math.min(max, INT4_MAX), { message: `$property must be at most ${Math.min(max, INT4_MAX)}` }),
  );

/** A bigint column (int8) in a JSON body or query: whole numbers JavaScript holds exactly, so PostgreSQL never refuses one. */
export const IsInt8 = ({ min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {}) =>
  composeDecorators(
    IsInt({ message: '$property must be an integer' }),
    Min(min, { message: `$property must be at least ${min}` }),
    Max(Math.min(max, Number.MAX_SAFE_INTEGER), { message: `$property must be at most ${Math.min(max, Number.MAX_SAFE_INTEGER)}` }),
  );

/** An integer query or path parameter (`?version=3`): `1.5`, `abc` or values past int4 are a 400 naming it. */
export const IntParam = (bounds: { min?: number; max?: number } = {}) =>
  composeDecorators(
    Type(() => Number),
    IsInt4(bounds),
  );

/** Free text (notes, reasons): 1..max characters, line breaks allowed, never a NUL. */
export const IsText = ({ max, min = 1 }: { max: number; min?: number }) =>
  composeDecorators(
    IsString({ message: '$property must be text' }),
    MinLength(min, { message: `$property must be at least ${min} character(s)` }),
    MaxLength(max, { message: `$property must be at most ${max} characters` }),
    Matches(/^[^\u0000]*$/, { message: '$property must not contain NUL characters (\\u0000)' }),
  );

/** A one-line label (references, lots, sites, part numbers): 1..max printable characters, no control characters. */
export const IsLabel = (max: number) =>
  composeDecorators(
    IsString({ message: '$property must be text' }),
    MinLength(1, { message: '$property must not be empty' }),
    MaxLength(max, { message: `$property must be at most ${max} characters` }),
    Matches(PRINTABLE_TEXT, { message: '$property must be text without control characters' }),
  );

/**
 * A decimal string that fits a `numeric(precision, scale)` column: at most `precision - scale`
 * digits before the point and `scale` after, e.g. numeric(15,3) takes "999999999999.999".
 */
export const IsNumericString = ({ precision, scale, signed = false }: { precision: number; scale: number; signed?: boolean }) => {
  const whole = precision - scale;
  const fraction = scale ? `(\\.\\d{1,${scale}})?` : '';
  return composeDecorators(
    IsString({ message: '$property must be a decimal string such as "1250.00", not a number' }),
    Matches(new RegExp(`^${signed ? '-?' : ''}\\d{1,${whole}}${fraction}$`), {
      message: `$property must be a${signed ? '' : ' non-negative'} decimal string with at most ${whole} digits before the point and ${scale} after`,
    }),
  );
};
