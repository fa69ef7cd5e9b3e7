import { findingsOfInspection as sut, type RackInspection } from './finding-inspection.rules';

const inspection = (outcome: RackInspection['outcome'], checks: RackInspection['checks']) => ({ inspectionId: 'insp-1', outcome, checks });

describe('findings an inspection opens', () => {
  it('opens nothing for an accepted rack, even with a failed check', () => {
    expect(sut(inspection('ACCEPTED', [{ name: 'label-legible', passed: false, note: 'smudged' }]))).toEqual([]);
  });

  it('opens one finding per failed check of a quarantined rack, named by inspection and check', () => {
    const found = sut(
      inspection('QUARANTINED', [
        { name: 'visual-damage', passed: true },
        { name: 'coolant-leak-test', passed: false, note: 'drip at manifold 3' },
        { name: 'torque-check', passed: false },
      ]),
    );
    expect(found).toEqual([
      {
        sourceKey: 'inspection:insp-1:check:coolant-leak-test',
        inspectionId: 'insp-1',
        inspectionCheck: 'coolant-leak-test',
        title: 'inspection: coolant-leak-test failed (QUARANTINED) — drip at manifold 3',
      },
      {
        sourceKey: 'inspection:insp-1:check:torque-check',
        inspectionId: 'insp-1',
        inspectionCheck: 'torque-check',
        title: 'inspection: torque-check failed (QUARANTINED)',
      },
    ]);
  });

  it('names the outcome of a rejected rack in the title', () => {
    const [finding] = sut(inspection('REJECTED', [{ name: 'power-on', passed: false, note: 'no POST' }]));
    expect(finding.title).toBe('inspection: power-on failed (REJECTED) — no POST');
  });

  it('opens one finding for the inspection itself when it quarantined or rejected with no failed check', () => {
    expect(sut(inspection('QUARANTINED', [{ name: 'visual-damage', passed: true }]))).toEqual([
      {
        sourceKey: 'inspection:insp-1:outcome',
        inspectionId: 'insp-1',
        inspectionCheck: null,
        title: 'inspection: rack quarantined with no failed check (QUARANTINED)',
      },
    ]);
    expect(sut(inspection('REJECTED', []))).toHaveLength(1);
  });

  it('gives the same source keys for the same inspection, so a repeated event opens nothing new', () => {
    const checks = [{ name: 'coolant-leak-test', passed: false }];
    expect(sut(inspection('QUARANTINED', checks)).map((f) => f.sourceKey)).toEqual(
      sut(inspection('QUARANTINED', checks)).map((f) => f.sourceKey),
    );
  });

  it('opens a check failed twice in one inspection once', () => {
    const found = sut(
      inspection('QUARANTINED', [
        { name: 'coolant-leak-test', passed: false, note: 'first' },
        { name: 'coolant-leak-test', passed: false, note: 'second' },
      ]),
    );
    expect(found).toHaveLength(1);
    expect(found[0].title).toContain('first');
  });

  it('keeps a long note within the title limit', () => {
    const [finding] = sut(inspection('QUARANTINED', [{ name: 'coolant-leak-test', passed: false, note: 'x'.repeat(500) }]));
    expect(finding.title).toHaveLength(500);
    expect(finding.title.endsWith('…')).toBe(true);
  });
});
