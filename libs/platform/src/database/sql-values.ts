import type { EntityManager } from 'typeorm';

/**
 * node-pg returns `bigint` and `numeric` columns as strings. Money is integer rupiah, so a column comes back
 * through here: a check that the figure is a safe integer, never a float cast.
 */
export function rupiah(value: string | number | bigint): number {
  const amount = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(amount)) throw new Error(`not an exact rupiah amount: ${String(value)}`);
  return amount;
}

/** `rupiah`, where SQL answers NULL for "nothing" (a SUM over no rows, an outer join with no match). */
export function rupiahOrZero(value: string | number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : rupiah(value);
}

/** A `date` column read as text (`::text` in the query, so no Date or time zone is involved) as `YYYY-MM-DD`. */
export function isoDate(value: string): string;
export function isoDate(value: string | null): string | null;
export function isoDate(value: string | null): string | null {
  return value === null ? null : value.slice(0, 10);
}

/**
 * The rows of a statement run through TypeORM's `manager.query`, which answers UPDATE and DELETE with
 * `[rows, rowCount]` and everything else with the rows alone: `UPDATE ... RETURNING` then reads like a SELECT.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** Runs one statement and answers its rows (see `returnedRows`). */
export async function rowsOf<T>(manager: Pick<EntityManager, 'query'>, sql: string, parameters: unknown[] = []): Promise<T[]> {
  return returnedRows<T>(await manager.query(sql, parameters));
}
