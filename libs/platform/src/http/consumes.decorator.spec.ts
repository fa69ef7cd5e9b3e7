import { ExecutionContext, UnsupportedMediaTypeException } from '@nestjs/common';
import { MediaTypeGuard, mediaTypeOf } from './consumes.decorator';

function contextOf(contentType: string | undefined, drained: { resumed: boolean }): ExecutionContext {
  const request = { headers: { 'content-type': contentType }, readableEnded: false, resume: () => (drained.resumed = true) };
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

describe('MediaTypeGuard (@Consumes)', () => {
  const sut = new MediaTypeGuard(['text/csv']);

  it('lets through an accepted media type, whatever its parameters or case', () => {
    const drained = { resumed: false };
    expect(sut.canActivate(contextOf('Text/CSV; charset=utf-8', drained))).toBe(true);
    expect(drained.resumed).toBe(false);
  });

  it('refuses another or a missing media type with 415 naming the accepted types, draining the body', () => {
    const drained = { resumed: false };
    expect(() => sut.canActivate(contextOf('application/json', drained))).toThrow(
      new UnsupportedMediaTypeException('send the body as Content-Type: text/csv (got application/json)'),
    );
    expect(drained.resumed).toBe(true);
    expect(() => sut.canActivate(contextOf(undefined, { resumed: false }))).toThrow(/text\/csv \(got none\)/);
  });

  it("answers with the route's own error where its contract names one", () => {
    const refusing = new MediaTypeGuard(['application/x-ndjson'], (sent) => new Error(`not NDJSON: ${sent}`));
    expect(() => refusing.canActivate(contextOf('text/plain', { resumed: false }))).toThrow('not NDJSON: text/plain');
  });

  it('reads the media type without its parameters', () => {
    expect(mediaTypeOf('application/x-ndjson; charset=utf-8')).toBe('application/x-ndjson');
    expect(mediaTypeOf('')).toBeUndefined();
  });
});
