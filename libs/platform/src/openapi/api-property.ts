import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';

/** A decimal string (money, kW, percentages): exact, never a float. */
export const DECIMAL_PATTERN = '^-?\\d+(\\.\\d+)?$';

type Options = Omit<ApiPropertyOptions, 'type' | 'format'> & { nullable?: boolean };

/** An ISO 8601 UTC instant as a string; `nullable: true` for one that may not have happened yet. */
export const ApiDateTime = (options: Options = {}): PropertyDecorator =>
  ApiProperty({ type: 'string', format: 'date-time', example: '2026-11-20T14:05:00.000Z', ...options } as ApiPropertyOptions);

/** An exact decimal as a string, e.g. money `1250000.00`. */
export const ApiDecimal = (options: Options = {}): PropertyDecorator =>
  ApiProperty({ type: 'string', pattern: DECIMAL_PATTERN, example: '1250000.00', ...options } as ApiPropertyOptions);

/** A property that may be null, typed: `@ApiNullable(String)` (a bare `string | null` reflects as `object`). */
export const ApiNullable = (type: StringConstructor | NumberConstructor | BooleanConstructor, options: Options = {}): PropertyDecorator =>
  ApiProperty({ type, nullable: true, ...options } as ApiPropertyOptions);
