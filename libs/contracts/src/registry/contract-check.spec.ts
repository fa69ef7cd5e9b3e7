import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, IsInt, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested, validateSync } from 'class-validator';
import { Type } from 'class-transformer';
import fc from 'fast-check';
import { EVENT_REGISTRY } from '../events';
import { passesContract } from './contract-check';
import type { EventDefinition } from './event-definition';

type Payload = Record<string, unknown>;
type PayloadClass = new () => object;

/** Values of the shapes the contracts carry, and a few they refuse. */
const POOL: unknown[] = [
  'RK-G1-0001',
  'G1',
  '2026-11-25T10:00:00Z',
  '2026-11-25T10:00:00.000Z',
  '7f1c2d9e-0000-4000-8000-000000000001',
  '41.50',
  '1000000.00',
  'US',
  'USD',
  'PDX-1',
  'burn-in',
  'rack.power',
  'ines',
  'W',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  1,
  0,
  42,
  true,
  false,
  [],
  ['RK-G1-0002'],
  ['7f1c2d9e-0000-4000-8000-000000000002'],
  '',
  -1,
  2.5,
  null,
  'x'.repeat(300),
  {},
];

const metadataOf = (target: PayloadClass) => getMetadataStorage().getTargetValidationMetadatas(target, '', false, false, undefined);

/** The class class-transformer builds for a nested property, found by letting it build one. */
function nestedClass(target: PayloadClass, property: string): PayloadClass | undefined {
  const single = (plainToInstance(target, { [property]: {} }) as Payload)[property];
  const listed = (plainToInstance(target, { [property]: [{}] }) as Payload)[property];
  const candidate = (Array.isArray(listed) ? listed[0] : undefined) ?? single;
  return candidate && (candidate as object).constructor !== Object ? ((candidate as object).constructor as PayloadClass) : undefined;
}

const failsOn = (target: PayloadClass, payload: Payload, property: string) =>
  validateSync(plainToInstance(target, payload), { whitelist: true, forbidNonWhitelisted: true }).some(
    (error) => error.property === property,
  );

/**
 * A payload class-validator accepts, built field by field from the field's own `@IsIn` values, a
 * valid nested payload (alone or in a list) for nested fields, and the pool; undefined when no such
 * combination passes.
 */
function validPayload(target: PayloadClass, depth = 0): Payload | undefined {
  if (depth > 4) return undefined;
  const metadata = metadataOf(target);
  const payload: Payload = {};
  for (const property of [...new Set(metadata.map((item) => item.propertyName))]) {
    const allowed = metadata
      .filter((item) => item.propertyName === property && Array.isArray(item.constraints?.[0]))
      .flatMap((item) => item.constraints[0] as unknown[]);
    const nested = metadata.some((item) => item.propertyName === property && item.type === 'nestedValidation');
    const inner = nested ? nestedClass(target, property) : undefined;
    const innerPayload = inner ? validPayload(inner, depth + 1) : undefined;
    // Filled fields first, so the base exercises every check it can; left out only when nothing fits.
    const candidates = [...(innerPayload ? [[innerPayload], innerPayload] : []), ...allowed, [allowed[0]], ...POOL, undefined];
    const fitting = candidates.find((candidate) => !failsOn(target, { ...payload, [property]: candidate }, property));
    if (fitting !== undefined) payload[property] = fitting;
  }
  return validateSync(plainToInstance(target, payload), { whitelist: true, forbidNonWhitelisted: true }).length ? undefined : payload;
}

/** Both verdicts on copies of one payload, and what each left of it (the whitelist strips in place). */
function verdicts(target: PayloadClass, payload: Payload, forbidNonWhitelisted: boolean) {
  const quick = plainToInstance(target, structuredClone(payload));
  const reference = plainToInstance(target, structuredClone(payload));
  const passed = passesContract(quick, { forbidNonWhitelisted });
  const errors = validateSync(reference, { whitelist: true, forbidNonWhitelisted });
  return { passed, accepted: errors.length === 0, quick, reference };
}

const definitions = [...EVENT_REGISTRY.values()] as EventDefinition<object>[];
const bases = new Map(definitions.map((definition) => [definition.type, validPayload(definition.payload as PayloadClass) ?? {}]));

describe('passesContract: the quick verdict is class-validator’s', () => {
  it('finds an accepted payload for every event contract, and agrees on it in both directions', () => {
    const missing = definitions
      .filter((definition) => !Object.keys(bases.get(definition.type)!).length)
      .map((definition) => definition.type);
    expect(missing).toEqual([]);
    for (const definition of definitions) {
      for (const forbid of [true, false]) {
        const { passed, accepted } = verdicts(definition.payload as PayloadClass, bases.get(definition.type)!, forbid);
        expect({ type: definition.type, passed }).toEqual({ type: definition.type, passed: accepted });
      }
    }
  });

  it('agrees with validateSync on every contract under random changes to fields, nested items and unknown fields (seeded)', () => {
    const field = fc.oneof(fc.constantFrom(...POOL), fc.jsonValue({ maxDepth: 2 }));
    const change = fc.record({
      key: fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('extra', 'note')),
      value: field,
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(fc.constantFrom(...definitions), fc.array(change, { maxLength: 4 }), fc.boolean(), (definition, changes, forbid) => {
        const target = definition.payload as PayloadClass;
        const payload = structuredClone(bases.get(definition.type)!);
        const keys = Object.keys(payload);
        for (const { key, value, pick } of changes) {
          // Most changes hit a real field (replace it, drop it, or change an item of a nested list); some add an unknown one.
          const name = pick % 4 === 3 || !keys.length ? key : keys[pick % keys.length];
          const current = payload[name];
          if (Array.isArray(current) && current.length && pick % 5 === 0) current[pick % current.length] = value;
          else if (pick % 7 === 0) delete payload[name];
          else payload[name] = value;
        }
        const { passed, accepted, quick, reference } = verdicts(target, payload, forbid);
        expect(passed).toBe(accepted);
        if (passed) expect(JSON.stringify(quick)).toBe(JSON.stringify(reference));
      }),
      { seed: 20261202, numRuns: 3_000 },
    );
  });

  it('strips unknown fields in place when consuming, nested ones included, as validateSync does', () => {
    const definition = definitions.find((candidate) => JSON.stringify(bases.get(candidate.type)).includes('[{'));
    expect(definition).toBeDefined();
    const base = bases.get(definition!.type)!;
    const list = Object.keys(base).find((key) => Array.isArray(base[key]) && typeof (base[key] as unknown[])[0] === 'object')!;
    const payload = { ...base, extra: 1, [list]: [{ ...((base[list] as Payload[])[0] ?? {}), extra: 2 }] };
    const consumed = verdicts(definition!.payload as PayloadClass, payload, false);
    expect(consumed.passed).toBe(true);
    expect(JSON.stringify(consumed.quick)).toBe(JSON.stringify(consumed.reference));
    expect(JSON.stringify(consumed.quick)).not.toContain('extra');
    expect(verdicts(definition!.payload as PayloadClass, payload, true)).toMatchObject({ passed: false, accepted: false });
  });

  it('follows @ValidateIf and leaves what it does not follow to validateSync', () => {
    class Inner {
      @IsString() @MaxLength(3) code!: string;
    }
    class Conditional {
      @IsOptional() @IsInt() count?: number;
      @ValidateIf((object: Conditional) => object.count !== undefined) @IsString() reason?: string;
      @ValidateNested() @Type(() => Inner) inner!: Inner;
    }
    const check = (payload: Payload) => verdicts(Conditional, payload, true);
    expect(check({ inner: { code: 'abc' } })).toMatchObject({ passed: true, accepted: true });
    expect(check({ count: 2, inner: { code: 'abc' } })).toMatchObject({ passed: false, accepted: false });
    expect(check({ count: 2, reason: 'late', inner: { code: 'abc' } })).toMatchObject({ passed: true, accepted: true });
    expect(check({ inner: { code: 'abcd' } })).toMatchObject({ passed: false, accepted: false });
    expect(check({ inner: 'abc' })).toMatchObject({ passed: false, accepted: false });
    expect(check({ inner: null })).toMatchObject({ passed: false, accepted: false });
    // A plain object where a class is expected: class-validator finds no metadata for it and refuses it.
    expect(verdicts(Object as unknown as PayloadClass, { a: 1 }, true)).toMatchObject({ passed: false, accepted: false });
  });
});
