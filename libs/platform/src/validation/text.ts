/** PostgreSQL text and jsonb refuse U+0000; nothing a client sends may carry it. */
export const NUL = '\u0000';

export interface NulFinding {
  /** Path as a person reads it: `racks[0].lot`, or the key itself when a key holds the NUL. */
  field: string;
  message: string;
}

const MESSAGE = 'must not contain NUL characters (\\u0000)';

/**
 * Every string (and key) holding U+0000 in a parsed JSON body, query or params, up to `max`
 * findings. Walks with an explicit stack, so a deeply nested body cannot overflow the call stack.
 */
export function findNulCharacters(value: unknown, root = '', max = 100): NulFinding[] {
  if (!containsNul(value)) return [];
  const found: NulFinding[] = [];
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length && found.length < max) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes(NUL)) found.push({ field: path || 'body', message: MESSAGE });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], `${path}[${i}]`]);
    } else if (typeof current === 'object' && current !== null) {
      const keys = Object.keys(current);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        const at = path ? `${path}.${key}` : key;
        if (key.includes(NUL)) found.push({ field: at.replaceAll(NUL, '\\u0000'), message: `key ${MESSAGE}` });
        else stack.push([(current as Record<string, unknown>)[key], at]);
      }
    }
  }
  return found.slice(0, max);
}

/** Whether any string or key holds U+0000: the cheap pass (no paths built) that every request takes. */
export function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  const stack: unknown[] = [value];
  while (stack.length) {
    const current = stack.pop();
    if (typeof current !== 'object' || current === null) continue;
    const values = Array.isArray(current) ? current : Object.values(current);
    if (!Array.isArray(current)) for (const key of Object.keys(current)) if (key.includes(NUL)) return true;
    for (let i = 0; i < values.length; i++) {
      const item = values[i];
      if (typeof item === 'string') {
        if (item.includes(NUL)) return true;
      } else if (typeof item === 'object' && item !== null) stack.push(item);
    }
  }
  return false;
}

/** Printable text: no control characters (C0, DEL, C1), so no NUL, no line breaks, no escapes. */
export const PRINTABLE_TEXT = /^[^\p{Cc}]*$/u;
