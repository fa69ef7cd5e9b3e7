import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CostTargetsVersion } from '../api';
import { stubFetch } from '../test-support/fetch-stub';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { CostTargetsSection } from './cost-targets-section';

const proposed: CostTargetsVersion = {
  generation: 'G2',
  version: 1,
  status: 'PROPOSED',
  currency: 'USD',
  performanceUnit: 'tokens/s',
  maxUnitPrice: '1300000.00',
  maxPricePerPerformanceUnit: null,
  energyPricePerKwh: null,
  pue: null,
  horizonYears: null,
  maxTcoPerPerformanceUnit: null,
  note: null,
  proposedBy: 'fiona',
  proposedAt: '2026-11-29T10:00:00Z',
  review: null,
};

function openAs(username: string, existing: CostTargetsVersion | null) {
  const calls = stubFetch({
    'GET /api/purchase-option/v1/cost-targets/G2': existing
      ? { body: { generation: 'G2', active: existing.status === 'ACTIVE' ? existing : null, versions: [existing] } }
      : {
          status: 404,
          body: {
            statusCode: 404,
            error: 'Not Found',
            code: 'UNKNOWN_COST_TARGETS',
            message: 'no cost targets proposed for generation G2',
            details: [],
          },
        },
    'PUT /api/purchase-option/v1/cost-targets/G2': { status: 201, body: proposed },
    'POST /api/purchase-option/v1/cost-targets/G2/versions/1/approval': { body: { ...proposed, status: 'ACTIVE' } },
  });
  renderSignedIn(<CostTargetsSection generation="G2" />, { session: sessionOf(username, ['finance']) });
  return calls;
}

describe('cost targets section', () => {
  beforeEach(() => sessionStorage.clear());

  it('proposes only the targets filled in, and says a second person must approve', async () => {
    const calls = openAs('fiona', null);
    const user = userEvent.setup();
    expect(await screen.findByText(/Cost targets \(none yet\)/)).toBeTruthy();
    await user.type(screen.getByLabelText('Max unit price'), '1300000.00');
    await user.type(screen.getByLabelText('Performance unit'), 'tokens/s');
    await user.click(screen.getByRole('button', { name: 'Propose cost targets' }));
    expect(await screen.findByText(/another finance or admin user must approve them/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      currency: 'USD',
      performanceUnit: 'tokens/s',
      maxUnitPrice: '1300000.00',
    });
  });

  it('never offers the proposer the approval', async () => {
    openAs('fiona', proposed);
    expect(await screen.findByText(/awaiting approval/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Approve cost targets' })).toBeNull();
  });

  it('lets another finance user approve with a note', async () => {
    const calls = openAs('farid', proposed);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Your note on the cost targets'), 'matches the business case');
    await user.click(screen.getByRole('button', { name: 'Approve cost targets' }));
    await screen.findByText(/awaiting approval/);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ approve: true, note: 'matches the business case' });
  });
});
