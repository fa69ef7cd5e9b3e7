import { render, screen } from '@testing-library/react';
import { powerCriterion, verdictFixture } from '../test-support/verdict-fixture';
import { VerdictTable } from './verdict-table';

const criterion = powerCriterion;
const verdict = verdictFixture({
  criteriaVersion: 1,
  verdict: 'FAIL',
  revision: 2,
  criteria: [{ ...criterion, measured: 139, result: 'FAIL', reason: 'max 139 kW is above max 130 kW' }],
  revisions: [
    {
      revision: 1,
      verdict: 'PASS',
      criteriaVersion: 1,
      judgedAt: '2026-11-29T10:00:00.000Z',
      criteria: [{ ...criterion, measured: 121, result: 'PASS' }],
    },
  ],
});

describe('verdict table', () => {
  it('keeps the earlier verdicts of a re-judged run in view', () => {
    render(<VerdictTable verdict={verdict} />);
    expect(screen.getByText(/revised 1×/)).toBeTruthy();
    expect(screen.getByText('Earlier verdicts (1)')).toBeTruthy();
    expect(screen.getByText(/Revision 1,/).textContent).toContain('rack_power 121 kW PASS');
  });

  it('says why a run failed as a whole when no criterion matched its suite', () => {
    render(
      <VerdictTable verdict={{ ...verdict, criteria: [], revisions: [], reason: 'NO_MATCHING_CRITERIA: a run cannot pass on nothing' }} />,
    );
    expect(screen.getByText(/NO_MATCHING_CRITERIA/)).toBeTruthy();
  });
});
