import type { EntityManager } from 'typeorm';
import type { GrantOutcome } from '../sponsorships/sponsorship-granting';
import type { WorkerRow } from '../workers/worker-read-model';

/** Marks a programme's pending nominations of this worker (by id or membership number) with the grant's outcome. */
export async function settleNominations(
  manager: EntityManager,
  programmeId: string,
  worker: WorkerRow,
  outcome: GrantOutcome,
): Promise<void> {
  await manager.query(
    `UPDATE nominations SET status = $4, reason = $5, sponsorship_id = $6, decided_at = now()
     WHERE programme_id = $1 AND status = 'PENDING' AND (worker_id = $2 OR membership_number = $3)`,
    [
      programmeId,
      worker.worker_id,
      worker.membership_number,
      outcome.status,
      outcome.status === 'REFUSED' ? outcome.reason : null,
      outcome.status === 'GRANTED' ? outcome.sponsorshipId : null,
    ],
  );
}

/** A worker who left or died is granted nothing more: every programme's pending nominations of them are refused. */
export async function refusePendingNominations(
  manager: EntityManager,
  workerId: string,
  membershipNumber: string | null,
  reason: 'WORKER_DEREGISTERED' | 'WORKER_DIED',
): Promise<void> {
  await manager.query(
    `UPDATE nominations SET status = 'REFUSED', reason = $3, decided_at = now()
     WHERE status = 'PENDING' AND (worker_id = $1 OR membership_number = $2)`,
    [workerId, membershipNumber, reason],
  );
}
