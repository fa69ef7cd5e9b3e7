import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { StringDecoder } from 'node:string_decoder';
import { refuseNulCharacters } from './validation';

/**
 * A JSON body of the form `{"<member>": [item, item, …]}` read while it arrives: its items are parsed
 * a network chunk at a time, so a route can start its work (a transaction, a COPY) on the first
 * items instead of after the whole body was received and parsed. Only plain requests are read this
 * way; the rest go through the JSON body parser as usual, and so does any body that turns out not to
 * be of that plain form: `whole()` then answers exactly as the body parser would have.
 */
export interface StreamedJsonRoute {
  /** The route's path (matched against the request path, without its query). */
  path: RegExp;
  /** The one member of the body object holding the array. */
  member: string;
}

const DEFERRED = Symbol('streamed JSON body');
const JSON_MEDIA_TYPE = /^application\/json[ \t]*(?:;[ \t]*charset[ \t]*=[ \t]*(?:utf-8|"utf-8")[ \t]*)?$/i;
const DIGITS = /^\d+$/;

/**
 * The middleware that sets a plain request to a streamed route aside before the JSON body parser:
 * a POST of `application/json` (UTF-8), neither compressed nor chunked, whose declared length is
 * within `limit`, and without `Idempotency-Key` or `Prefer` (their interceptors read the parsed
 * body before the handler runs). Its reading starts at once, while guards and interceptors run.
 * Everything else (a wrong media type or charset, a body past the limit, …) keeps the parser's answer.
 */
export function streamedJsonBodies(routes: readonly StreamedJsonRoute[], limit: number): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    if (routes.length && request.method === 'POST') {
      const route = routes.find((candidate) => candidate.path.test(request.path));
      if (route && isPlain(request, limit))
        (request as Request & { [DEFERRED]?: JsonArrayStream })[DEFERRED] = new JsonArrayStream(request, route.member);
    }
    next();
  };
}

function isPlain(request: Request, limit: number): boolean {
  const { headers } = request;
  const length = headers['content-length'];
  const encoding = headers['content-encoding'];
  return (
    JSON_MEDIA_TYPE.test(headers['content-type'] ?? '') &&
    (encoding === undefined || encoding.toLowerCase() === 'identity') &&
    headers['transfer-encoding'] === undefined &&
    length !== undefined &&
    DIGITS.test(length) &&
    Number(length) > 0 &&
    Number(length) <= limit &&
    headers['idempotency-key'] === undefined &&
    headers.prefer === undefined
  );
}

/** The body parser, skipped for a request whose body is read as a stream. */
export function unlessStreamed(parser: RequestHandler): RequestHandler {
  return (request, response, next) => (DEFERRED in request ? next() : parser(request, response, next));
}

/** Thrown by `next()` when the body is not of the plain form after all: answer it from `whole()`. */
export class NotStreamable extends Error {}

const WS = '[ \\t\\n\\r]*';
const TAIL = new RegExp(`^${WS}\\}${WS}$`);
const BLANK = new RegExp(`^${WS}$`);
/** The most text kept without an item boundary before a body counts as not plain (items are far smaller). */
const MAX_PENDING = 256 * 1024;

export class JsonArrayStream {
  /** The request's body stream of a streamed route, or undefined when the body parser has read it. */
  static of(request: object): JsonArrayStream | undefined {
    return (request as { [DEFERRED]?: JsonArrayStream })[DEFERRED];
  }

  private readonly chunks: Buffer[] = [];
  private readonly decoder = new StringDecoder('utf8');
  private readonly head: RegExp;
  /** Decoded text not parsed yet, and how much of it was searched for an item boundary. */
  private text = '';
  private searched = 0;
  private state: 'head' | 'items' | 'ended' | 'off' = 'head';
  /** Items parsed and not yet handed out. */
  private ready: unknown[] = [];
  private count = 0;
  private received = false;
  private failure?: Error;
  private wake?: () => void;
  private readonly done: Promise<void>;

  constructor(
    private readonly stream: NodeJS.ReadableStream,
    member: string,
  ) {
    this.head = new RegExp(`^${WS}\\{${WS}${JSON.stringify(member).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${WS}:${WS}\\[`);
    this.done = new Promise<void>((resolve) => {
      stream.on('data', (chunk: Buffer) => this.take(chunk));
      stream.on('end', () => {
        this.received = true;
        this.finish(this.decoder.end());
        resolve();
      });
      const fail = (error?: Error) => {
        if (this.received) return;
        this.received = true;
        this.failure = new BadRequestException(error?.message === 'aborted' || !error ? 'request aborted' : error.message);
        this.state = 'off';
        this.wakeUp();
        resolve();
      };
      stream.on('error', fail);
      stream.on('aborted', () => fail());
    });
  }

  /**
   * The items parsed since the last call, waiting for some when none are ready; undefined once the
   * array and the body have ended. Throws `NotStreamable` as soon as the body is not of the plain form.
   */
  async next(): Promise<unknown[] | undefined> {
    for (;;) {
      if (this.state === 'off') throw new NotStreamable('the body is not a plain JSON array member');
      if (this.ready.length) {
        const items = this.ready;
        this.ready = [];
        return items;
      }
      if (this.state === 'ended') return undefined;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /**
   * The whole body once received, parsed as the JSON body parser parses it (UTF-8 with its BOM
   * dropped, strict: an object or an array), or its 400 with the parser's message; then checked as
   * the global pipe checks a `@Body()` (no U+0000 anywhere). Items `next()` handed out are the
   * route's to check: a route takes them only when none can hold U+0000.
   */
  async whole(): Promise<unknown> {
    await this.done;
    if (this.failure) throw this.failure;
    let text = Buffer.concat(this.chunks).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const body = parseLikeBodyParser(text);
    refuseNulCharacters(body);
    return body;
  }

  private take(chunk: Buffer): void {
    this.chunks.push(chunk);
    if (this.state === 'off') return;
    this.text += this.decoder.write(chunk);
    this.scan(false);
  }

  private finish(rest: string): void {
    if (this.state === 'off') return;
    this.text += rest;
    this.scan(true);
    if (this.state !== 'ended') this.off();
    this.wakeUp();
  }

  private scan(last: boolean): void {
    if (this.state === 'head') {
      const head = this.head.exec(this.text);
      if (!head) {
        // A member name and whitespace fit in 256 characters; a longer text without the form is not plain.
        if (last || this.text.length > 256) this.off();
        return;
      }
      this.text = this.text.slice(head[0].length);
      this.searched = 0;
      this.state = 'items';
    }
    if (this.state !== 'items') return;
    if (last) {
      // The array ends at the last `]` before `}`: '[' + what lies between + ']' must parse as one array.
      const end = this.text.lastIndexOf(']');
      if (end < 0 || !TAIL.test(this.text.slice(end + 1))) return this.off();
      const rest = this.text.slice(0, end);
      // A comma already consumed before nothing (`…},]`) is a trailing comma JSON refuses.
      if (BLANK.test(rest)) {
        if (this.count > 0) return this.off();
      } else if (!this.parse(rest)) return this.off();
      this.text = '';
      this.state = 'ended';
      return;
    }
    // Items end where an object closes before a comma. A cut that parses is a real boundary: one
    // inside a string or a nested object leaves the text unbalanced, which JSON.parse refuses, and
    // the body is then not taken as plain (a `},` inside a string: rare, answered from `whole()`).
    // Only the text not searched yet is searched, so tiny chunks cost no more than large ones.
    let cut = -1;
    for (let at = this.text.indexOf('},', Math.max(0, this.searched - 1)); at >= 0; at = this.text.indexOf('},', at + 2)) cut = at;
    this.searched = this.text.length;
    if (cut < 0) {
      if (this.text.length > MAX_PENDING) this.off();
      return;
    }
    if (!this.parse(this.text.slice(0, cut + 1))) return this.off();
    this.text = this.text.slice(cut + 2);
    this.searched = this.text.length;
    this.wakeUp();
  }

  private parse(items: string): boolean {
    let parsed: unknown[];
    try {
      parsed = JSON.parse(`[${items}]`) as unknown[];
    } catch {
      return false;
    }
    this.count += parsed.length;
    if (this.ready.length) for (const item of parsed) this.ready.push(item);
    else this.ready = parsed;
    return true;
  }

  private off(): void {
    this.state = 'off';
    this.text = '';
    this.ready = [];
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

const FIRST_NON_WHITESPACE = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d]|$)/;

/**
 * body-parser's strict JSON parse (its `json()` as `configureHttp` sets it up), with its 400: an
 * empty body is `{}`, a body that is neither an object nor an array is refused naming its first
 * character, and JSON.parse's own message otherwise.
 */
export function parseLikeBodyParser(body: string): unknown {
  if (body.length === 0) return {};
  if (body[0] !== '{' && body[0] !== '[') {
    const match = FIRST_NON_WHITESPACE.exec(body);
    const first = match && match[1] ? match[1] : undefined;
    if (first !== '{' && first !== '[') throw new BadRequestException(strictViolation(body, first));
  }
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new BadRequestException((error as Error).message);
  }
}

/** The message body-parser gives a body that does not start with `{` or `[`: JSON.parse's, on the text as it was. */
function strictViolation(body: string, first: string | undefined): string {
  const index = first === undefined ? -1 : body.indexOf(first);
  const partial = index === -1 ? '' : body.substring(0, index) + '#'.repeat(body.length - index);
  try {
    JSON.parse(partial);
    return 'strict violation';
  } catch (error) {
    return (error as Error).message.replace(/#+/g, (placeholder) => body.substring(index, index + placeholder.length));
  }
}
