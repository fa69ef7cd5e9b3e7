const PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * An exact decimal: an integer count of 10^-scale units held in a bigint. Money, percentages and
 * shares are computed with it, never with floating point. Division rounds half to even
 * (banker's rounding), the convention for financial figures.
 */
export class Decimal {
  private constructor(
    /** The value times 10^scale. */
    readonly units: bigint,
    readonly scale: number,
  ) {}

  static parse(text: string): Decimal {
    const match = PATTERN.exec(text.trim());
    if (!match) throw new RangeError(`"${text}" is not a decimal number`);
    const [, sign, whole, fraction = ''] = match;
    const units = BigInt(whole + fraction) * (sign ? -1n : 1n);
    return new Decimal(units, fraction.length);
  }

  static of(value: bigint | number | string): Decimal {
    if (typeof value === 'string') return Decimal.parse(value);
    if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new RangeError(`${value} is not an exact integer; pass a string`);
    return new Decimal(BigInt(value), 0);
  }

  static zero(scale = 0): Decimal {
    return new Decimal(0n, scale);
  }

  static sum(values: Decimal[]): Decimal {
    return values.reduce((total, value) => total.plus(value), Decimal.zero());
  }

  plus(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.rescaled(scale) + other.rescaled(scale), scale);
  }

  minus(other: Decimal): Decimal {
    return this.plus(other.negated());
  }

  times(other: Decimal): Decimal {
    return new Decimal(this.units * other.units, this.scale + other.scale);
  }

  negated(): Decimal {
    return new Decimal(-this.units, this.scale);
  }

  /** this / other, rounded half-to-even to `scale` decimal places. */
  dividedBy(other: Decimal, scale: number): Decimal {
    if (other.units === 0n) throw new RangeError('division by zero');
    // this.units/10^s1 ÷ other.units/10^s2 = this.units·10^(s2+scale) / (other.units·10^s1) in 10^-scale units
    const numerator = this.units * 10n ** BigInt(other.scale + scale);
    const denominator = other.units * 10n ** BigInt(this.scale);
    return new Decimal(divideHalfEven(numerator, denominator), scale);
  }

  /** Rounded half-to-even to `scale` places (or padded with zeros). */
  round(scale: number): Decimal {
    if (scale >= this.scale) return new Decimal(this.rescaled(scale), scale);
    return new Decimal(divideHalfEven(this.units, 10n ** BigInt(this.scale - scale)), scale);
  }

  compare(other: Decimal): -1 | 0 | 1 {
    const scale = Math.max(this.scale, other.scale);
    const a = this.rescaled(scale);
    const b = other.rescaled(scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  isNegative(): boolean {
    return this.units < 0n;
  }

  /** Plain notation with exactly `scale` decimals (rounded half-to-even when shortening). */
  toFixed(scale = this.scale): string {
    const { units } = this.round(scale);
    const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
    const whole = digits.slice(0, digits.length - scale);
    const fraction = scale ? `.${digits.slice(digits.length - scale)}` : '';
    return `${units < 0n ? '-' : ''}${whole}${fraction}`;
  }

  toString(): string {
    return this.toFixed();
  }

  private rescaled(scale: number): bigint {
    return this.units * 10n ** BigInt(scale - this.scale);
  }
}

function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  const twiceRemainder = (n % d) * 2n;
  if (twiceRemainder > d || (twiceRemainder === d && quotient % 2n === 1n)) quotient += 1n;
  return negative ? -quotient : quotient;
}
