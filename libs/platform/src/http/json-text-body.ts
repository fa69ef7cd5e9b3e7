import { BadRequestException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { mediaTypeOf } from './consumes.decorator';
import { refuseNulCharacters } from './validation';

/**
 * A JSON body read as text by the route itself (`ServiceDefinition.jsonBodyAsText`), so that a large
 * batch can be parsed a chunk at a time while PostgreSQL stores the chunks before it, instead of
 * all at once before the handler runs. Everything else about the body is the JSON body parser's:
 * the same media type, the same size limit, the same 400 for text that is not JSON.
 */

/**
 * Whether the request's JSON body goes to the handler as text: a POST to one of `routes` (paths),
 * in `application/json` with a UTF charset. Any other charset is left to the JSON body parser,
 * which answers 415.
 */
export function isJsonAsText(request: IncomingMessage, routes: readonly RegExp[]): boolean {
  if (request.method !== 'POST') return false;
  const contentType = request.headers['content-type'];
  if (mediaTypeOf(contentType) !== 'application/json') return false;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  if (charset !== undefined && !charset.toLowerCase().startsWith('utf-')) return false;
  const path = (request.url ?? '').split('?')[0];
  return routes.some((route) => route.test(path));
}

/**
 * The body as the JSON body parser and the validation pipe would have handed it over: `{}` for an
 * empty body, the parsed value otherwise; for text that is not JSON the parser's 400 (code
 * BAD_REQUEST, its message), and for a string holding U+0000 the pipe's 400 naming it.
 */
export function jsonBodyOf(text: string): unknown {
  if (text.length === 0) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw parserRefusal(error);
  }
  refuseNulCharacters(body);
  return body;
}

const SPACE = '[ \\t\\n\\r]*'; // JSON's whitespace only: \s would let through characters JSON refuses
const CLOSE = new RegExp(`${SPACE}\\}${SPACE}$`, 'y');
const BLANK = new RegExp(`^${SPACE}$`);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const CLOSE_BRACKET = 0x5d;

/**
 * The items of a body that is exactly `{"<key>": [ … ]}`, found by one scan of the text and parsed
 * later, a run of items at a time (`parseTo`). The scan follows strings (with their escapes) and
 * nesting only to find where each item ends; whether an item is JSON is `JSON.parse`'s to say. When
 * any piece fails to parse, the whole text is parsed to answer the parser's own 400: text that is
 * valid JSON always splits into pieces that parse, so the pieces fail only when the whole would.
 */
export class JsonArrayItems {
  private parsed = 0;

  private constructor(
    private readonly text: string,
    /** Where each item's text ends: at the comma after it, or at the closing bracket. */
    private readonly ends: number[],
    /** Where the first item's text starts. */
    private readonly start: number,
  ) {}

  /** The items of `{"<key>": [ … ]}` (whitespace allowed where JSON allows it), or undefined for any other shape. */
  static of(text: string, key: string): JsonArrayItems | undefined {
    const open = new RegExp(`${SPACE}\\{${SPACE}${JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${SPACE}:${SPACE}\\[`, 'y');
    if (!open.test(text)) return undefined;
    const start = open.lastIndex;
    const ends: number[] = [];
    const close = scanItems(text, start, ends);
    if (close < 0 || text.charCodeAt(close) !== CLOSE_BRACKET) return undefined;
    CLOSE.lastIndex = close + 1;
    if (!CLOSE.test(text)) return undefined;
    // `[ ]` holds no item; `[ , ]` one empty one, which JSON.parse refuses when it is reached.
    if (ends.length === 1 && BLANK.test(text.slice(start, close))) ends.pop();
    return new JsonArrayItems(text, ends, start);
  }

  get length(): number {
    return this.ends.length;
  }

  /**
   * Parses the items before `end` not parsed yet into `into` (at their indexes); the parser's 400
   * when they are not JSON. The strings are not searched for U+0000: the route's own check of each
   * item refuses it, and calls `refuseNulCharacters` to name it as the pipe would.
   */
  parseTo(end: number, into: unknown[]): void {
    const last = Math.min(end, this.ends.length);
    if (last <= this.parsed) return;
    const from = this.parsed === 0 ? this.start : this.ends[this.parsed - 1] + 1;
    let items: unknown;
    try {
      items = JSON.parse(`[${this.text.slice(from, this.ends[last - 1])}]`);
    } catch {
      refuseWhole(this.text);
    }
    if (!Array.isArray(items) || items.length !== last - this.parsed) refuseWhole(this.text);
    for (let i = 0; i < items.length; i++) into[this.parsed + i] = items[i];
    this.parsed = last;
  }
}

/** The JSON body parser's 400 for text that is not JSON. */
function parserRefusal(error: unknown): BadRequestException {
  return new BadRequestException(error instanceof Error ? error.message : String(error));
}

/** Throws the parser's 400 for the whole text, once a piece of it did not parse (so neither does the whole). */
function refuseWhole(text: string): never {
  try {
    JSON.parse(text);
  } catch (error) {
    throw parserRefusal(error);
  }
  throw new Error('JsonArrayItems: a piece of the text did not parse as its items, yet the whole text is JSON');
}

/**
 * Walks an array's items from `from` (just after its `[`), pushing where each ends; returns the
 * index of the bracket or brace that closes it (a brace is not the array's end: the caller refuses
 * that shape), or -1 when the text ends first.
 */
function scanItems(text: string, from: number, ends: number[]): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
      if (i < 0) return -1;
    } else if (c === 0x7b || c === 0x5b) depth += 1;
    else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) {
        ends.push(i);
        return i;
      }
      depth -= 1;
    } else if (c === COMMA && depth === 0) ends.push(i);
  }
  return -1;
}

/** The index of the quote closing the string opened at `open`, or -1. */
function stringEnd(text: string, open: number): number {
  let quote = text.indexOf('"', open + 1);
  while (quote >= 0) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return -1;
}
