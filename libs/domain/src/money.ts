import { DomainError } from './errors';

/**
 * An amount of Indonesian rupiah, always a whole number (docs/rules.md: "amounts are whole rupiah"; the
 * rupiah has no sen in use). Immutable.
 *
 * Stored as a JavaScript `number` guarded by `Number.isSafeInteger`: every integer up to 2^53 - 1
 * (about 9 × 10^15, nine thousand trillion rupiah) is exact, far above any budget here (the whole BPU
 * programme collects trillions a year, ~10^12-10^13). Anything that would leave that range throws rather
 * than silently losing precision. Products with rates go through BigInt so they stay exact too.
 *
 * Rates are basis points (1 bp = 0.01%, 10,000 bp = 100%), as the platform conventions require.
 */
export class Money {
  static readonly ZERO = new Money(0);

  private constructor(readonly amount: number) {
    Object.freeze(this);
  }

  /** `field` names the input in the error, so an API can answer with a problem detail that points at it. */
  static of(amount: number, field?: string): Money {
    if (typeof amount !== 'number' || !Number.isInteger(amount)) {
      throw new DomainError('MONEY_NOT_INTEGER', `money must be a whole number of rupiah, got ${String(amount)}`, field);
    }
    if (!Number.isSafeInteger(amount)) {
      throw new DomainError('MONEY_OUT_OF_RANGE', `money amount ${amount} is beyond the exact integer range`, field);
    }
    // + 0 turns -0 into 0, so equal amounts compare and serialise the same way.
    return amount === 0 ? Money.ZERO : new Money(amount + 0);
  }

  static zero(): Money {
    return Money.ZERO;
  }

  static sum(items: Iterable<Money>): Money {
    let total = Money.ZERO;
    for (const item of items) total = total.add(item);
    return total;
  }

  static min(first: Money, ...rest: Money[]): Money {
    return rest.reduce((low, m) => (m.amount < low.amount ? m : low), first);
  }

  static max(first: Money, ...rest: Money[]): Money {
    return rest.reduce((high, m) => (m.amount > high.amount ? m : high), first);
  }

  add(other: Money): Money {
    return Money.checked(this.amount + other.amount);
  }

  subtract(other: Money): Money {
    return Money.checked(this.amount - other.amount);
  }

  /** Multiplies by a whole factor (months, workers); fractional factors must go through `percentOf`. */
  multiply(factor: number): Money {
    if (!Number.isSafeInteger(factor)) {
      throw new DomainError('MONEY_FACTOR_INVALID', `money can only be multiplied by an integer, got ${factor}`);
    }
    return Money.checked(Number(BigInt(this.amount) * BigInt(factor)));
  }

  negate(): Money {
    return Money.of(-this.amount);
  }

  abs(): Money {
    return this.amount < 0 ? this.negate() : this;
  }

  /**
   * This amount × basisPoints / 10,000, rounded to whole rupiah, half up: 0.5 rupiah and more goes up
   * (Rp1,234,567 at 1% = 12,345.67 → Rp12,346; 12,345.5 → Rp12,346). docs/rules.md only says "amounts are
   * whole rupiah"; with the official income brackets (multiples of Rp50,000) the 1% and 2% rates never
   * produce a fraction, so the rule matters only for unusual rates or raw amounts.
   * Negative amounts round half away from zero (the mirror image), so a reversal of a charge is always
   * exactly its negation.
   */
  percentOf(basisPoints: number): Money {
    if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) {
      throw new DomainError('RATE_INVALID', `a rate must be a non-negative whole number of basis points, got ${basisPoints}`);
    }
    const product = BigInt(this.amount) * BigInt(basisPoints);
    const negative = product < 0n;
    const magnitude = negative ? -product : product;
    let quotient = magnitude / 10_000n;
    if ((magnitude % 10_000n) * 2n >= 10_000n) quotient += 1n;
    return Money.checked(Number(negative ? -quotient : quotient));
  }

  /**
   * Splits the amount in proportion to whole, non-negative weights, without losing a rupiah: each part
   * gets its rounded-down share, and the rupiah left over go one each to the first parts. Used when a
   * sponsorship is shared between funders; the parts always add up to the whole.
   */
  allocate(weights: readonly number[]): Money[] {
    if (weights.length === 0 || weights.some((w) => !Number.isSafeInteger(w) || w < 0)) {
      throw new DomainError('ALLOCATION_INVALID', 'weights must be a non-empty list of non-negative integers');
    }
    const total = weights.reduce((a, b) => a + BigInt(b), 0n);
    if (total === 0n) throw new DomainError('ALLOCATION_INVALID', 'weights must not all be zero');
    // Work on the magnitude so a negative amount splits into the mirror image of the positive split.
    const sign = this.amount < 0 ? -1 : 1;
    const whole = BigInt(Math.abs(this.amount));
    const parts = weights.map((w) => (whole * BigInt(w)) / total);
    let remainder = whole - parts.reduce((a, b) => a + b, 0n);
    for (let i = 0; remainder > 0n; i = (i + 1) % parts.length) {
      if (weights[i] === 0) continue; // a zero weight gets nothing, not even a leftover rupiah
      parts[i] += 1n;
      remainder -= 1n;
    }
    return parts.map((p) => Money.of(sign * Number(p)));
  }

  /** `allocate` into `count` equal parts (the first parts get the leftover rupiah). */
  split(count: number): Money[] {
    if (!Number.isSafeInteger(count) || count < 1) {
      throw new DomainError('ALLOCATION_INVALID', `cannot split into ${count} parts`);
    }
    return this.allocate(new Array<number>(count).fill(1));
  }

  compareTo(other: Money): -1 | 0 | 1 {
    return this.amount < other.amount ? -1 : this.amount > other.amount ? 1 : 0;
  }

  equals(other: Money): boolean {
    return this.amount === other.amount;
  }

  greaterThan(other: Money): boolean {
    return this.amount > other.amount;
  }

  greaterThanOrEqual(other: Money): boolean {
    return this.amount >= other.amount;
  }

  lessThan(other: Money): boolean {
    return this.amount < other.amount;
  }

  lessThanOrEqual(other: Money): boolean {
    return this.amount <= other.amount;
  }

  isZero(): boolean {
    return this.amount === 0;
  }

  isNegative(): boolean {
    return this.amount < 0;
  }

  isPositive(): boolean {
    return this.amount > 0;
  }

  /** JSON carries the plain integer: events and API payloads state money as a number of rupiah. */
  toJSON(): number {
    return this.amount;
  }

  /**
   * Indonesian style, `Rp16.800` (dot as the thousands separator, no decimals, no space), `-Rp16.800`
   * for a negative amount. Written by hand because Intl's output (a no-break space, ",00") varies with
   * the ICU data Node was built with.
   */
  format(): string {
    const digits = String(Math.abs(this.amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    return `${this.amount < 0 ? '-' : ''}Rp${digits}`;
  }

  toString(): string {
    return this.format();
  }

  private static checked(amount: number): Money {
    if (!Number.isSafeInteger(amount)) {
      throw new DomainError('MONEY_OUT_OF_RANGE', 'money result is beyond the exact integer range');
    }
    return Money.of(amount);
  }
}
