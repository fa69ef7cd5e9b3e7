/** Why a token was refused; short enough to return to the caller without leaking anything. */
export type InvalidTokenReason =
  | 'expired'
  | 'too old'
  | 'wrong type'
  | 'not yet valid'
  | 'wrong audience'
  | 'wrong issuer'
  | 'missing claim'
  | 'invalid claim'
  | 'algorithm not allowed'
  | 'bad signature'
  | 'unknown key'
  | 'malformed';

/** A token that must not be trusted. Maps to 401. */
export class InvalidTokenError extends Error {
  constructor(
    readonly reason: InvalidTokenReason,
    options?: { cause?: unknown },
  ) {
    super(`invalid token: ${reason}`, options);
    this.name = 'InvalidTokenError';
  }
}

/** Unknown user or wrong password: one message for both so callers cannot probe for user names. */
export class InvalidCredentialsError extends Error {
  constructor() {
    super('invalid username or password');
    this.name = 'InvalidCredentialsError';
  }
}

/** A setting or key file the service cannot work with; meant to stop start-up with a clear message. */
export class AuthConfigurationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthConfigurationError';
  }
}
