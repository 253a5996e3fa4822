import type { EntityManager } from 'typeorm';

/**
 * Makes a worker's registration and a sponsorship grant for that worker run one after the other.
 *
 * Why: they come on different topics, so contributions may handle them at the same moment in two
 * transactions. The registration issues the first invoice with the sponsor as payer if it sees the
 * sponsorship; the grant re-issues the worker's open invoices if it sees them. Each saw nothing of the
 * other's uncommitted rows, so the first invoice stayed the worker's own and the sponsor's month was never
 * paid (the fault tests caught it after a broker restart, when both topics' backlogs arrive at once).
 *
 * Both first write the worker's row of `worker_gates`: a second transaction waits on the unique key until
 * the first commits, and its next statements then see what the first wrote. `lockForGrant` also locks an
 * existing row (a worker sponsored again later). Row locks, so a batch of thousands of workers takes no
 * lock-table slots, and workers in ascending order, so two batches never wait on each other in a cycle.
 */
export async function passWorkerGates(manager: EntityManager, workerIds: string[], lockForGrant: boolean): Promise<void> {
  if (!workerIds.length) return;
  await manager.query(
    `INSERT INTO worker_gates (worker_id) SELECT DISTINCT w FROM unnest($1::uuid[]) AS w ORDER BY w
     ON CONFLICT (worker_id) DO ${lockForGrant ? 'UPDATE SET worker_id = EXCLUDED.worker_id' : 'NOTHING'}`,
    [workerIds],
  );
}
