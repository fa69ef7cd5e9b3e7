/** What `ensure` decided for one probed admin URL. */
export interface Resolution {
  server: 'existing' | 'embedded';
  port?: number;
  /** When it was decided (UTC ISO-8601). */
  at?: string;
}

export const ROOT: string;
export const DEFAULT_ADMIN_URL: string;
export const OS_USER: string;
export function stateDir(): string;
export function embeddedPort(): number;
export function redact(url: string): string;
export function withDatabase(url: string, database: string): string;
export function probedAdminUrl(): string;
export function generatedPassword(role: string): string;
export function rolePassword(role: string): string;
export function embeddedAdminUrl(database?: string, port?: number): string;
export function readState(): { resolved?: Record<string, Resolution> };
export function recorded(): Resolution | undefined;
export function serverInUse(): Resolution['server'];
export function adminUrlInUse(): string;
