import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, WorkerDeregisteredV1 } from '@jaring/contracts';
import { rowsOf } from '@jaring/platform';
import { refusePendingNominations } from '../nominations/settle-nominations';
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
    await this.endSponsorships.endForWorker(manager, workerId, 'WORKER_DEREGISTERED', deregisteredOn, event);
    await refusePendingNominations(manager, workerId, worker?.membership_number ?? null, 'WORKER_DEREGISTERED');
  }
}
