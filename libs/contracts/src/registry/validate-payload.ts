import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { passesContract } from './contract-check';
import { EventDefinition } from './event-definition';

export interface FieldViolation {
  field: string;
  messages: string[];
}

/** A payload that does not match its contract: raised on produce and on consume alike. */
export class ContractViolationError extends Error {
  constructor(
    readonly eventType: string,
    readonly violations: FieldViolation[],
  ) {
    super(`${eventType} payload is invalid: ${violations.map((v) => `${v.field}: ${v.messages.join('; ')}`).join(' | ')}`);
    this.name = 'ContractViolationError';
  }
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * Turns plain data into the definition's payload class, or throws naming every bad field.
 * Producers validate strictly (unknown fields refused); consumers strip unknown fields so a
 * producer may add optional fields to a version without breaking older consumers.
 */
export function validatePayload<T extends object>(
  definition: EventDefinition<T>,
  data: unknown,
  mode: 'produce' | 'consume' = 'produce',
): T {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ContractViolationError(definition.type, [{ field: '(data)', messages: ['must be a JSON object'] }]);
  }
  const instance = plainToInstance(definition.payload, data);
  const forbidNonWhitelisted = mode === 'produce';
  // The common case, a payload that passes, is decided without class-validator's per-call lookups;
  // a failure (or a class the quick walk does not follow) is left to validateSync to name.
  if (passesContract(instance, { forbidNonWhitelisted })) return instance;
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted });
  if (errors.length) throw new ContractViolationError(definition.type, flattenValidationErrors(errors));
  return instance;
}
