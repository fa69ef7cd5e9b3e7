import { refusal } from '../../test/support/refusal';
import { checkChecklist, checklistFor } from './inspection-checklist.rules';

const all = ['shock-tilt-indicators', 'visual-damage', 'coolant-leak-test', 'power-on-self-test'];
const passed = (names: string[]) => names.map((name) => ({ name, passed: true }));
const air = { code: 'G1', cooling: 'air' as const };
const liquid = { code: 'G2', cooling: 'direct-liquid' as const };

describe('inspection checklist by cooling', () => {
  it('drops the coolant leak test for air-cooled generations only', () => {
    expect(checklistFor('air')).toEqual(['shock-tilt-indicators', 'visual-damage', 'power-on-self-test']);
    expect(checklistFor('direct-liquid')).toEqual(all);
    expect(checklistFor('immersion')).toEqual(all);
  });

  it('accepts an air-cooled rack without a coolant leak test, and a liquid-cooled one with it', () => {
    expect(() => checkChecklist({ checks: passed(checklistFor('air')), outcome: 'ACCEPTED' }, air)).not.toThrow();
    expect(() => checkChecklist({ checks: passed(all), outcome: 'ACCEPTED' }, liquid)).not.toThrow();
  });

  it('refuses a coolant leak test on an air-cooled rack, naming the rule and the check (422)', () => {
    const error = refusal(() => checkChecklist({ checks: passed(all), outcome: 'ACCEPTED' }, air));
    expect(error).toMatchObject({ code: 'CHECK_NOT_APPLICABLE', kind: 'domain-rule' });
    expect(error.message).toContain('COOLANT_CHECK_NOT_APPLICABLE: generation G1 is air-cooled');
    expect(error.details).toEqual([{ field: 'checks[2].name', message: 'coolant-leak-test does not apply to a air-cooled rack' }]);
  });

  it('still requires the coolant leak test on a liquid-cooled rack', () => {
    const error = refusal(() => checkChecklist({ checks: passed(checklistFor('air')), outcome: 'QUARANTINED' }, liquid));
    expect(error.code).toBe('INVALID_INSPECTION');
    expect(error.details).toEqual([{ field: 'checks', message: 'standard check coolant-leak-test is missing' }]);
  });

  it('refuses accepting a rack with a failed standard check, and duplicate checks', () => {
    const failed = [...passed(['shock-tilt-indicators', 'visual-damage']), { name: 'power-on-self-test', passed: false }];
    expect(refusal(() => checkChecklist({ checks: failed, outcome: 'ACCEPTED' }, air)).code).toBe('FAILED_CHECKS_ON_ACCEPT');
    expect(() => checkChecklist({ checks: failed, outcome: 'QUARANTINED' }, air)).not.toThrow();
    const twice = [...passed(checklistFor('air')), { name: 'visual-damage', passed: true }];
    expect(refusal(() => checkChecklist({ checks: twice, outcome: 'ACCEPTED' }, air)).details).toEqual([
      { field: 'checks[3].name', message: 'check visual-damage appears twice' },
    ]);
  });
});
