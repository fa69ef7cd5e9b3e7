import { json } from 'express';
import { PassThrough, Readable } from 'node:stream';
import { JsonArrayStream, NotStreamable, parseLikeBodyParser } from './streamed-json';

/** Feeds `body` to a stream in pieces of `size` bytes (split anywhere, multi-byte characters included). */
function streamOf(body: string | Buffer, size: number): { stream: PassThrough; send(): void } {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const stream = new PassThrough();
  return {
    stream,
    send: () => {
      for (let at = 0; at < bytes.length; at += size) stream.write(bytes.subarray(at, at + size));
      stream.end();
    },
  };
}

async function itemsOf(body: string | Buffer, size = 7): Promise<unknown[]> {
  const { stream, send } = streamOf(body, size);
  const sut = new JsonArrayStream(stream, 'measurements');
  send();
  const items: unknown[] = [];
  for (let chunk = await sut.next(); chunk; chunk = await sut.next()) items.push(...chunk);
  return items;
}

/** What body-parser's json() (as configureHttp sets it up) makes of a body: the parsed value or its error message. */
async function bodyParserOf(body: string | Buffer): Promise<{ body?: unknown; message?: string }> {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const request = Object.assign(Readable.from([bytes]), {
    headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) },
    complete: false,
    socket: { readable: true },
  }) as unknown as Parameters<ReturnType<typeof json>>[0];
  return new Promise((resolve) =>
    json({ limit: 8 * 1024 * 1024 })(request, {} as never, (error?: unknown) =>
      resolve(error ? { message: (error as Error).message } : { body: (request as { body?: unknown }).body }),
    ),
  );
}

const item = (i: number) => ({ metric: 'rack.power', value: i, unit: 'kW', component: `gpu{${i}]ü😀` });

describe('JsonArrayStream', () => {
  it.each([1, 3, 7, 64, 65_536])('hands out every item of a plain body split every %s bytes, in order', async (size) => {
    const items = Array.from({ length: 500 }, (_, i) => item(i));
    expect(await itemsOf(JSON.stringify({ measurements: items }), size)).toEqual(items);
  });

  it('reads whitespace around the member and between items, nested objects and non-object items', async () => {
    const body = ` \n{ "measurements" :\t[ {"a":{"b":[1,{"c":"]}"}]}} ,\n 2, "x" , {"d":null}\r\n] }\n`;
    expect(await itemsOf(body, 5)).toEqual([{ a: { b: [1, { c: ']}' }] } }, 2, 'x', { d: null }]);
  });

  it('ends with no items for an empty array', async () => {
    expect(await itemsOf('{"measurements":[]}')).toEqual([]);
  });

  it.each([
    ['a trailing comma', '{"measurements":[{"a":1},{"b":2},]}'],
    ['a second member', '{"measurements":[{"a":1}],"measurements":[{"b":2}]}'],
    ['another member first', '{"x":1,"measurements":[{"a":1}]}'],
    ['text after the object', '{"measurements":[{"a":1}]} x'],
    ['a missing end', '{"measurements":[{"a":1},{"b":2}'],
    ['a broken item', '{"measurements":[{"a":1},{"b":]}'],
    ['a byte order mark', '\ufeff{"measurements":[{"a":1}]}'],
    ['an array', '[{"a":1}]'],
    ['an item boundary inside a string', '{"measurements":[{"a":"},{"},{"b":2}]}'],
  ])('refuses %s as not streamable', async (_, body) => {
    await expect(itemsOf(body)).rejects.toBeInstanceOf(NotStreamable);
  });

  it.each([
    '{"measurements":[{"a":1},{"b":]}',
    '{"measurements":[{"a":1}',
    '{"measurements":[{"a":1}]} x',
    '5',
    ' x',
    '"text"',
    '\ufeff{"measurements":[{"a":1}]}',
    '{"measurements":[{"a":1}],"measurements":[{"b":2}]}',
    '[{"a":1}]',
    '{"measurements":[{"a":"},{"},{"b":2}]}',
    '',
    '  ',
  ])('answers the whole body %j as body-parser does', async (body) => {
    const { stream, send } = streamOf(body, 3);
    const sut = new JsonArrayStream(stream, 'measurements');
    send();
    const expected = await bodyParserOf(body);
    const whole = sut.whole().then(
      (value) => ({ body: value }),
      (error: Error) => ({ message: error.message }),
    );
    expect(await whole).toEqual(expected);
  });

  it('refuses a whole body holding U+0000 as the global pipe does, naming each place', async () => {
    const { stream, send } = streamOf('{"measurements":[{"a":"x"},{"b\\u0000":1,"c":"y\\u0000"}]}', 4);
    const sut = new JsonArrayStream(stream, 'measurements');
    send();
    await expect(sut.whole()).rejects.toMatchObject({
      details: [
        { field: 'measurements[1].b\\u0000', message: 'key must not contain NUL characters (\\u0000)' },
        { field: 'measurements[1].c', message: 'must not contain NUL characters (\\u0000)' },
      ],
    });
  });

  it('parses as body-parser does', () => {
    expect(parseLikeBodyParser('')).toEqual({});
    expect(() => parseLikeBodyParser('5')).toThrow('Unexpected token \'5\', "5" is not valid JSON');
  });
});
