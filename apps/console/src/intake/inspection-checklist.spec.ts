import { acceptAllowed, applicableTo, extraCheckName, initialChecklist, suggestedOutcome, toChecks } from './inspection-checklist';

describe('inspection checklist', () => {
  it('starts with the four standard checks', () => {
    expect(initialChecklist().map((c) => c.name)).toEqual([
      'shock-tilt-indicators',
      'visual-damage',
      'coolant-leak-test',
      'power-on-self-test',
    ]);
  });

  it('suggests acceptance only when every check passed', () => {
    const checks = initialChecklist().map((c) => ({ ...c, passed: true }));
    expect(suggestedOutcome(checks)).toBe('ACCEPTED');
    checks[2].passed = false;
    expect(suggestedOutcome(checks)).toBe('QUARANTINED');
    expect(acceptAllowed(checks)).toBe(false);
  });

  it('sends notes only when written and names extra checks like the standard ones', () => {
    const checks = initialChecklist();
    checks[0].note = '  tilt label red ';
    expect(toChecks(checks)[0]).toEqual({ name: 'shock-tilt-indicators', passed: false, note: 'tilt label red' });
    expect(toChecks(checks)[1]).toEqual({ name: 'visual-damage', passed: false });
    expect(extraCheckName('Rail kit complete!')).toBe('rail-kit-complete');
  });

  it('drops the coolant leak test for an air-cooled rack only, keeping extra checks', () => {
    const withExtra = [
      ...initialChecklist(),
      { name: 'coolant-leak-test', label: 'coolant-leak-test', passed: true, note: '', extra: true },
    ];
    expect(applicableTo(initialChecklist(), 'air').map((c) => c.name)).toEqual([
      'shock-tilt-indicators',
      'visual-damage',
      'power-on-self-test',
    ]);
    expect(applicableTo(initialChecklist(), 'immersion')).toHaveLength(4);
    expect(applicableTo(withExtra, 'air').filter((c) => c.extra)).toHaveLength(1);
  });
});
