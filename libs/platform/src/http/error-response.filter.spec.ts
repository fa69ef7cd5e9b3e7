import { ArgumentsHost, ForbiddenException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { DomainError, ErrorKind, RequestValidationError } from './domain-error';
import { ErrorResponseFilter } from './error-response.filter';

class RackError extends DomainError {
  constructor(kind: ErrorKind, code: string, message: string) {
    super(kind, code, message);
  }
}

function respond(exception: unknown) {
  const response = { headersSent: false, statusCode: 0, body: undefined as unknown, headers: {} as Record<string, string> };
  const res = {
    headersSent: false,
    setHeader(name: string, value: string) {
      response.headers[name] = value;
    },
    status(code: number) {
      response.statusCode = code;
      return this;
    },
    json(body: unknown) {
      response.body = body;
    },
  };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  new ErrorResponseFilter().catch(exception, host);
  return response;
}

describe('ErrorResponseFilter', () => {
  it.each([
    ['the database restarting', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a pool that cannot connect', new Error('timeout exceeded when trying to connect')],
    ['a lock wait past lock_timeout, wrapped by TypeORM', Object.assign(new Error('query failed'), { driverError: { code: '55P03' } })],
  ])('answers 503 with Retry-After, not 500, for %s', (_, error) => {
    const sut = respond(error);
    expect(sut.statusCode).toBe(503);
    expect(sut.headers['retry-after']).toBe('1');
    expect(sut.body).toMatchObject({ statusCode: 503, code: 'UNAVAILABLE' });
  });

  it.each([
    [ErrorKind.BadInput, 400],
    [ErrorKind.NotFound, 404],
    [ErrorKind.Conflict, 409],
    [ErrorKind.DomainRule, 422],
    [ErrorKind.Forbidden, 403],
  ])('maps a %s domain error to %i with its code', (kind, status) => {
    const sut = respond(new RackError(kind, 'RACK_RULE', 'rack RK-1 broke a rule'));
    expect(sut.statusCode).toBe(status);
    expect(sut.body).toMatchObject({ statusCode: status, code: 'RACK_RULE', message: 'rack RK-1 broke a rule', details: [] });
  });

  it('lists every invalid field of a validation error', () => {
    const sut = respond(new RequestValidationError([{ field: 'racks[0].serial', message: 'serial must be a string' }]));
    expect(sut.statusCode).toBe(400);
    expect(sut.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'racks[0].serial', message: 'serial must be a string' }],
    });
  });

  it("keeps Nest's own HTTP exceptions in the same shape", () => {
    expect(respond(new ForbiddenException('requires one of the roles: admin')).body).toMatchObject({
      statusCode: 403,
      error: 'Forbidden',
      code: 'FORBIDDEN',
      message: 'requires one of the roles: admin',
    });
    expect(respond(new NotFoundException()).body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('hides the details of an unexpected error', () => {
    const sut = respond(new Error('connection string with secrets'));
    expect(sut.statusCode).toBe(500);
    expect(sut.body).toMatchObject({ code: 'INTERNAL', message: 'an unexpected error occurred' });
  });
});

describe('ErrorResponseFilter and health reports', () => {
  it('keeps a failed health report whole, naming the dependency that is down', () => {
    const report = { status: 'error', info: { postgres: { status: 'up' } }, error: { kafka: { status: 'down' } }, details: {} };
    const sut = respond(new ServiceUnavailableException(report));
    expect(sut.statusCode).toBe(503);
    expect(sut.body).toEqual(report);
  });
});
