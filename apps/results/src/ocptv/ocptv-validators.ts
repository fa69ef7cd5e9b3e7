/**
 * OCPTV v2 validators: what the diagnostic itself checked a measurement against. They are
 * evaluated on ingestion and the outcome stored beside the value; a failed validator does not
 * refuse the measurement (the harness reported it faithfully), it is shown and counted.
 */
export const VALIDATOR_TYPES = [
  'EQUAL',
  'NOT_EQUAL',
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'REGEX_MATCH',
  'REGEX_NO_MATCH',
  'IN_SET',
  'NOT_IN_SET',
] as const;
export type ValidatorType = (typeof VALIDATOR_TYPES)[number];

export type MeasurementValue = number | boolean | string;

export interface Validator {
  type: ValidatorType;
  value: unknown;
  name?: string;
}

export interface ValidatorOutcome {
  type: ValidatorType;
  name?: string;
  passed: boolean;
  /** Why it could not be evaluated (e.g. a comparison between a string and a number): it then counts as failed. */
  problem?: string;
}

const isScalar = (v: unknown): v is MeasurementValue => typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string';

/** A problem with the validator itself (spec shape), or undefined. */
export function validatorProblem(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'a validator must be an object';
  const v = raw as Record<string, unknown>;
  if (!VALIDATOR_TYPES.includes(v.type as ValidatorType)) return `validator type must be one of ${VALIDATOR_TYPES.join(', ')}`;
  if (v.name !== undefined && typeof v.name !== 'string') return 'validator name must be a string';
  const type = v.type as ValidatorType;
  if (type === 'IN_SET' || type === 'NOT_IN_SET') {
    if (!Array.isArray(v.value) || !v.value.every(isScalar))
      return `${type} validator value must be a list of numbers, booleans or strings`;
  } else if (!isScalar(v.value)) return `${type} validator value must be a number, a boolean or a string`;
  if ((type === 'REGEX_MATCH' || type === 'REGEX_NO_MATCH') && typeof v.value !== 'string')
    return `${type} validator value must be a regular expression string`;
  return undefined;
}

/** Evaluates one validator against a value. Comparisons of different kinds never pass. */
export function evaluateValidator(validator: Validator, value: MeasurementValue): ValidatorOutcome {
  const base = { type: validator.type, ...(validator.name ? { name: validator.name } : {}) };
  const target = validator.value;
  const ordered = (compare: (a: number | string, b: number | string) => boolean): ValidatorOutcome => {
    if ((typeof value === 'number' && typeof target === 'number') || (typeof value === 'string' && typeof target === 'string')) {
      return { ...base, passed: compare(value, target) };
    }
    return { ...base, passed: false, problem: `cannot order a ${typeof value} against a ${typeof target}` };
  };
  switch (validator.type) {
    case 'EQUAL':
      return { ...base, passed: value === target };
    case 'NOT_EQUAL':
      return { ...base, passed: value !== target };
    case 'LESS_THAN':
      return ordered((a, b) => a < b);
    case 'LESS_THAN_OR_EQUAL':
      return ordered((a, b) => a <= b);
    case 'GREATER_THAN':
      return ordered((a, b) => a > b);
    case 'GREATER_THAN_OR_EQUAL':
      return ordered((a, b) => a >= b);
    case 'IN_SET':
      return { ...base, passed: Array.isArray(target) && target.includes(value) };
    case 'NOT_IN_SET':
      return { ...base, passed: Array.isArray(target) && !target.includes(value) };
    case 'REGEX_MATCH':
    case 'REGEX_NO_MATCH': {
      if (typeof value !== 'string')
        return { ...base, passed: false, problem: `a regular expression applies to strings, not a ${typeof value}` };
      let matches: boolean;
      try {
        matches = new RegExp(String(target)).test(value);
      } catch {
        return { ...base, passed: false, problem: `not a valid regular expression: ${String(target)}` };
      }
      return { ...base, passed: validator.type === 'REGEX_MATCH' ? matches : !matches };
    }
  }
}

/** PASS when every validator passes, FAIL when one fails, undefined when there are none. */
export function validationOf(outcomes: readonly ValidatorOutcome[]): 'PASS' | 'FAIL' | undefined {
  if (!outcomes.length) return undefined;
  return outcomes.every((o) => o.passed) ? 'PASS' : 'FAIL';
}
