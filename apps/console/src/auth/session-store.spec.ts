import { clearSession, loadSession, saveSession, sessionFromToken } from './session-store';

describe('session store', () => {
  beforeEach(() => sessionStorage.clear());

  it('keeps a signed-in session across a reload of the tab', () => {
    const sut = sessionFromToken({ accessToken: 'jwt', expiresIn: 3600, username: 'fiona', roles: ['finance'] }, 1_000);
    saveSession(sut);
    expect(loadSession(sessionStorage, 2_000)).toEqual({ accessToken: 'jwt', username: 'fiona', roles: ['finance'], expiresAt: 3_601_000 });
  });

  it('forgets an expired session', () => {
    saveSession(sessionFromToken({ accessToken: 'jwt', expiresIn: 60, username: 'vic', roles: ['viewer'] }, 0));
    expect(loadSession(sessionStorage, 60_001)).toBeNull();
  });

  it('ignores unreadable or incomplete entries', () => {
    sessionStorage.setItem('rackeval.session', '{not json');
    expect(loadSession()).toBeNull();
    sessionStorage.setItem('rackeval.session', JSON.stringify({ username: 'x' }));
    expect(loadSession()).toBeNull();
  });

  it('signs out by removing the session', () => {
    saveSession(sessionFromToken({ accessToken: 'jwt', expiresIn: 60, username: 'ada', roles: ['admin'] }));
    clearSession();
    expect(loadSession()).toBeNull();
  });
});
