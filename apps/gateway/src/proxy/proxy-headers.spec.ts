import { forwardedRequestHeaders, forwardedResponseHeaders, hasBody } from './proxy-headers';

describe('proxy headers', () => {
  it('forwards only the allow-listed request headers', () => {
    const sut = forwardedRequestHeaders({
      authorization: 'Bearer t',
      'content-type': 'text/csv',
      'idempotency-key': 'k-1',
      'if-match': '"3"',
      prefer: 'wait=10',
      cookie: 'session=1',
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
      'transfer-encoding': 'chunked',
      connection: 'upgrade',
      'proxy-authorization': 'Basic x',
    });

    expect(sut).toEqual({
      authorization: 'Bearer t',
      'content-type': 'text/csv',
      'idempotency-key': 'k-1',
      'if-match': '"3"',
      prefer: 'wait=10',
    });
  });

  it('passes back only the allow-listed response headers', () => {
    const sut = forwardedResponseHeaders({
      'content-type': 'text/csv',
      'content-disposition': 'attachment; filename="options.csv"',
      etag: '"7"',
      'idempotent-replayed': 'true',
      'preference-applied': 'wait=10',
      'x-powered-by': 'Express',
      'set-cookie': ['a=b'],
      'access-control-allow-origin': '*',
    });

    expect(sut).toEqual({
      'content-type': 'text/csv',
      'content-disposition': 'attachment; filename="options.csv"',
      etag: '"7"',
      'idempotent-replayed': 'true',
      'preference-applied': 'wait=10',
    });
  });

  it('sees a body in either framing', () => {
    expect(hasBody({ 'transfer-encoding': 'chunked' })).toBe(true);
    expect(hasBody({ 'content-length': '12' })).toBe(true);
    expect(hasBody({ 'content-length': '0' })).toBe(false);
    expect(hasBody({})).toBe(false);
  });
});
