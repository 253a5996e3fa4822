import { DomainError } from './errors';
import { parseIsoDate } from './iso-date';

/** A timestamp must state its offset: without one, `Date` reads it in the machine's local time zone. */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A point in time from a `Date`, a `YYYY-MM-DD` date (midnight UTC) or an ISO timestamp with `Z` or an
 * offset. Stricter than `new Date(string)`, which reads `2026-02-30` as 2 March and an offset-less
 * timestamp in local time: both are the timezone and rollover bugs we want to rule out.
 */
export function parseInstant(value: Date | string, field?: string): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new DomainError('DATE_INVALID', 'invalid Date', field);
    return new Date(value.getTime());
  }
  const timestamp = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
  // The date part is validated by hand so 2026-02-30 (with or without a time) cannot roll over.
  const { year, month, day } = parseIsoDate(timestamp ? timestamp[1] : value, field);
  const instant = timestamp ? new Date(value) : new Date(0);
  if (!timestamp) instant.setUTCFullYear(year, month - 1, day);
  if (Number.isNaN(instant.getTime())) {
    throw new DomainError('DATE_INVALID', `${value} is not a valid instant`, field);
  }
  return instant;
}
