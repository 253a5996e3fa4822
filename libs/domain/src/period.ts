import type { Clock } from './clock';
import { DomainError } from './errors';
import { parseInstant } from './instant';
import { type IsoDate, daysInMonth, isoDateOf, parseIsoDate } from './iso-date';

const PERIOD = /^(\d{4})-(\d{2})$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

/**
 * A calendar month, written `YYYY-MM`: the unit of billing and coverage (one contribution per member
 * per period). Immutable; compare with `equals`/`compareTo`, not `===`.
 *
 * Internally an index (year × 12 + month - 1), which makes month arithmetic plain integer arithmetic
 * with no day-of-month or time-zone surprises.
 */
export class Period {
  readonly year: number;
  readonly month: number;

  private constructor(private readonly index: number) {
    this.year = Math.floor(index / 12);
    this.month = (index % 12) + 1;
    Object.freeze(this);
  }

  static of(year: number, month: number, field?: string): Period {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
      throw new DomainError('PERIOD_INVALID', `period year must be ${MIN_YEAR}-${MAX_YEAR}, got ${year}`, field);
    }
    if (!Number.isInteger(month) || month < 1 || month > 12) {
      throw new DomainError('PERIOD_INVALID', `period month must be 1-12, got ${month}`, field);
    }
    return new Period(year * 12 + month - 1);
  }

  /** Strict: exactly `YYYY-MM` with a month 01-12 (`2026-1`, `2026-13`, `2026-01-15` are refused). */
  static parse(value: unknown, field?: string): Period {
    const match = typeof value === 'string' ? PERIOD.exec(value) : null;
    if (!match) {
      throw new DomainError(
        'PERIOD_FORMAT',
        `expected a period as YYYY-MM, got ${typeof value === 'string' ? JSON.stringify(value) : typeof value}`,
        field,
      );
    }
    return Period.of(Number(match[1]), Number(match[2]), field);
  }

  static isValid(value: unknown): boolean {
    try {
      Period.parse(value);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * The period containing an instant or a calendar date, in UTC. Accepts a `Date`, a `YYYY-MM-DD` date, or
   * an ISO timestamp with `Z` or an offset (converted to UTC, so `2026-02-01T05:00+08:00` is in 2026-01).
   * A caller who means a local (WIB/WITA/WIT) calendar day should pass that day as `YYYY-MM-DD`.
   */
  static fromDate(value: Date | string, field?: string): Period {
    const instant = parseInstant(value, field);
    return Period.of(instant.getUTCFullYear(), instant.getUTCMonth() + 1, field);
  }

  /** The current period of a clock (see `Clock`), in UTC. */
  static current(clock: Clock): Period {
    return Period.fromDate(clock.now());
  }

  /** `count` consecutive periods from `start` (e.g. paying 3, 6 or 12 months ahead). */
  static sequence(start: Period, count: number): Period[] {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new DomainError('PERIOD_INVALID', `period count must be a non-negative integer, got ${count}`);
    }
    return Array.from({ length: count }, (_, i) => start.plusMonths(i));
  }

  next(): Period {
    return this.plusMonths(1);
  }

  previous(): Period {
    return this.plusMonths(-1);
  }

  plusMonths(months: number): Period {
    if (!Number.isSafeInteger(months)) {
      throw new DomainError('PERIOD_INVALID', `months must be an integer, got ${months}`);
    }
    const index = this.index + months;
    const year = Math.floor(index / 12);
    return Period.of(year, index - year * 12 + 1);
  }

  minusMonths(months: number): Period {
    return this.plusMonths(-months);
  }

  /** Months from this period to `other`: 2026-11 → 2027-01 is 2; negative when `other` is earlier. */
  monthsUntil(other: Period): number {
    return other.index - this.index;
  }

  compareTo(other: Period): -1 | 0 | 1 {
    return this.index < other.index ? -1 : this.index > other.index ? 1 : 0;
  }

  equals(other: Period): boolean {
    return this.index === other.index;
  }

  isBefore(other: Period): boolean {
    return this.index < other.index;
  }

  isAfter(other: Period): boolean {
    return this.index > other.index;
  }

  /** Inclusive on both ends, like a coverage window "from 2026-04 to 2026-12". */
  isBetween(from: Period, to: Period): boolean {
    return this.index >= from.index && this.index <= to.index;
  }

  firstDay(): IsoDate {
    return isoDateOf(this.year, this.month, 1);
  }

  lastDay(): IsoDate {
    return isoDateOf(this.year, this.month, daysInMonth(this.year, this.month));
  }

  /** Whether a calendar date (`YYYY-MM-DD`, strictly validated) falls in this month. */
  contains(date: IsoDate): boolean {
    const { year, month } = parseIsoDate(date);
    return year === this.year && month === this.month;
  }

  toString(): string {
    return `${String(this.year).padStart(4, '0')}-${String(this.month).padStart(2, '0')}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
