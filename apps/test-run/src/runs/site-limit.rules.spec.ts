import { TestRunError } from '../test-run.errors';
import { assertSiteAllowed } from './site-limit.rules';

describe('rule SITE_NOT_ALLOWED', () => {
  it('lets people and accounts without a site act anywhere, and a site-limited account at its site', () => {
    expect(() => assertSiteAllowed({ username: 'tess' }, 'us-east', 'run r1')).not.toThrow();
    expect(() => assertSiteAllowed({ username: 'sa:harness', site: 'us-east' }, 'us-east', 'run r1')).not.toThrow();
  });

  it('refuses a site-limited account elsewhere with a 403 naming the rule and both sites', () => {
    let sut: unknown;
    try {
      assertSiteAllowed({ username: 'sa:harness', site: 'us-east' }, 'us-west', 'bay BAY-9');
    } catch (error) {
      sut = error;
    }
    expect(sut).toBeInstanceOf(TestRunError);
    expect(sut).toMatchObject({ code: 'SITE_NOT_ALLOWED', message: 'sa:harness is limited to site us-east; bay BAY-9 is at site us-west' });
  });
});
