// Money, numbers and dates the Indonesian way, whatever the console's language: rupiah as `Rp16.800` (no space,
// dots between thousands, no decimals: the API's amounts are whole rupiah), counts as `1.250`, percentages as
// `42,5%`, dates as `4 Desember 2026` (or `4 December 2026` in English: day, month, year). The API's dates are calendar days (`YYYY-MM-DD`) and
// periods (`YYYY-MM`): they are formatted as such, never shifted by the browser's time zone.

export type Locale = 'id' | 'en';

const GROUPS = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0, useGrouping: true });

export function rupiah(amount: number): string {
  const digits = GROUPS.format(Math.abs(Math.round(amount)));
  return `${amount < 0 ? '-' : ''}Rp${digits}`;
}

/** A count of workers, claims or months: `1.250`. */
export function wholeNumber(count: number): string {
  return GROUPS.format(count);
}

const PERCENT = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });

/** A percentage the API gives as a number of percent (`42.5`): `42,5%`. */
export function percent(value: number): string {
  return `${PERCENT.format(value)}%`;
}

const DATE_LOCALE: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };

/** `2026-12-04` → `4 Desember 2026`; an instant (`2026-12-04T10:00:00Z`) by its UTC day. */
export function calendarDate(value: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(DATE_LOCALE[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(day);
}

/** `2026-12` → `Desember 2026`. */
export function period(value: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  if (!match) return value;
  const month = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(DATE_LOCALE[locale], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(month);
}
