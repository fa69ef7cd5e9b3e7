import { DomainError, ErrorKind } from '../http/domain-error';
import { domainErrorOf, errorCodes } from './domain-errors';

const SampleCode = errorCodes({
  [ErrorKind.NotFound]: ['RACK_NOT_FOUND'],
  [ErrorKind.Conflict]: ['RACK_ALREADY_ON_SITE', 'ILLEGAL_TRANSITION'],
});
class SampleError extends domainErrorOf(SampleCode) {}

describe('errorCodes', () => {
  it('names every code once, as its own value', () => {
    expect(SampleCode).toEqual({
      RACK_NOT_FOUND: 'RACK_NOT_FOUND',
      RACK_ALREADY_ON_SITE: 'RACK_ALREADY_ON_SITE',
      ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
    });
    expect(Object.isFrozen(SampleCode)).toBe(true);
  });

  it('refuses a code listed under two kinds', () => {
    expect(() => errorCodes({ [ErrorKind.NotFound]: ['DUPLICATE'], [ErrorKind.Conflict]: ['DUPLICATE'] })).toThrow(
      'error code DUPLICATE is listed as both not-found and conflict',
    );
  });
});

describe('domainErrorOf', () => {
  it('gives the exception the kind its code is listed under, and the subclass name', () => {
    const sut = new SampleError(SampleCode.ILLEGAL_TRANSITION, 'rack RK-1 is RECEIVED', [{ field: 'serial', message: 'RECEIVED' }]);

    expect(sut).toBeInstanceOf(DomainError);
    expect(sut).toBeInstanceOf(SampleError);
    expect(sut).toMatchObject({
      kind: ErrorKind.Conflict,
      code: 'ILLEGAL_TRANSITION',
      message: 'rack RK-1 is RECEIVED',
      name: 'SampleError',
      details: [{ field: 'serial', message: 'RECEIVED' }],
    });
    expect(new SampleError(SampleCode.RACK_NOT_FOUND, 'no rack')).toMatchObject({ kind: ErrorKind.NotFound, details: [] });
  });

  it('takes only a vocabulary errorCodes made', () => {
    expect(() => domainErrorOf({ RACK_NOT_FOUND: 'RACK_NOT_FOUND' })).toThrow('domainErrorOf takes a vocabulary made by errorCodes');
  });
});
