import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { IsCountryCode, IsCurrencyCode, IsUtcTimestamp } from '../src/validation';
import { nestedClassesOf, toJsonSchema } from './json-schema';

class Line {
  @IsString() @MaxLength(40) partNumber: string;
  @IsInt() @Min(1) @Max(999) quantity: number;
  @IsCountryCode() countryOfOrigin: string;
}

class Reading {
  @IsString() metric: string;
  @IsOptional() @IsNumber() value?: number;
}

class Fact {
  @IsUUID() id: string;
  @IsUtcTimestamp() occurredAt: string;
}

class Shipment extends Fact {
  @Matches(/^[A-Z]{3}-\d+$/) reference: string;
  @IsIn(['OPEN', 'CLOSED']) state: 'OPEN' | 'CLOSED';
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => Line) lines: Line[];
  @IsOptional() @ValidateNested() @Type(() => Reading) temperature?: Reading;
  @IsArray() @IsString({ each: true }) @Matches(/^[a-z]+$/, { each: true }) tags: string[];
  @IsInt() @IsPositive() pallets: number;
  @IsBoolean() fragile: boolean;
  @IsOptional() @IsCurrencyCode() currency?: string;
}

describe('toJsonSchema', () => {
  it('describes a decorated class: inherited fields first, optional fields not required, nested classes inlined', () => {
    const sut = toJsonSchema(Shipment);

    expect(sut).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        occurredAt: { type: 'string', format: 'date-time', pattern: 'Z$' },
        reference: { type: 'string', pattern: '^[A-Z]{3}-\\d+$' },
        state: { type: 'string', enum: ['OPEN', 'CLOSED'] },
        lines: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            properties: {
              partNumber: { type: 'string', maxLength: 40 },
              quantity: { type: 'integer', minimum: 1, maximum: 999 },
              countryOfOrigin: { type: 'string', pattern: '^[A-Z]{2}$', allOf: [{ pattern: '^[A-Za-z]{2}$' }] },
            },
            required: ['countryOfOrigin', 'partNumber', 'quantity'],
          },
        },
        temperature: {
          type: 'object',
          properties: { metric: { type: 'string' }, value: { type: 'number' } },
          required: ['metric'],
        },
        tags: { type: 'array', items: { type: 'string', pattern: '^[a-z]+$' } },
        pallets: { type: 'integer', exclusiveMinimum: 0 },
        fragile: { type: 'boolean' },
        currency: { type: 'string', pattern: '^[A-Za-z]{3}$' },
      },
      required: ['fragile', 'id', 'lines', 'occurredAt', 'pallets', 'reference', 'state', 'tags'],
    });
    expect(Object.keys(sut.properties!).slice(0, 2)).toEqual(['id', 'occurredAt']);
  });

  it('references nested classes instead of inlining them when asked', () => {
    const sut = toJsonSchema(Shipment, (nested) => ({ $ref: `#/components/schemas/${nested.name}` }));

    expect(sut.properties!.lines.items).toEqual({ $ref: '#/components/schemas/Line' });
    expect(sut.properties!.temperature).toEqual({ $ref: '#/components/schemas/Reading' });
  });

  it('lists the nested classes a payload depends on', () => {
    expect(nestedClassesOf(Shipment)).toEqual([Line, Reading]);
  });

  it('refuses a validator it cannot describe rather than documenting less than is enforced', () => {
    class Unmapped {
      @IsString() @IsUnmapped() name: string;
    }

    expect(() => toJsonSchema(Unmapped)).toThrow('Unmapped.name: no JSON Schema mapping for validator isUnmappedThing');
  });

  it('refuses a nested property without @Type, whose class it cannot know', () => {
    class Untyped {
      @ValidateNested() reading: Reading;
    }

    expect(() => toJsonSchema(Untyped)).toThrow('@ValidateNested() needs @Type');
  });
});

function IsUnmapped(): PropertyDecorator {
  return ValidateBy({ name: 'isUnmappedThing', validator: { validate: () => true } });
}
