import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ServiceAccount } from '../api/service-accounts-api';
import { stubFetch } from '../test-support/fetch-stub';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { ServiceAccountsSection } from './service-accounts-section';

const account: ServiceAccount = {
  id: '3f0c2b1e-0000-4000-8000-000000000001',
  clientId: '3f0c2b1e-0000-4000-8000-000000000001',
  name: 'burnin-bay-3',
  role: 'test-engineer',
  site: 'PDX-1',
  expiresAt: '2027-03-01T00:00:00.000Z',
  state: 'ACTIVE',
  createdAt: '2026-11-29T10:00:00.000Z',
  createdBy: 'ada',
  revokedAt: null,
  revokedBy: null,
  lastUsedAt: '2026-11-29T12:30:00.000Z',
  secretVersion: 1,
};

describe('service accounts section', () => {
  beforeEach(() => sessionStorage.clear());

  it('creates an account and shows its secret once with a copy button; lists expiry and last use', async () => {
    const calls = stubFetch({
      'GET /api/auth/service-accounts': { body: [account] },
      'POST /api/auth/service-accounts': {
        status: 201,
        body: { account: { ...account, name: 'burnin-bay-4', id: 'x', clientId: 'x' }, clientSecret: 'rks_shown-once' },
      },
    });
    renderSignedIn(<ServiceAccountsSection />, { session: sessionOf('ada', ['admin']) });
    const table = await screen.findByRole('table', { name: 'Service accounts' });
    const row = (await within(table).findByText('burnin-bay-3')).closest('tr')!;
    expect(row.textContent).toContain('2027-03-01 00:00 UTC');
    expect(row.textContent).toContain('2026-11-29 12:30 UTC');
    expect(row.textContent).toContain('ACTIVE');

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'burnin-bay-4');
    await user.selectOptions(screen.getByLabelText('Role'), 'viewer');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect((await screen.findByTestId('client-secret')).textContent).toBe('rks_shown-once');
    expect(screen.getByRole('button', { name: 'Copy secret' })).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ name: 'burnin-bay-4', role: 'viewer' });
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('client-secret')).toBeNull();
  });

  it('offers no role above test-engineer', async () => {
    stubFetch({ 'GET /api/auth/service-accounts': { body: [] } });
    renderSignedIn(<ServiceAccountsSection />, { session: sessionOf('ada', ['admin']) });
    const options = within(await screen.findByLabelText('Role'))
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(options).toEqual(['test-engineer', 'viewer']);
  });
});
