import { REDACTED, redactCredentials, redactHeaders } from './redact';

const JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJlLXBhcnQ';

describe('redactCredentials', () => {
  it.each([
    ['/api/events?access_token=abc.def.ghi', `/api/events?access_token=${REDACTED}`],
    ['/api/events?ticket=Zm9vYmFy&x=1', `/api/events?ticket=${REDACTED}&x=1`],
    ['/x?a=1&TOKEN=secret', `/x?a=1&TOKEN=${REDACTED}`],
    ['/x?Access_Token=secret#frag', `/x?Access_Token=${REDACTED}#frag`],
    ['/x?a=1;token=secret', `/x?a=1;token=${REDACTED}`],
  ])('redacts the credential parameter of %s', (text, expected) => {
    expect(redactCredentials(text)).toBe(expected);
  });

  it('redacts inside a JSON log line and keeps the rest', () => {
    const line = JSON.stringify({ message: 'request', method: 'GET', path: `/api/events?access_token=${JWT}&since=5`, status: 200 });

    const sut = JSON.parse(redactCredentials(line));

    expect(sut).toEqual({ message: 'request', method: 'GET', path: `/api/events?access_token=${REDACTED}&since=5`, status: 200 });
  });

  it('redacts a JWT anywhere, and bearer or basic credentials', () => {
    expect(redactCredentials(`failed for ${JWT} at 10:00`)).toBe(`failed for ${REDACTED} at 10:00`);
    expect(redactCredentials('sent Bearer opaque-access-token-123')).toBe(`sent Bearer ${REDACTED}`);
    expect(redactCredentials('sent basic YWRhOnJhY2tldmFs')).toBe(`sent basic ${REDACTED}`);
  });

  it('redacts authorization and cookie fields', () => {
    const line = JSON.stringify({ headers: { authorization: 'Token xyz', cookie: 'session=1', accept: 'text/html' } });

    expect(JSON.parse(redactCredentials(line))).toEqual({ headers: { authorization: REDACTED, cookie: REDACTED, accept: 'text/html' } });
  });

  it('leaves ordinary text alone', () => {
    const text = '{"message":"a bearer token is required","path":"/api/intake/v1/racks?state=RECEIVED&tokenish=1"}';

    expect(redactCredentials(text)).toBe(text);
  });
});

describe('redactHeaders', () => {
  it('replaces credential headers whatever their case', () => {
    expect(redactHeaders({ Authorization: 'Bearer x', 'content-type': 'application/json', Cookie: 'a=b' })).toEqual({
      Authorization: REDACTED,
      'content-type': 'application/json',
      Cookie: REDACTED,
    });
  });
});
