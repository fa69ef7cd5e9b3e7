import { DomainError, type DomainErrorOptions, type ErrorDetail, ErrorKind } from '../http/domain-error';

/** A module's error codes listed by the kind of refusal each is (the kind decides the HTTP status). */
export type ErrorCodesByKind = { readonly [K in ErrorKind]?: readonly string[] };

/** A module's code vocabulary: each code is its own value (`IntakeErrorCode.RACK_NOT_FOUND === 'RACK_NOT_FOUND'`). */
export type ErrorCodes<Code extends string> = { readonly [C in Code]: C };

/** The codes listed in a table of codes by kind. */
type CodeOf<T extends ErrorCodesByKind> = { [K in keyof T]: T[K] extends readonly (infer C extends string)[] ? C : never }[keyof T];

/** The kind of each code, kept beside each vocabulary `errorCodes` made (the codes stay plain strings). */
const KINDS = new WeakMap<object, ReadonlyMap<string, ErrorKind>>();

/**
 * A module's one code vocabulary, from its codes listed by kind; `domainErrorOf` gives it its one
 * exception type:
 *
 * ```ts
 * export type IntakeErrorCode = keyof typeof IntakeErrorCode;
 * export const IntakeErrorCode = errorCodes({ [ErrorKind.NotFound]: ['RACK_NOT_FOUND'], [ErrorKind.Conflict]: ['RACK_ALREADY_ON_SITE'] });
 * export class IntakeError extends domainErrorOf(IntakeErrorCode) {}
 * ```
 * A code listed under two kinds is refused here, when the module loads.
 */
export function errorCodes<const T extends ErrorCodesByKind>(codesByKind: T): ErrorCodes<CodeOf<T>> {
  const kinds = new Map<string, ErrorKind>();
  for (const [kind, codes] of Object.entries(codesByKind) as Array<[ErrorKind, readonly string[]]>) {
    for (const code of codes) {
      const listed = kinds.get(code);
      if (listed) throw new Error(`error code ${code} is listed as both ${listed} and ${kind}`);
      kinds.set(code, kind);
    }
  }
  const vocabulary = Object.freeze(Object.fromEntries([...kinds.keys()].map((code) => [code, code])));
  KINDS.set(vocabulary, kinds);
  return vocabulary as ErrorCodes<CodeOf<T>>;
}

/** The base of a module's one exception type: `new IntakeError(IntakeErrorCode.RACK_NOT_FOUND, message, details)`. */
export function domainErrorOf<Code extends string>(codes: ErrorCodes<Code>) {
  const kinds = KINDS.get(codes);
  if (!kinds) throw new Error('domainErrorOf takes a vocabulary made by errorCodes');
  abstract class ModuleError extends DomainError {
    constructor(code: Code, message: string, details: ErrorDetail[] = [], options: DomainErrorOptions = {}) {
      super(kinds!.get(code)!, code, message, details, options);
    }
  }
  return ModuleError;
}
