/** node-pg returns bigint as a string: money comes back through here, never through a float cast. */
export function money(value: string | number | null): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (value === null || !Number.isSafeInteger(n)) throw new Error(`not an exact rupiah amount: ${String(value)}`);
  return n;
}

/** A `date` column as `YYYY-MM-DD` (queries cast dates with ::text, so no Date or time zone is involved). */
export function isoDate(value: string | null): string | null {
  return value === null ? null : value.slice(0, 10);
}

/**
 * The rows of an UPDATE or DELETE ... RETURNING through TypeORM's `manager.query`, which answers those
 * commands with `[rows, rowCount]` (and INSERT/SELECT with the rows alone).
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
