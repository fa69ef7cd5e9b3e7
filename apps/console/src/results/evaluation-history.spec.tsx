import { render, screen, within } from '@testing-library/react';
import {
  evaluationFixture as evaluation,
  rmaRestartFixture as restart,
  verdictFixture as verdict,
} from '../test-support/evaluation-fixture';
import { EvaluationHistory, previousOutcomeWords } from './evaluation-history';

const rows = () =>
  within(screen.getByRole('table', { name: 'Verdict revisions' }))
    .getAllByRole('row')
    .map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => cell.textContent));

describe("a rack's verdict history across incarnations", () => {
  it('shows no incarnation column and no restarts while the rack is on its first incarnation', () => {
    render(<EvaluationHistory evaluation={evaluation({})} />);
    expect(rows()[0]).toEqual(['Revision', 'Outcome', 'Concluded', 'Criteria met', 'Failed suites']);
    expect(screen.queryByText(/Restarted after RMA/)).toBeNull();
  });

  it('labels each verdict with its incarnation and says what the earlier one came to when the unit returned', () => {
    render(
      <EvaluationHistory
        evaluation={evaluation({
          incarnation: 2,
          outcome: 'PASSED',
          verdicts: [verdict(2, 1, 'PASSED', '2026-12-20T10:00:00.000Z'), verdict(1, 1, 'FAILED', '2026-11-29T10:00:00.000Z')],
          restarts: [restart],
        })}
      />,
    );

    const table = rows();
    expect(table[0]).toEqual(['Incarnation', 'Revision', 'Outcome', 'Concluded', 'Criteria met', 'Failed suites']);
    expect(table.slice(1).map((cells) => cells.slice(0, 3))).toEqual([
      ['2', '1', 'passed'],
      ['1', '1', 'failed'],
    ]);
    const restarts = within(screen.getByRole('list', { name: 'Restarts after RMA' })).getAllByRole('listitem');
    expect(restarts).toHaveLength(1);
    expect(restarts[0].textContent).toMatch(
      /^Restarted after RMA RMA-2026-0042: the unit came back repaired .+ as incarnation 2; incarnation 1 had come to failed \(revision 1\)\.$/,
    );
  });

  it('shows a restart even before the new incarnation has a verdict, and one whose earlier incarnation had none', () => {
    render(
      <EvaluationHistory
        evaluation={evaluation({
          incarnation: 2,
          outcome: 'PENDING',
          status: 'PENDING',
          verdicts: [],
          restarts: [{ ...restart, kind: 'REPLACED', previousStatus: 'PENDING', previousOutcome: null, previousRevision: null }],
        })}
      />,
    );
    expect(screen.getByText(/Restarted after RMA RMA-2026-0042/).textContent).toContain('came back replaced');
    expect(screen.getByText(/Restarted after RMA RMA-2026-0042/).textContent).toContain('incarnation 1 had come to no verdict.');
  });

  it('words what an earlier incarnation came to', () => {
    expect(previousOutcomeWords({ ...restart, previousStatus: 'REOPENED', previousOutcome: 'PASSED', previousRevision: 2 })).toBe(
      'passed (revision 2), re-opened',
    );
  });
});
