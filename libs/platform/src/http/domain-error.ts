/** What kind of refusal an error is; the one exception filter maps each kind to its HTTP status. */
export enum ErrorKind {
  BadInput = 'bad-input',
  NotFound = 'not-found',
  Conflict = 'conflict',
  DomainRule = 'domain-rule',
  Forbidden = 'forbidden',
}

export interface ErrorDetail {
  /** The field (e.g. `racks[0].serial`), CSV cell (`line 12, column unitCost`) or rule at fault. */
  field: string;
  message: string;
}

export interface DomainErrorOptions {
  /**
   * No event the service may still learn can change this answer (a run that has already ended is
   * not open for measurements, however long one waits): a request that asked to wait for an event
   * (`Prefer: wait`, see `@AwaitsEvent`) is answered at once, even when its code is one it waits on.
   */
  final?: boolean;
}

/**
 * Base of every module's exception. Each module declares one code enum and one subclass that
 * maps its codes to kinds, e.g. `RACK_ALREADY_ON_SITE` → Conflict.
 */
export abstract class DomainError extends Error {
  readonly final: boolean;

  protected constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    options: DomainErrorOptions = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.final = options.final ?? false;
  }
}

/** Input that failed validation: every offending field is listed. */
export class RequestValidationError extends DomainError {
  constructor(details: ErrorDetail[], message = 'the request is invalid') {
    super(ErrorKind.BadInput, 'VALIDATION_FAILED', `${message}: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`, details);
  }
}
