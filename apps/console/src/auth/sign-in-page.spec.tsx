import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { App } from '../app';
import { stubFetch } from '../test-support/fetch-stub';
import { AuthProvider } from './auth-context';
import { loadSession } from './session-store';

function renderApp() {
  return render(
    <AuthProvider>
      <MemoryRouter initialEntries={['/options']}>
        <App />
      </MemoryRouter>
    </AuthProvider>,
  );
}

describe('sign-in page', () => {
  beforeEach(() => sessionStorage.clear());

  it('signs in with the keyboard alone and keeps the token for the session', async () => {
    const calls = stubFetch({
      'POST /api/auth/token': { body: { accessToken: 'jwt', tokenType: 'Bearer', expiresIn: 3600, username: 'fiona', roles: ['finance'] } },
      'GET /api/purchase-option/v1/options': { body: { items: [], nextCursor: null } },
    });
    renderApp();
    const user = userEvent.setup();

    expect(document.activeElement).toBe(screen.getByLabelText('User name'));
    await user.keyboard('fiona');
    await user.tab();
    await user.keyboard('rackeval{Enter}');

    expect(await screen.findByRole('heading', { name: 'Purchase options' })).toBeTruthy();
    expect(calls[0].body).toEqual({ username: 'fiona', password: 'rackeval' });
    expect(loadSession()?.username).toBe('fiona');
    expect(screen.getByRole('navigation', { name: 'Main' }).textContent).toContain('Option queue');
    expect(screen.getByRole('navigation', { name: 'Main' }).textContent).not.toContain('New delivery');
  });

  it('says in words why sign-in failed', async () => {
    stubFetch({
      'POST /api/auth/token': {
        status: 401,
        body: { statusCode: 401, error: 'Unauthorized', code: 'UNAUTHENTICATED', message: 'unknown user or wrong password', details: [] },
      },
    });
    renderApp();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('User name'), 'fiona');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('unknown user or wrong password');
    expect(loadSession()).toBeNull();
  });

  it('signs out and returns to the sign-in page', async () => {
    stubFetch({
      'POST /api/auth/token': { body: { accessToken: 'jwt', tokenType: 'Bearer', expiresIn: 3600, username: 'vic', roles: ['viewer'] } },
      'GET /api/intake/v1/racks': { body: { items: [], nextCursor: null } },
      'GET /api/intake/v1/generations': { body: { items: [], nextCursor: null } },
      'GET /api/purchase-option/v1/options': { body: { items: [], nextCursor: null } },
    });
    renderApp();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('User name'), 'vic');
    await user.type(screen.getByLabelText('Password'), 'rackeval{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in to rackeval' })).toBeTruthy();
    expect(loadSession()).toBeNull();
  });
});
