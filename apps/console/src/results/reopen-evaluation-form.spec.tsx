import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RackEvaluation } from '../api';
import { evaluationFixture } from '../test-support/evaluation-fixture';
import { stubFetch } from '../test-support/fetch-stub';
import { EvaluationHistory } from './evaluation-history';
import { defaultReopenSuites, ReopenEvaluationForm } from './reopen-evaluation-form';

const failed = evaluationFixture({
  rackSerial: 'RK-1',
  concludedAt: '2026-11-29T10:00:00.000Z',
  failedSuites: ['burn-in'],
  suites: [
    { suite: 'burn-in', required: true, status: 'FAILED', failedAttempts: 2, maxAttempts: 2 },
    { suite: 'fabric-bandwidth', required: false, status: 'PASSED', failedAttempts: 0, maxAttempts: 1 },
  ],
});

describe('re-opening an evaluation', () => {
  it('proposes the failed suites of a FAILED evaluation and the required ones of a PASSED one', () => {
    expect(defaultReopenSuites(failed)).toEqual(['burn-in']);
    expect(defaultReopenSuites({ ...failed, outcome: 'PASSED', failedSuites: [] })).toEqual(['burn-in']);
  });

  it('sends the reason, the extra attempts and the chosen suites, and reports back', async () => {
    const calls = stubFetch({
      'POST /api/results/v1/racks/RK-1/evaluation/reopen': { status: 200, body: { ...failed, status: 'REOPENED', outcome: 'PENDING' } },
    });
    const onReopened = jest.fn();
    render(<ReopenEvaluationForm evaluation={failed} onReopened={onReopened} />);
    const user = userEvent.setup();
    expect(screen.getByRole('button', { name: 'Re-open' })).toHaveProperty('disabled', true);
    await user.type(screen.getByLabelText('Reason'), 'bay 2 PDU mis-wired');
    await user.clear(screen.getByLabelText('Extra attempts per suite'));
    await user.type(screen.getByLabelText('Extra attempts per suite'), '2');
    await user.click(screen.getByRole('button', { name: 'Re-open' }));
    expect(onReopened).toHaveBeenCalled();
    expect(calls[0].body).toEqual({ reason: 'bay 2 PDU mis-wired', extraAttempts: 2, suites: ['burn-in'] });
  });

  it('shows the error the service names (the option ended)', async () => {
    stubFetch({
      'POST /api/results/v1/racks/RK-1/evaluation/reopen': {
        status: 409,
        body: {
          statusCode: 409,
          error: 'Conflict',
          code: 'EVALUATION_CLOSED',
          message: "rack RK-1's evaluation cannot be re-opened: its option has ended (DECLINED)",
          details: [],
        },
      },
    });
    render(<ReopenEvaluationForm evaluation={failed} onReopened={jest.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Reason'), 'check again');
    await user.click(screen.getByRole('button', { name: 'Re-open' }));
    expect(await screen.findByText(/The evaluation was not re-opened/)).toBeTruthy();
  });

  it('lists every verdict revision and the re-opens, and says when the verdict no longer stands', () => {
    const reopened: RackEvaluation = {
      ...failed,
      status: 'REOPENED',
      outcome: 'PENDING',
      reopenings: [
        {
          incarnation: 1,
          revision: 1,
          cause: 'ADMIN',
          reason: 'bay 2 PDU mis-wired',
          actor: 'ada',
          extraAttempts: 1,
          suites: [{ suite: 'burn-in', fromAttempt: 3, attemptLimit: 3 }],
          reopenedAt: '2026-11-29T11:00:00.000Z',
        },
      ],
    };
    reopened.suites = [{ ...reopened.suites[0], decidingVerdictRevision: 2 }, reopened.suites[1]];
    render(<EvaluationHistory evaluation={reopened} />);
    expect(screen.getByRole('status').textContent).toContain('Re-opened: the verdict of revision 1 no longer stands');
    expect(screen.getByRole('table', { name: 'Verdict revisions' }).textContent).toContain('Failed');
    expect(screen.getByText(/re-opened .* by ada/).textContent).toContain('burn-in up to attempt 3');
    expect(screen.getByText(/Re-judged after corrections/).textContent).toContain('burn-in (verdict revision 2');
  });
});
