/**
 * fast-check arbitraries from an OpenAPI schema: mostly values the schema describes (its examples,
 * enums and bounds, so some bodies get through validation and reach the rules and the database),
 * mixed at every node with values a validator may wave through but PostgreSQL would refuse.
 */
import fc from 'fast-check';
import { JsonSchema as Schema } from '../policy/route-inventory';

/** Each of these once broke, or could break, a service that trusted its validator alone. */
const HOSTILE: unknown[] = [
  null,
  '',
  '\u0000',
  'a\u0000b',
  'x'.repeat(70_000),
  '2026-02-30T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '99999999999999999999.99999',
  "'; DROP TABLE x; --",
  '=HYPERLINK("http://evil.example")',
  '\uD800',
  -1,
  0,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 63,
  Number.MAX_VALUE,
  1e-320,
  true,
  [],
  {},
  { __proto__: { admin: true } },
  JSON.parse('{"__proto__": {"polluted": true}}'),
];

const DEPTH_LIMIT = 6;

function resolve(schema: Schema, components: Record<string, Schema>): Schema {
  let current = schema;
  for (let hops = 0; current?.$ref && hops < 10; hops++) current = components[String(current.$ref).split('/').pop()!] ?? {};
  if (current?.allOf) return Object.assign({}, ...current.allOf.map((part: Schema) => resolve(part, components)));
  return current ?? {};
}

/** Values of real rows by field name (a metric the criteria know, the fixture's rack), so plausible bodies pass the rules too. */
export type Hints = Record<string, readonly unknown[]>;

/** A body as the schema's examples describe it: most get through validation and reach the rules. */
function plausible(schema: Schema, components: Record<string, Schema>, depth: number, hints: Hints): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  if (s.example !== undefined) return fc.constant(s.example);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'object': {
      const properties: Record<string, Schema> = depth > DEPTH_LIMIT ? {} : (s.properties ?? {});
      const field = (name: string, part: Schema) =>
        hints[name]?.length ? fc.constantFrom(...hints[name]) : plausible(part, components, depth + 1, hints);
      return fc.record(Object.fromEntries(Object.entries(properties).map(([name, part]) => [name, field(name, part)])), {
        requiredKeys: (s.required ?? []).filter((name: string) => name in properties),
      });
    }
    case 'array':
      return fc.array(plausible(s.items ?? {}, components, depth + 1, hints), { minLength: Math.max(1, s.minItems ?? 0), maxLength: 2 });
    case 'integer':
      return fc.integer({ min: s.minimum ?? 0, max: s.maximum ?? 1000 });
    case 'number':
      return fc.integer({ min: s.minimum ?? 0, max: s.maximum ?? 1000 });
    case 'boolean':
      return fc.boolean();
    case 'string':
      return fc.stringMatching(/^[A-Z][A-Za-z0-9-]{2,12}$/);
    default:
      return fc.constant({});
  }
}

/** A third of the bodies plausible, the rest mutated at any depth. */
export function bodyArbitrary(schema: Schema, components: Record<string, Schema>, hints: Hints = {}): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 1, arbitrary: plausible(schema, components, 0, hints) },
    { weight: 2, arbitrary: arbitraryFor(schema, components) },
  );
}

function typed(schema: Schema, components: Record<string, Schema>, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum?.length) return fc.oneof(fc.constantFrom(...schema.enum), fc.string({ maxLength: 12 }));
  if (schema.oneOf || schema.anyOf)
    return fc.oneof(...(schema.oneOf ?? schema.anyOf ?? []).map((part: Schema) => arbitraryFor(part, components, depth + 1)));
  const example = schema.example !== undefined ? [fc.constant(schema.example)] : [];
  switch (schema.type) {
    case 'object': {
      if (depth > DEPTH_LIMIT) return fc.constant({});
      const properties: Record<string, Schema> = schema.properties ?? {};
      const record = Object.fromEntries(
        Object.entries(properties).map(([name, part]) => [name, arbitraryFor(part, components, depth + 1)]),
      );
      const required = (schema.required ?? []).filter((name: string) => name in properties);
      const shaped = fc.record(record, { requiredKeys: required });
      // Sometimes a field the DTO does not declare, or a required one missing.
      return fc.oneof(
        { weight: 8, arbitrary: shaped },
        { weight: 1, arbitrary: shaped.map((value) => ({ ...value, unexpectedField: 'x' })) },
        { weight: 1, arbitrary: fc.record(record, { requiredKeys: [] }) },
      );
    }
    case 'array': {
      const maxLength = Math.min(schema.maxItems ?? 4, 4);
      return fc.array(arbitraryFor(schema.items ?? {}, components, depth + 1), {
        minLength: Math.min(schema.minItems ?? 0, maxLength),
        maxLength,
      });
    }
    case 'integer':
      return fc.oneof(...example, fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1_000_000 }), fc.integer());
    case 'number':
      return fc.oneof(...example, fc.integer({ min: 0, max: 10_000 }), fc.double({ noNaN: true }));
    case 'boolean':
      return fc.boolean();
    case 'string':
      return fc.oneof(
        ...example,
        ...example,
        fc.string({ maxLength: schema.maxLength ?? 40 }),
        fc.string({ unit: 'binary', maxLength: 24 }),
        fc
          .date({ min: new Date(-62_000_000_000_000), max: new Date(300_000_000_000_000), noInvalidDate: true })
          .map((d) => d.toISOString()),
      );
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

export function arbitraryFor(schema: Schema, components: Record<string, Schema>, depth = 0): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, components);
  return fc.oneof({ weight: 14, arbitrary: typed(resolved, components, depth) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE) });
}

/** Text bodies (CSV manifests, OCPTV lines): a plausible first line, then lines of arbitrary cells. */
export function textBodyArbitrary(header: string): fc.Arbitrary<string> {
  const cell = fc.oneof(
    fc.string({ maxLength: 16 }),
    fc.constantFrom(...HOSTILE.filter((v): v is string => typeof v === 'string' && v.length < 100)),
  );
  const line = fc.array(cell, { minLength: 1, maxLength: 14 }).map((cells) => cells.join(','));
  return fc.array(line, { maxLength: 6 }).map((lines) => [header, ...lines].join('\n'));
}
