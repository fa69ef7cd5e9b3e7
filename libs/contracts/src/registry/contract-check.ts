import { getMetadataStorage, MetadataStorage, ValidationArguments, ValidationTypes, ValidatorConstraintInterface } from 'class-validator';

type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

/**
 * class-validator's verdict on a payload instance, without its per-call metadata lookups.
 *
 * `validateSync` looks a class's decorators up again for every object it validates, nested ones
 * included, by scanning every class that has any; for event payloads that lookup cost more than the
 * checks themselves, and payload validation was the largest single item of the consumers' own CPU.
 * Here each class's decorators are looked up once (the same list, by the same call, that
 * `validateSync` makes), with each constraint's validator taken from class-validator's container
 * (nothing here calls `useContainer`), and `validateSync`'s walk is followed step for step: the
 * whitelist, the conditions (`@IsOptional`, `@ValidateIf`), each validator's own `validate` with
 * the same arguments (each item for `each: true`), nested objects and arrays.
 *
 * Only the verdict is computed. `false` means the payload fails somewhere; `validateSync` is then
 * run to name every failure, as before. `undefined` means a class uses what this walk does not
 * follow (`@IsDefined`, promise validation, a constraint answering with a promise): `validateSync`
 * decides. A property the whitelist strips is deleted here as `validateSync` would delete it.
 */
export function passesContract(instance: object, options: { forbidNonWhitelisted: boolean }): boolean | undefined {
  return passes(instance as Record<string, unknown>, undefined, options.forbidNonWhitelisted);
}

interface Constrained {
  metadata: ValidationMetadata;
  /** Its constraints' validators, taken from the container once; asynchronous ones are left out, as validateSync leaves them. */
  validators: ValidatorConstraintInterface[];
}

interface PropertyPlan {
  name: string;
  conditions: ValidationMetadata[];
  checks: Constrained[];
  nested: ValidationMetadata[];
}

interface ClassPlan {
  /** `groupByPropertyName`'s object: the whitelist asks it exactly as `validateSync` does. */
  grouped: Record<string, ValidationMetadata[]>;
  properties: PropertyPlan[];
  /** No metadata at all: `validateSync` answers "an unknown value was passed" (forbidUnknownValues). */
  unknown: boolean;
}

const UNSUPPORTED = 'unsupported';
type Plan = ClassPlan | typeof UNSUPPORTED;

/** Plans by class, then by the schema name `validateSync` passes along (none at the top, the parent class's name when nested). */
const plans = new WeakMap<object, Map<string | undefined, Plan>>();

function planOf(target: object, schema: string | undefined): Plan {
  let bySchema = plans.get(target);
  if (!bySchema) plans.set(target, (bySchema = new Map()));
  let plan = bySchema.get(schema);
  if (!plan) bySchema.set(schema, (plan = buildPlan(target as new () => object, schema)));
  return plan;
}

function buildPlan(target: new () => object, schema: string | undefined): Plan {
  const storage = getMetadataStorage();
  // The arguments validateSync's executor passes with no options but the whitelist ones: always false, strictGroups false, no groups.
  const metadata = storage.getTargetValidationMetadatas(target, schema as string, false, false, undefined);
  const grouped = storage.groupByPropertyName(metadata);
  const properties: PropertyPlan[] = [];
  for (const name of Object.keys(grouped)) {
    const plan: PropertyPlan = { name, conditions: [], checks: [], nested: [] };
    for (const item of grouped[name]) {
      switch (item.type) {
        case ValidationTypes.WHITELIST:
          break;
        case ValidationTypes.CONDITIONAL_VALIDATION:
          plan.conditions.push(item);
          break;
        case ValidationTypes.NESTED_VALIDATION:
          plan.nested.push(item);
          break;
        case ValidationTypes.CUSTOM_VALIDATION:
          plan.checks.push({
            metadata: item,
            validators: storage
              .getTargetValidatorConstraints(item.constraintCls)
              .filter((constraint) => !constraint.async)
              .map((constraint) => constraint.instance),
          });
          break;
        default:
          return UNSUPPORTED;
      }
    }
    properties.push(plan);
  }
  return { grouped, properties, unknown: metadata.length === 0 };
}

const isCollection = (value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> =>
  Array.isArray(value) || value instanceof Set || value instanceof Map;

const isPromise = (value: unknown): boolean => value instanceof Promise;

function passes(object: Record<string, unknown>, schema: string | undefined, forbid: boolean): boolean | undefined {
  if (typeof object.constructor !== 'function') return undefined;
  const plan = planOf(object.constructor, schema);
  if (plan === UNSUPPORTED) return undefined;
  if (plan.unknown) return false;
  for (const key of Object.keys(object)) {
    const known = plan.grouped[key];
    if (known && known.length > 0) continue;
    if (forbid) return false;
    delete object[key];
  }
  for (const property of plan.properties) {
    const value = object[property.name];
    let applies = true;
    for (const condition of property.conditions) applies = (condition.constraints[0] as ConditionFn)(object, value) && applies;
    if (!applies) continue;
    let args: ValidationArguments | undefined;
    for (const { metadata, validators } of property.checks) {
      if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
      args ??= { targetName: object.constructor.name, property: property.name, object, value, constraints: [] };
      args.constraints = metadata.constraints;
      const each = metadata.each && isCollection(value);
      for (const validator of validators) {
        if (!each) {
          const valid: unknown = validator.validate(value, args);
          if (isPromise(valid)) return undefined;
          if (!valid) return false;
          continue;
        }
        for (const item of value instanceof Map ? value.values() : value) {
          const valid: unknown = validator.validate(item, args);
          if (isPromise(valid)) return undefined;
          if (!valid) return false;
        }
      }
    }
    if (value === undefined) continue;
    for (const nested of property.nested) {
      const verdict = nestedPasses(value, property.nested, nested, forbid);
      if (verdict !== true) return verdict;
    }
  }
  return true;
}

type ConditionFn = (object: object, value: unknown) => boolean;

/** `validateSync`'s nested step for one `@ValidateNested` of a property holding `value`. */
function nestedPasses(value: unknown, all: ValidationMetadata[], metadata: ValidationMetadata, forbid: boolean): boolean | undefined {
  if (isCollection(value)) {
    // Each item is validated as a property of the collection carrying all of the property's nested metadata.
    for (const item of value instanceof Map ? value.values() : value) {
      if (item === undefined) continue;
      for (const each of all) {
        const verdict = nestedPasses(item, all, each, forbid);
        if (verdict !== true) return verdict;
      }
    }
    return true;
  }
  if (value instanceof Object) {
    const schema = typeof metadata.target === 'string' ? metadata.target : metadata.target.name;
    return passes(value as Record<string, unknown>, schema, forbid);
  }
  return false;
}
