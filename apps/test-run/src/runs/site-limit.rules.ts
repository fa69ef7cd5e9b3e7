import { type AuthenticatedUser, siteAllows } from '@rackeval/auth';
import { TestRunError, TestRunErrorCode } from '../test-run.errors';

/** Who acts on a run: the display name for audit, and the site a service account is limited to. */
export type RunActor = Pick<AuthenticatedUser, 'username' | 'site'>;

/**
 * Rule SITE_NOT_ALLOWED: a service account limited to a site may schedule, start, complete or
 * abort only runs in bays at that site (403). People and accounts without a site are not limited.
 */
export function assertSiteAllowed(actor: RunActor, site: string, what: string): void {
  if (siteAllows(actor, site)) return;
  throw new TestRunError(
    TestRunErrorCode.SITE_NOT_ALLOWED,
    `${actor.username} is limited to site ${actor.site}; ${what} is at site ${site}`,
    [{ field: 'site', message: `SITE_NOT_ALLOWED: only runs in bays at site ${actor.site}` }],
  );
}
