import type { DataSource } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import type { Role } from '@jaring/platform';

/**
 * Who may read a worker's invoices and coverage (docs/api.md, "Who may call"): agents for the workers of
 * their own regions, payment channels to take a payment, and the back office. An agent asking about another
 * region's worker gets the same 404 as for a worker this service does not know.
 */
export const ACCOUNT_READERS = [
  'agent',
  'channel',
  'enrollment-officer',
  'verifier',
  'approver',
  'finance',
  'auditor',
  'operator',
] as const satisfies readonly Role[];

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
