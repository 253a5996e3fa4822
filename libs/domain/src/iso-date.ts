import { DomainError } from './errors';

/**
 * Calendar dates as `YYYY-MM-DD` strings (a birth date, an accident date, the first day of a period).
 *
 * A calendar date has no time zone, so we never let a `Date` in local time near it: parsing is done by
 * hand (the built-in parser reads `2026-02-30` as 2 March) and arithmetic goes through UTC day numbers,
 * so the machine's TZ setting cannot move a date by one day.
 */
export type IsoDate = string;

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when the parts name a real day (year 1-9999, so it always prints as four digits). */
export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Strict parse: exactly `YYYY-MM-DD` and a day that exists (rejects `2026-02-30`, `2026-2-3`, timestamps). */
export function parseIsoDate(value: unknown, field?: string): CalendarDate {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) {
    throw new DomainError('DATE_FORMAT', `expected a date as YYYY-MM-DD, got ${describe(value)}`, field);
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isValidCalendarDate(year, month, day)) {
    throw new DomainError('DATE_INVALID', `${match[0]} is not a day of the calendar`, field);
  }
  return { year, month, day };
}

export function isIsoDate(value: unknown): value is IsoDate {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

/** Validates and returns the same string, for code that keeps dates as strings. */
export function assertIsoDate(value: unknown, field?: string): IsoDate {
  parseIsoDate(value, field);
  return value as IsoDate;
}

export function formatIsoDate(date: CalendarDate): IsoDate {
  if (!isValidCalendarDate(date.year, date.month, date.day)) {
    throw new DomainError('DATE_INVALID', `${date.year}-${date.month}-${date.day} is not a day of the calendar`);
  }
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

export function isoDateOf(year: number, month: number, day: number): IsoDate {
  return formatIsoDate({ year, month, day });
}

/** The UTC calendar day of an instant (the platform's convention: time comes from an injected clock in UTC). */
export function toIsoDate(instant: Date): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new DomainError('DATE_INVALID', 'invalid Date');
  return isoDateOf(instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate());
}

/** Days since 1970-01-01; the basis of date arithmetic. `setUTCFullYear` avoids Date.UTC's 0-99 → 19xx quirk. */
export function toEpochDay(value: IsoDate | CalendarDate): number {
  const { year, month, day } = typeof value === 'string' ? parseIsoDate(value) : value;
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  return Math.round(instant.getTime() / MS_PER_DAY);
}

export function fromEpochDay(epochDay: number): IsoDate {
  if (!Number.isSafeInteger(epochDay)) throw new DomainError('DATE_INVALID', `not a day number: ${epochDay}`);
  return toIsoDate(new Date(epochDay * MS_PER_DAY));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isSafeInteger(days)) throw new DomainError('DATE_INVALID', `days must be an integer, got ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** `to` minus `from` in days (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

export function compareIsoDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const diff = toEpochDay(a) - toEpochDay(b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

/**
 * Age in whole completed years on `on`: the year difference, minus one until the birthday is reached.
 * Someone born on 29 February turns a year older on 1 March in common years (28 February is still before
 * the birthday); we know of no Indonesian rule saying otherwise, and the age limits (18, below 65) are
 * marked "check" in docs/rules.md anyway.
 */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const birth = parseIsoDate(birthDate, 'birthDate');
  const day = parseIsoDate(on);
  if (toEpochDay(day) < toEpochDay(birth)) {
    throw new DomainError('DATE_BEFORE_BIRTH', `${on} is before the birth date ${birthDate}`, 'birthDate');
  }
  const beforeBirthday = day.month < birth.month || (day.month === birth.month && day.day < birth.day);
  return day.year - birth.year - (beforeBirthday ? 1 : 0);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}
