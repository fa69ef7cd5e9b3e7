import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { App } from '../app';
import { ApiError } from '../api/api-error';
import { ConsoleAuthProvider } from './console-auth-provider';

const OIDC = {
  mode: 'oidc',
  issuer: 'https://id.example/realms/rackeval',
  clientId: 'rackeval-console',
  scopes: 'openid profile',
  rolesClaim: 'realm_access.roles',
} as const;

function renderConsole(loadConfig: () => Promise<never> | Promise<typeof OIDC | { mode: 'local' }>) {
  return render(
    <ConsoleAuthProvider loadConfig={loadConfig}>
      <MemoryRouter initialEntries={['/options']}>
        <App />
      </MemoryRouter>
    </ConsoleAuthProvider>,
  );
}

describe('the console learns how to sign in when it loads', () => {
  beforeEach(() => sessionStorage.clear());

  it('shows the user name and password form in local mode', async () => {
    renderConsole(async () => ({ mode: 'local' }));

    expect(await screen.findByLabelText('Password')).toBeTruthy();
  });

  it('offers only the organisation sign-in in oidc mode: no password form in the console', async () => {
    renderConsole(async () => OIDC);

    expect(await screen.findByRole('button', { name: 'Sign in with your organisation' })).toBeTruthy();
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(screen.queryByLabelText('User name')).toBeNull();
  });

  it('says so in words when the gateway cannot tell, and offers to try again', async () => {
    renderConsole(() => Promise.reject(new ApiError(502, null)));

    expect((await screen.findByRole('alert')).textContent).toContain('The console could not learn how to sign in');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
