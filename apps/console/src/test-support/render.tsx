import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { Role, Session } from '../api';
import { AuthProvider } from '../auth/auth-context';
import { saveSession } from '../auth/session-store';

export const sessionOf = (username: string, roles: Role[]): Session => ({
  accessToken: `token-of-${username}`,
  username,
  roles,
  expiresAt: Date.now() + 3_600_000,
});

/** Renders a page signed in as `session`, at `path` matched by `pattern`. */
export function renderSignedIn(
  ui: ReactElement,
  { session, path = '/', pattern = '*' }: { session: Session; path?: string; pattern?: string },
) {
  saveSession(session);
  return render(
    <AuthProvider>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path={pattern} element={ui} />
        </Routes>
      </MemoryRouter>
    </AuthProvider>,
  );
}
