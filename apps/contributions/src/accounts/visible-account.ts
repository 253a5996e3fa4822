import type { DataSource } from 'typeorm';
import { UseCaseError } from '@jaring/domain';

/**
 * Refuses, as `worker-not-found` (404), a worker this service has no account for, or one outside `regions`
 * (the regions the caller may see, an agent's own; `undefined` for every region): the same answer for both.
 */
export async function assertAccountVisible(
  dataSource: DataSource,
  workerId: string,
  regions: readonly string[] | undefined,
): Promise<void> {
  const known = await dataSource.query<unknown[]>(
    'SELECT 1 FROM accounts WHERE worker_id = $1 AND ($2::text[] IS NULL OR region_code = ANY($2::text[]))',
    [workerId, regions ?? null],
  );
  if (!known.length) throw workerNotFound(workerId);
}

export function workerNotFound(workerId: string): UseCaseError {
  return UseCaseError.notFound(`no contribution account for worker ${workerId}`, { type: 'worker-not-found' });
}

/**
 * The total of a page of a worker's rows read with `count(*) OVER () AS total`: the first row's, or, past
 * the last page (no row to carry it), counted in `table`.
 */
export async function totalOfPage(
  dataSource: DataSource,
  rows: ReadonlyArray<{ total: string }>,
  table: 'invoices' | 'payments',
  workerId: string,
): Promise<number> {
  if (rows.length) return Number(rows[0].total);
  const [{ n }] = await dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM ${table} WHERE worker_id = $1`, [workerId]);
  return n;
}
