import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, WorkerDeregisteredV1 } from '@jaring/contracts';
import { rowsOf } from '@jaring/platform';
import { EndSponsorships } from '../sponsorships/end-sponsorships';

/**
 * A sponsored worker left: their active sponsorships end (WORKER_DEREGISTERED) and what was reserved
 * for the months not yet paid returns to each programme's budget. Nominations still waiting for them
 * are refused.
 */
@Injectable()
export class ReleaseDeregisteredWorkerHandler {
  constructor(private readonly endSponsorships: EndSponsorships) {}

  async handle(manager: EntityManager, event: EventEnvelope<WorkerDeregisteredV1>): Promise<void> {
    const { workerId, deregisteredOn } = event.data;
    const [worker] = await rowsOf<{ membership_number: string }>(
      manager,
      'UPDATE workers SET deregistered_on = $2 WHERE worker_id = $1 RETURNING membership_number',
      [workerId, deregisteredOn],
    );
    const active = await rowsOf<{ id: string }>(
      manager,
      "SELECT id FROM sponsorships WHERE worker_id = $1 AND status = 'ACTIVE' ORDER BY id",
      [workerId],
    );
    const ids = active.map((s) => s.id);
    await this.endSponsorships.end(manager, ids, 'WORKER_DEREGISTERED', deregisteredOn, new Map(ids.map((id) => [id, event])));
    await manager.query(
      `UPDATE nominations SET status = 'REFUSED', reason = 'WORKER_DEREGISTERED', decided_at = now()
       WHERE status = 'PENDING' AND (worker_id = $1 OR membership_number = $2)`,
      [workerId, worker?.membership_number ?? null],
    );
  }
}
