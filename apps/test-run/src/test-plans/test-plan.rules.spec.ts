import { RequestValidationError } from '@rackeval/platform';
import { assertValidPlan, planViolations } from './test-plan.rules';

const suite = (key: string, metrics: string[] = ['throughput']) => ({ key, name: key, required: true, maxAttempts: 2, metrics });

describe('test plan rules', () => {
  it('accepts distinct suite keys and distinct metrics', () => {
    expect(planViolations([suite('burn-in'), suite('thermal-soak', ['inlet_temp', 'outlet_temp'])])).toEqual([]);
  });

  it('names the suite whose key repeats an earlier one', () => {
    const sut = planViolations([suite('burn-in'), suite('thermal-soak'), suite('burn-in')]);
    expect(sut).toEqual([{ field: 'suites[2].key', message: 'suite key burn-in is already used by suites[0]' }]);
  });

  it('names a metric listed twice in one suite', () => {
    const sut = planViolations([suite('burn-in', ['power', 'temp', 'power'])]);
    expect(sut).toEqual([{ field: 'suites[0].metrics[2]', message: 'metric power is listed twice' }]);
  });

  it('refuses an invalid plan as bad input', () => {
    expect(() => assertValidPlan([suite('a'), suite('a')])).toThrow(RequestValidationError);
  });
});
