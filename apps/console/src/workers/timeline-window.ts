// Which twelve months of a worker's coverage the page shows first, and the months before and after them.
// Periods are `YYYY-MM` (docs/api.md), counted as months, never as dates in the browser's time zone.

export interface MonthWindow {
  from: string;
  to: string;
}

export const WINDOW_MONTHS = 12;

/** `2026-11` plus 3 months is `2027-02`; negative counts go back. */
export function addMonths(period: string, months: number): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  if (!match) throw new Error(`not a period: ${period}`);
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The first window: a year from the month of registration while the membership is younger than a year (the
 * months ahead, paid or not, show too), else the year ending this month.
 */
export function firstWindow(registeredOn: string, today: string): MonthWindow {
  const registered = registeredOn.slice(0, 7);
  const lastYear = addMonths(today.slice(0, 7), -(WINDOW_MONTHS - 1));
  const from = registered > lastYear ? registered : lastYear;
  return { from, to: addMonths(from, WINDOW_MONTHS - 1) };
}

/** The window as many years before (negative) or after (positive). */
export function shiftWindow(window: MonthWindow, years: number): MonthWindow {
  return { from: addMonths(window.from, years * WINDOW_MONTHS), to: addMonths(window.to, years * WINDOW_MONTHS) };
}
