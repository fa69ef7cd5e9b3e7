import { BadRequestException } from '@nestjs/common';
import fc from 'fast-check';
import type { IncomingMessage } from 'node:http';
import { isJsonAsText, JsonArrayItems, jsonBodyOf } from './json-text-body';

const SEED = 20261202;

/** Every item of the body, parsed `step` items at a time: what a route reading it chunk by chunk gets. */
function parsedInSteps(items: JsonArrayItems, step: number): unknown[] {
  const into: unknown[] = [];
  for (let end = step; end < items.length + step; end += step) items.parseTo(end, into);
  return into;
}

/** What the JSON body parser would have made of the text: its value, or the 400 it answers. */
function parserVerdict(text: string): { value: unknown } | { refused: string } {
  try {
    return { value: jsonBodyOf(text) };
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return { refused: (error as Error).message };
  }
}

describe('JsonArrayItems', () => {
  it('splits {"key": [...]} into its items, parsed chunk by chunk exactly as JSON.parse parses the whole', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 30 }),
        fc.constantFrom(undefined, 1, '\t', ' \r\n '),
        fc.integer({ min: 1, max: 7 }),
        (list, indent, step) => {
          const text = JSON.stringify({ measurements: list }, null, indent);
          const items = JsonArrayItems.of(text, 'measurements');
          expect(items?.length).toBe(list.length);
          expect(parsedInSteps(items!, step)).toEqual(JSON.parse(text).measurements);
        },
      ),
      { seed: SEED, numRuns: 1_000 },
    );
  });

  it('answers text that is not JSON with the parser’s own 400, and never accepts what JSON.parse refuses', () => {
    // Valid bodies broken at one place: a character removed, doubled or replaced by a JSON-significant one.
    const body = fc
      .array(fc.record({ metric: fc.string(), value: fc.double(), note: fc.oneof(fc.string(), fc.array(fc.string())) }), { maxLength: 6 })
      .map((list) => JSON.stringify({ measurements: list }));
    const breaks = fc.tuple(fc.nat(), fc.constantFrom('', ',', '"', '\\', '[', ']', '{', '}', ':', 'x', ' ', '\u00a0'), fc.boolean());
    let refused = 0;
    fc.assert(
      fc.property(body, breaks, fc.integer({ min: 1, max: 4 }), (valid, [at, insert, replace], step) => {
        const cut = at % (valid.length + 1);
        const text = valid.slice(0, cut) + insert + valid.slice(replace ? cut + 1 : cut);
        const verdict = parserVerdict(text);
        const items = JsonArrayItems.of(text, 'measurements');
        if (!items) return; // another shape: the route parses it whole, as the parser did
        let parsed: unknown[] | undefined;
        let error: unknown;
        try {
          parsed = parsedInSteps(items, step);
        } catch (caught) {
          error = caught;
        }
        if ('refused' in verdict) {
          refused += 1;
          expect(error).toBeInstanceOf(BadRequestException);
          expect((error as Error).message).toBe(verdict.refused);
        } else {
          expect(error).toBeUndefined();
          expect(parsed).toEqual((verdict.value as { measurements: unknown[] }).measurements);
        }
      }),
      { seed: SEED, numRuns: 3_000 },
    );
    expect(refused).toBeGreaterThan(500);
  });

  it('follows strings with escaped quotes and backslashes, and brackets inside them', () => {
    const list = [{ a: 'x\\"],[{' }, { b: '\\\\' }, ['"', '}', '\\'], 'a,b', 1, null];
    const text = `{ "measurements" :\n[ ${list.map((item) => JSON.stringify(item)).join(' ,\n ')} ] }\n`;
    const items = JsonArrayItems.of(text, 'measurements')!;
    expect(items.length).toBe(list.length);
    expect(parsedInSteps(items, 2)).toEqual(list);
  });

  it('counts an empty array as no items, and refuses empty items and a trailing comma when they are reached', () => {
    expect(JsonArrayItems.of('{"measurements":[ ]}', 'measurements')?.length).toBe(0);
    for (const text of ['{"measurements":[ , ]}', '{"measurements":[1,]}', '{"measurements":[1,,2]}', '{"measurements":[\u00a0]}']) {
      const items = JsonArrayItems.of(text, 'measurements')!;
      expect(() => parsedInSteps(items, 1)).toThrow(BadRequestException);
    }
  });

  it('leaves every other shape to a whole parse', () => {
    for (const text of [
      '',
      '[]',
      '{"other":1,"measurements":[]}',
      '{"measurements":[1]],"x":2}',
      '{"measurements":[1]} x',
      '{"measurements":[}}',
      '{"measurements":[1],"measurements":[2]}',
      '\u00a0{"measurements":[1]}',
      '{"measurements":[1, "unterminated]}',
    ]) {
      expect(JsonArrayItems.of(text, 'measurements')).toBeUndefined();
    }
  });
});

describe('jsonBodyOf', () => {
  it('is the JSON body parser: {} for an empty body, the value, or a 400 with JSON.parse’s message', () => {
    expect(jsonBodyOf('')).toEqual({});
    expect(jsonBodyOf(' {"a":[1]} ')).toEqual({ a: [1] });
    expect(() => jsonBodyOf('{"a":')).toThrow(new BadRequestException('Unexpected end of JSON input'));
  });
});

describe('isJsonAsText', () => {
  const routes = [/^\/v1\/runs\/[^/]+\/measurements$/];
  const request = (method: string, url: string, contentType?: string) =>
    ({ method, url, headers: contentType === undefined ? {} : { 'content-type': contentType } }) as IncomingMessage;

  it('takes a POST of JSON in a UTF charset to one of the routes, whatever its query', () => {
    expect(isJsonAsText(request('POST', '/v1/runs/r1/measurements', 'application/json'), routes)).toBe(true);
    expect(isJsonAsText(request('POST', '/v1/runs/r1/measurements?x=1', 'Application/JSON; charset=UTF-8'), routes)).toBe(true);
  });

  it('leaves other methods, paths, media types and charsets to the JSON body parser (which answers 415 for the charset)', () => {
    expect(isJsonAsText(request('PUT', '/v1/runs/r1/measurements', 'application/json'), routes)).toBe(false);
    expect(isJsonAsText(request('POST', '/v1/runs/r1/measurements/corrections', 'application/json'), routes)).toBe(false);
    expect(isJsonAsText(request('POST', '/v1/runs/r1/measurements', 'text/plain'), routes)).toBe(false);
    expect(isJsonAsText(request('POST', '/v1/runs/r1/measurements'), routes)).toBe(false);
    expect(isJsonAsText(request('POST', '/v1/runs/r1/measurements', 'application/json; charset=latin1'), routes)).toBe(false);
  });
});
