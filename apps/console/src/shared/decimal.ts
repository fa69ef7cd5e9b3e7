/**
 * Compares two non-negative decimal strings exactly (money is never parsed as a float).
 * Returns -1, 0 or 1; NaN when either is not a decimal.
 */
export function compareDecimal(a: string, b: string): number {
  const parse = (text: string) => /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  const left = parse(a);
  const right = parse(b);
  if (!left || !right) return Number.NaN;
  const scale = Math.max(left[2]?.length ?? 0, right[2]?.length ?? 0);
  const units = (m: RegExpExecArray) => BigInt(m[1] + (m[2] ?? '').padEnd(scale, '0'));
  const x = units(left);
  const y = units(right);
  return x === y ? 0 : x > y ? 1 : -1;
}
