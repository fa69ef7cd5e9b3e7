/** What a redacted credential becomes in logs. */
export const REDACTED = '[redacted]';

// Query or form parameters that carry credentials, in any case: `?access_token=…`, `&ticket=…`.
const CREDENTIAL_PARAMETER = /([?&;](?:access_token|id_token|refresh_token|token|ticket|code|password|client_secret)=)[^&;#\s"'\\]*/gi;
// Any compact JWS (a JWT) wherever it appears: a header, a body, an error message.
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
// `Bearer x`, `Basic x`, and the value of an authorization or cookie field in JSON or header text.
const SCHEME_CREDENTIAL = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const CREDENTIAL_FIELD = /("?(?:authorization|proxy-authorization|cookie|set-cookie|x-api-key)"?\s*[:=]\s*"?)[^"\n\r,}]*/gi;

/**
 * Removes credentials from text bound for a log: credential query parameters, JWTs, authorization
 * schemes and header values. Cheap enough for every log line; redacts more rather than less.
 */
export function redactCredentials(text: string): string {
  return text
    .replace(CREDENTIAL_PARAMETER, `$1${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(SCHEME_CREDENTIAL, `$1 ${REDACTED}`)
    .replace(CREDENTIAL_FIELD, `$1${REDACTED}`);
}

/** Headers fit for a log line: credential-bearing ones replaced. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[] | undefined> {
  const sensitive = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key)$/i;
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, sensitive.test(name) ? REDACTED : value]));
}
