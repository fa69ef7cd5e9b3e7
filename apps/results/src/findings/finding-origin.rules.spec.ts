import type { RunVerdictV1 } from '@rackeval/contracts';
import { findingsOfVerdict as sut } from './finding-origin.rules';

const verdict = (over: Partial<RunVerdictV1> = {}): RunVerdictV1 => ({
  runId: '6f1c2a52-8d0e-4a53-9e4c-1d2b3c4d5e6f',
  rackSerial: 'RK-1',
  generation: 'G2',
  suite: 'burn-in',
  attempt: 1,
  criteriaVersion: 1,
  verdict: 'FAIL',
  criteria: [
    { metric: 'rack.power', unit: 'kW', comparator: 'lte', max: 120, measured: 131, result: 'FAIL' },
    { metric: 'training.tokens_per_s', unit: 'tokens/s', comparator: 'gte', min: 1000, measured: 1200, result: 'PASS' },
  ],
  occurredAt: '2026-11-29T10:00:00.000Z',
  ...over,
});

describe('findings a verdict opens', () => {
  it('opens one finding per failed criterion, keyed by run and metric', () => {
    expect(sut(verdict(), [])).toEqual([
      expect.objectContaining({
        sourceKey: 'run:6f1c2a52-8d0e-4a53-9e4c-1d2b3c4d5e6f:criterion:rack.power',
        origin: 'CRITERION',
        criterion: 'rack.power',
      }),
    ]);
  });

  it('opens one per FAIL diagnosis, even when the verdict passed', () => {
    const found = sut(verdict({ verdict: 'PASS', criteria: [] }), [
      { artifactId: '42', verdict: 'psu-shelf-fault', message: 'shelf 2 tripped', component: 'psu-shelf-2', partNumber: 'PSU-3KW-A' },
    ]);
    expect(found).toEqual([
      expect.objectContaining({
        origin: 'DIAGNOSIS',
        diagnosis: 'psu-shelf-fault',
        location: 'psu-shelf-2',
        partNumber: 'PSU-3KW-A',
        sourceKey: expect.stringMatching(/:diagnosis:42$/),
      }),
    ]);
    expect(found[0].title).toBe('diagnosis psu-shelf-fault in burn-in (attempt 1): shelf 2 tripped');
  });

  it('opens one finding for a run that failed with nothing to blame, carrying the reason', () => {
    expect(sut(verdict({ criteria: [], reason: 'no required criterion matched the suite' }), [])).toEqual([
      expect.objectContaining({ origin: 'RUN', title: 'burn-in (attempt 1) failed: no required criterion matched the suite' }),
    ]);
  });

  it('opens nothing for a passing run without FAIL diagnoses', () => {
    expect(sut(verdict({ verdict: 'PASS', criteria: [] }), [])).toEqual([]);
  });

  it('gives the same keys to a re-judged revision, so nothing opens twice', () => {
    expect(sut(verdict({ revision: 2 }), []).map((f) => f.sourceKey)).toEqual(sut(verdict(), []).map((f) => f.sourceKey));
  });
});
