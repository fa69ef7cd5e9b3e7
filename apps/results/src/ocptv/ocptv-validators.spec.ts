import { evaluateValidator, validationOf, validatorProblem } from './ocptv-validators';

describe('OCPTV validators', () => {
  it('compare numbers and strings in order, and never across kinds', () => {
    expect(evaluateValidator({ type: 'LESS_THAN_OR_EQUAL', value: 140 }, 124.25).passed).toBe(true);
    expect(evaluateValidator({ type: 'LESS_THAN', value: 140 }, 140).passed).toBe(false);
    expect(evaluateValidator({ type: 'GREATER_THAN', value: 30 }, 40).passed).toBe(true);
    expect(evaluateValidator({ type: 'GREATER_THAN_OR_EQUAL', value: 'b' }, 'a').passed).toBe(false);
    const across = evaluateValidator({ type: 'LESS_THAN', value: 10 }, 'five');
    expect(across).toMatchObject({ passed: false, problem: 'cannot order a string against a number' });
  });

  it('check equality of booleans and sets of strings', () => {
    expect(evaluateValidator({ type: 'EQUAL', value: true, name: 'links_up' }, true)).toEqual({
      type: 'EQUAL',
      name: 'links_up',
      passed: true,
    });
    expect(evaluateValidator({ type: 'NOT_EQUAL', value: true }, false).passed).toBe(true);
    expect(evaluateValidator({ type: 'IN_SET', value: ['ok', 'warning'] }, 'degraded').passed).toBe(false);
    expect(evaluateValidator({ type: 'NOT_IN_SET', value: ['failed'] }, 'ok').passed).toBe(true);
  });

  it('match regular expressions against strings only', () => {
    expect(evaluateValidator({ type: 'REGEX_MATCH', value: '^v2\\.' }, 'v2.14').passed).toBe(true);
    expect(evaluateValidator({ type: 'REGEX_NO_MATCH', value: 'ERR' }, 'all fine').passed).toBe(true);
    expect(evaluateValidator({ type: 'REGEX_MATCH', value: '(' }, 'x')).toMatchObject({
      passed: false,
      problem: 'not a valid regular expression: (',
    });
    expect(evaluateValidator({ type: 'REGEX_MATCH', value: '1' }, 1).passed).toBe(false);
  });

  it('sum up to PASS, FAIL or nothing', () => {
    expect(validationOf([])).toBeUndefined();
    expect(validationOf([{ type: 'EQUAL', passed: true }])).toBe('PASS');
    expect(
      validationOf([
        { type: 'EQUAL', passed: true },
        { type: 'IN_SET', passed: false },
      ]),
    ).toBe('FAIL');
  });

  it('name what is wrong with a malformed validator', () => {
    expect(validatorProblem({ type: 'ABOUT', value: 1 })).toMatch(/^validator type must be one of EQUAL/);
    expect(validatorProblem({ type: 'IN_SET', value: 'ok' })).toBe('IN_SET validator value must be a list of numbers, booleans or strings');
    expect(validatorProblem({ type: 'REGEX_MATCH', value: 3 })).toBe('REGEX_MATCH validator value must be a regular expression string');
    expect(validatorProblem({ type: 'EQUAL', value: true })).toBeUndefined();
  });
});
