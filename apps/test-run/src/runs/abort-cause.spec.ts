import { ABORT_CAUSES, abortConsumesAttempt } from '@rackeval/contracts';
import { RunEntity } from './run.entity';
import { toRunView } from './run.view';
import { DEFAULT_ABORT_CAUSE } from './dto/run.dto';

const aborted = (abortCause: RunEntity['abortCause']): RunEntity =>
  ({
    id: '7f1c2d9e-0000-4000-8000-000000000001',
    seq: '1',
    rackSerial: 'RK-1',
    generation: 'G1',
    suite: 'burn-in',
    suiteName: 'Burn-in',
    incarnation: 1,
    attempt: 1,
    maxAttempts: 1,
    required: true,
    planVersion: 1,
    metrics: [],
    bay: 'BAY-1',
    site: 'PDX-1',
    state: abortCause ? 'ABORTED' : 'RUNNING',
    version: 3,
    scheduledAt: new Date('2026-11-29T10:00:00Z'),
    scheduledBy: 'tariq',
    startedAt: new Date('2026-11-29T10:05:00Z'),
    startedBy: 'tariq',
    completedAt: null,
    completedBy: null,
    abortedAt: abortCause ? new Date('2026-11-29T11:00:00Z') : null,
    abortedBy: abortCause ? 'tariq' : null,
    abortReason: abortCause ? 'bay PDU tripped' : null,
    abortCause,
  }) as RunEntity;

describe('abort causes', () => {
  it('uses up an attempt only for DEVICE', () => {
    expect(ABORT_CAUSES.filter(abortConsumesAttempt)).toEqual(['DEVICE']);
  });

  it('takes a missing cause for DEVICE, as every abort counted before causes existed', () => {
    expect(DEFAULT_ABORT_CAUSE).toBe('DEVICE');
  });

  it.each([
    ['FACILITY', false],
    ['OPERATOR', false],
    ['HOLD', false],
    ['DEVICE', true],
  ] as const)('shows a run aborted for %s with attemptConsumed %s', (cause, consumed) => {
    expect(toRunView(aborted(cause))).toMatchObject({ state: 'ABORTED', abortCause: cause, attemptConsumed: consumed });
  });

  it('counts a run that was not aborted as an attempt', () => {
    expect(toRunView(aborted(null))).toMatchObject({ abortCause: null, attemptConsumed: true });
  });
});
