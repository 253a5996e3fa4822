import { DomainError } from './errors';
import { parseInstant } from './instant';
import { type IsoDate, daysInMonth, toIsoDate } from './iso-date';

/**
 * Where "now" comes from. Code that needs the time takes a Clock instead of calling `new Date()`, so
 * tests can stand on any day and walk through months (billing, arrears and lapse all depend on it).
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = Object.freeze({ now: () => new Date() });

/** Today's calendar date by a clock, in UTC (the platform's convention for dates). */
export function todayOf(clock: Clock): IsoDate {
  return toIsoDate(clock.now());
}

/**
 * A clock for tests: it stands still until told to move. `now()` returns a copy, so a caller mutating
 * the Date cannot move the clock behind the test's back.
 */
export class AdjustableClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = AdjustableClock.toTime(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): this {
    this.current = AdjustableClock.toTime(instant);
    return this;
  }

  advanceMs(ms: number): this {
    if (!Number.isFinite(ms)) throw new DomainError('CLOCK_INVALID', `cannot advance by ${ms} ms`);
    this.current += ms;
    return this;
  }

  advanceDays(days: number): this {
    if (!Number.isSafeInteger(days)) throw new DomainError('CLOCK_INVALID', `days must be an integer, got ${days}`);
    return this.advanceMs(days * 86_400_000);
  }

  /**
   * Calendar months in UTC, keeping the time of day; the day is clamped to the target month's length
   * (31 January + 1 month = 28 or 29 February) rather than rolling over into March as `Date` would.
   */
  advanceMonths(months: number): this {
    if (!Number.isSafeInteger(months)) throw new DomainError('CLOCK_INVALID', `months must be an integer, got ${months}`);
    const date = new Date(this.current);
    const day = date.getUTCDate();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() + months);
    date.setUTCDate(Math.min(day, daysInMonth(date.getUTCFullYear(), date.getUTCMonth() + 1)));
    this.current = date.getTime();
    return this;
  }

  /** Strict (see parseInstant): a test that writes `2026-01-15T10:00` without `Z` fails instead of depending on TZ. */
  private static toTime(instant: Date | string): number {
    return parseInstant(instant, 'clock').getTime();
  }
}
