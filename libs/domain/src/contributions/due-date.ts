import { addDays, type IsoDate, isoDateOf, toEpochDay } from '../iso-date';
import type { Period } from '../period';

/**
 * Indonesia's national public holidays (libur nasional) by SKB 3 Menteri, as data. Only 2026 is listed:
 * SKB 1497/2/5 of 2025; the 2027 decree was not published when this was written, so 2027 dates move only
 * for weekends until a row is added here. Collective leave (cuti bersama) is for civil servants and
 * does not close banks or payment channels, so it is not listed.
 */
export const NATIONAL_HOLIDAYS: readonly IsoDate[] = Object.freeze([
  '2026-01-01',
  '2026-01-16',
  '2026-02-17',
  '2026-03-19',
  '2026-03-21',
  '2026-03-22',
  '2026-04-03',
  '2026-04-05',
  '2026-05-01',
  '2026-05-14',
  '2026-05-27',
  '2026-05-31',
  '2026-06-01',
  '2026-06-16',
  '2026-08-17',
  '2026-08-25',
  '2026-12-25',
]);

/** The day of the period's month a contribution is due (docs/rules.md, "due date": by the 15th). */
export const DUE_DAY_OF_MONTH = 15;

/**
 * The due date of a period's contribution: the 15th of the month, or the next working day when the 15th
 * is not one (docs/rules.md, "check"). Saturdays and Sundays are not working days, nor the listed holidays.
 */
export function dueDateOf(period: Period, holidays: readonly IsoDate[] = NATIONAL_HOLIDAYS): IsoDate {
  let date = isoDateOf(period.year, period.month, DUE_DAY_OF_MONTH);
  while (!isWorkingDay(date, holidays)) date = addDays(date, 1);
  return date;
}

export function isWorkingDay(date: IsoDate, holidays: readonly IsoDate[] = NATIONAL_HOLIDAYS): boolean {
  // 1970-01-01 was a Thursday: epoch day 0 → weekday 4 (Sunday = 0).
  const weekday = (((toEpochDay(date) + 4) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6 && !holidays.includes(date);
}
