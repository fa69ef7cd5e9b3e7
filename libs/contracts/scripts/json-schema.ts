import type { MetadataStorage as TransformerMetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// class-transformer keeps @Type() targets in a singleton its index does not export.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage: transformerStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TransformerMetadataStorage;
};

export type ClassType = new (...args: never[]) => object;

/** The subset of JSON Schema (draft-07, as AsyncAPI schemas use) the contracts need. */
export interface JsonSchema {
  $ref?: string;
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: Array<string | number | boolean>;
  const?: string;
  format?: string;
  pattern?: string;
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

/** How a nested class appears in the parent's schema: by default inlined, or a `$ref`. */
export type NestedSchema = (nested: ClassType) => JsonSchema;

// validator's ISO checks upper-case their input first, so the pattern accepts either case.
const COUNTRY_CODE = '^[A-Za-z]{2}$';
const CURRENCY_CODE = '^[A-Za-z]{3}$';

// Optional/conditional decide `required`; @IsDefined and @Allow add nothing to the shape.
const IGNORED = new Set<string>([ValidationTypes.CONDITIONAL_VALIDATION, ValidationTypes.IS_DEFINED, ValidationTypes.WHITELIST]);

type Rule = (schema: JsonSchema, constraints: unknown[]) => void;

/** One entry per class-validator constraint the contracts use; anything else is refused. */
const RULES: Record<string, Rule> = {
  isString: (s) => setType(s, 'string'),
  isInt: (s) => setType(s, 'integer'),
  isNumber: (s) => setType(s, 'number'),
  isBoolean: (s) => setType(s, 'boolean'),
  isArray: (s) => setType(s, 'array'),
  isIn: (s, [values]) => {
    s.enum = [...(values as Array<string | number | boolean>)];
    const types = new Set(s.enum.map((value) => typeof value));
    if (types.size === 1 && types.has('string')) setType(s, 'string');
  },
  matches: (s, [pattern]) => addPattern(s, pattern instanceof RegExp ? pattern.source : String(pattern)),
  min: (s, [value]) => numeric(s, 'minimum', value as number),
  max: (s, [value]) => numeric(s, 'maximum', value as number),
  isPositive: (s) => numeric(s, 'exclusiveMinimum', 0),
  minLength: (s, [value]) => stringBound(s, 'minLength', value as number),
  maxLength: (s, [value]) => stringBound(s, 'maxLength', value as number),
  arrayMinSize: (s, [value]) => arrayBound(s, 'minItems', value as number),
  arrayMaxSize: (s, [value]) => arrayBound(s, 'maxItems', value as number),
  isUuid: (s) => format(s, 'uuid'),
  isIso8601: (s) => format(s, 'date-time'),
  isISO31661Alpha2: (s) => addPattern(s, COUNTRY_CODE),
  isISO4217CurrencyCode: (s) => addPattern(s, CURRENCY_CODE),
};

/**
 * JSON Schema of a class-validator-decorated class, read from the same metadata `validate()` uses,
 * so the documented contract cannot drift from the enforced one. Inherited properties come first,
 * in declaration order; a property is required unless `@IsOptional()` or `@ValidateIf()` marks it.
 */
export function toJsonSchema(target: ClassType, nested: NestedSchema = (type) => toJsonSchema(type, nested)): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [property, metadata] of propertiesOf(target)) {
    const schema = propertySchema(target, property, metadata, nested);
    properties[property] = schema;
    if (!metadata.some((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION)) required.push(property);
  }
  return { type: 'object', properties, ...(required.length ? { required: required.sort() } : {}) };
}

/** Classes referenced by `@ValidateNested()` properties of `target` (not recursive). */
export function nestedClassesOf(target: ClassType): ClassType[] {
  const found = new Set<ClassType>();
  for (const [property, metadata] of propertiesOf(target)) {
    if (metadata.some((m) => m.type === ValidationTypes.NESTED_VALIDATION)) found.add(nestedClass(target, property));
  }
  return [...found];
}

function propertiesOf(target: ClassType): Map<string, ValidationMetadata[]> {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  // Base classes first, then the class itself, each in declaration order.
  const chain = lineage(target);
  const depth = (owner: ValidationMetadata['target']) => chain.indexOf(owner as ClassType);
  const sorted = metadata.map((m, index) => ({ m, index })).sort((a, b) => depth(a.m.target) - depth(b.m.target) || a.index - b.index);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const { m } of sorted) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  return byProperty;
}

function lineage(target: ClassType): ClassType[] {
  const chain: ClassType[] = [];
  for (let type: unknown = target; typeof type === 'function' && type !== Function.prototype; type = Object.getPrototypeOf(type)) {
    chain.unshift(type as ClassType);
  }
  return chain;
}

function propertySchema(target: ClassType, property: string, metadata: ValidationMetadata[], nested: NestedSchema): JsonSchema {
  const where = `${target.name}.${property}`;
  const value: JsonSchema = {};
  const items: JsonSchema = {};
  for (const m of metadata) {
    const schema = m.each ? items : value;
    if (m.each) setType(value, 'array');
    if (IGNORED.has(m.type)) continue;
    if (m.type === ValidationTypes.NESTED_VALIDATION) {
      Object.assign(schema, nested(nestedClass(target, property)));
      continue;
    }
    const rule = m.type === ValidationTypes.CUSTOM_VALIDATION && m.name ? RULES[m.name] : undefined;
    if (!rule) throw new Error(`${where}: no JSON Schema mapping for validator ${m.name ?? m.type}; add one to RULES`);
    try {
      rule(schema, m.constraints ?? []);
    } catch (error) {
      throw new Error(`${where}: ${(error as Error).message}`);
    }
  }
  if (Object.keys(items).length) value.items = ordered(items);
  return ordered(value);
}

// Keywords in one reading order, whatever order the decorators ran in.
const KEYWORDS: Array<keyof JsonSchema> = [
  '$ref',
  'type',
  'description',
  'format',
  'enum',
  'const',
  'pattern',
  'allOf',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'properties',
  'required',
  'items',
];

function ordered(schema: JsonSchema): JsonSchema {
  return Object.fromEntries(KEYWORDS.filter((keyword) => schema[keyword] !== undefined).map((keyword) => [keyword, schema[keyword]]));
}

/** The class named by `@Type(() => X)`, which validation itself needs to build nested instances. */
function nestedClass(target: ClassType, property: string): ClassType {
  const type = transformerStorage.findTypeMetadata(target, property)?.typeFunction() as ClassType | undefined;
  if (!type) throw new Error(`${target.name}.${property}: @ValidateNested() needs @Type(() => Class) to name the nested class`);
  return type;
}

// Decorators run bottom-up, so `@IsInt() @Min(1)` reports Min (a number) before IsInt: an
// integer narrows a number whichever comes first.
function setType(schema: JsonSchema, type: NonNullable<JsonSchema['type']>): void {
  const numbers = new Set([schema.type, type]);
  if (numbers.has('integer') && numbers.has('number')) schema.type = 'integer';
  else if (schema.type && schema.type !== type) throw new Error(`conflicting types ${schema.type} and ${type}`);
  else schema.type = type;
}

function addPattern(schema: JsonSchema, pattern: string): void {
  setType(schema, 'string');
  if (schema.pattern === undefined) schema.pattern = pattern;
  else if (schema.pattern !== pattern && !schema.allOf?.some((part) => part.pattern === pattern)) {
    // JSON Schema allows one `pattern` per schema: further ones must all hold too.
    schema.allOf = [...(schema.allOf ?? []), { pattern }];
  }
}

function format(schema: JsonSchema, name: string): void {
  setType(schema, 'string');
  schema.format = name;
}

function numeric(schema: JsonSchema, keyword: 'minimum' | 'maximum' | 'exclusiveMinimum', value: number): void {
  setType(schema, 'number');
  schema[keyword] = value;
}

function stringBound(schema: JsonSchema, keyword: 'minLength' | 'maxLength', value: number): void {
  setType(schema, 'string');
  schema[keyword] = value;
}

function arrayBound(schema: JsonSchema, keyword: 'minItems' | 'maxItems', value: number): void {
  setType(schema, 'array');
  schema[keyword] = value;
}
