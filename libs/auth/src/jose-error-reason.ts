import { errors } from 'jose';
import { InvalidTokenReason } from './auth.errors';

/**
 * Maps jose's refusal to a short reason. Returns undefined for failures that are not the token's
 * fault (the key set could not be fetched), which must surface as server errors, not 401s.
 */
export function reasonFor(error: unknown): InvalidTokenReason | undefined {
  // maxTokenAge refuses an old `iat` as JWTExpired; say which limit it was.
  if (error instanceof errors.JWTExpired) return error.claim === 'iat' ? 'too old' : 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) return claimReason(error);
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'unknown key';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed';
  if (error instanceof errors.JOSENotSupported) return 'algorithm not allowed';
  return undefined;
}

function claimReason(error: InstanceType<typeof errors.JWTClaimValidationFailed>): InvalidTokenReason {
  if (error.reason === 'missing') return 'missing claim';
  switch (error.claim) {
    case 'aud':
      return 'wrong audience';
    case 'iss':
      return 'wrong issuer';
    case 'nbf':
      return 'not yet valid';
    default:
      return 'invalid claim';
  }
}
