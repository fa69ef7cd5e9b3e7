import type { Test } from 'supertest';

/** The request with its streamed text answer (a CSV export) read whole into `body`. */
export function withTextBody(request: Test): Test {
  return request.buffer(true).parse((res, done) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => done(null, text));
  });
}
