import { render, screen } from '@testing-library/react';
import { powerCriterion, verdictFixture } from '../test-support/verdict-fixture';
import { describeDiagnosisCriterion } from './diagnosis-criteria';
import { VerdictSoFar } from '../runs/verdict-so-far';
import { VerdictTable } from './verdict-table';

const criterion = powerCriterion;
const verdict = verdictFixture({
  criteriaVersion: 2,
  verdict: 'FAIL',
  revision: 1,
  criteria: [{ ...criterion, measured: 121, result: 'PASS' }],
  diagnosisCriteria: [
    {
      symptom: 'gpu-ecc',
      requirePass: false,
      failOnUnknown: false,
      required: true,
      category: 'reliability',
      diagnoses: 2,
      result: 'FAIL',
      reason: 'diagnosis FAIL gpu-ecc on gpu3 (artifact 41): uncorrectable ECC errors fails symptom gpu-ecc',
      decidedBy: {
        artifactId: 41,
        type: 'FAIL',
        symptom: 'gpu-ecc',
        hardwareInfoId: 'gpu3',
        message: 'uncorrectable ECC errors',
        at: '2026-11-29T11:00:00.000Z',
      },
    },
    {
      symptom: 'power-ok',
      requirePass: true,
      failOnUnknown: false,
      suites: ['burn-in'],
      required: false,
      category: 'power',
      diagnoses: 0,
      result: 'FAIL',
      reason: 'missing (optional criterion)',
    },
  ],
  revisions: [],
});

describe('diagnosis criteria on the run page', () => {
  it('shows each diagnosis criterion with its outcome and the diagnosis that decided it', () => {
    render(<VerdictTable verdict={verdict} />);
    const rows = screen.getByRole('table', { name: 'Diagnosis criteria' }).querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('no FAIL diagnosis for gpu-ecc');
    expect(rows[0].textContent).toContain('FAIL gpu-ecc on gpu3 — uncorrectable ECC errors');
    expect(rows[1].textContent).toContain('no FAIL diagnosis for power-ok; at least one PASS; suites burn-in (optional)');
    expect(rows[1].textContent).toContain('no diagnosis');
    expect(rows[1].textContent).toContain('missing (optional criterion)');
  });

  it('shows no diagnosis table for a verdict without diagnosis criteria', () => {
    render(<VerdictTable verdict={{ ...verdict, diagnosisCriteria: [] }} />);
    expect(screen.queryByRole('table', { name: 'Diagnosis criteria' })).toBeNull();
  });

  it('describes any symptom, one piece of hardware and UNKNOWN counted as a failure', () => {
    expect(describeDiagnosisCriterion({ hardwareInfoId: 'psu1', requirePass: false, failOnUnknown: true })).toBe(
      'no FAIL or UNKNOWN diagnosis for any symptom on psu1',
    );
  });

  it('shows diagnosis criteria so far on a running run: PENDING while waiting, FAIL naming the diagnosis', () => {
    const [failing, waiting] = verdict.diagnosisCriteria;
    render(
      <VerdictSoFar
        status="live"
        progress={{
          runId: 'c0ffee00-0000-4000-8000-000000000001',
          state: 'RUNNING',
          lastMeasurementId: '12',
          criteriaVersion: 2,
          verdict: 'FAIL',
          criteria: [],
          diagnosisCriteria: [failing, { ...waiting, result: 'PENDING', reason: undefined }],
          series: [],
          at: '2026-11-29T11:00:01.000Z',
        }}
      />,
    );
    const rows = screen.getByRole('table', { name: 'Diagnosis criteria so far' }).querySelectorAll('tbody tr');
    expect(rows[0].textContent).toContain('FAIL gpu-ecc on gpu3 — uncorrectable ECC errors');
    expect(rows[1].textContent).toContain('no diagnosis');
    expect(rows[1].textContent).toContain('PENDING');
  });
});
