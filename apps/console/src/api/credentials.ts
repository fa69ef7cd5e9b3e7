import { loadSession } from '../auth/session-store';

/**
 * Where requests get the bearer token from: the local session by default; the OIDC sign-in
 * installs its own source (the provider's current access token, renewed silently).
 */
type TokenSource = () => string | undefined;
const localToken: TokenSource = () => loadSession()?.accessToken;
let tokenSource: TokenSource = localToken;

export function setTokenSource(source: TokenSource | null): void {
  tokenSource = source ?? localToken;
}

export function authHeader(): Record<string, string> {
  const token = tokenSource();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Listeners told when the gateway refuses the token (expired or revoked): the app signs out. */
const unauthorisedListeners = new Set<() => void>();

export function onUnauthorised(listener: () => void): () => void {
  unauthorisedListeners.add(listener);
  return () => unauthorisedListeners.delete(listener);
}

export function reportUnauthorised(): void {
  unauthorisedListeners.forEach((listener) => listener());
}
