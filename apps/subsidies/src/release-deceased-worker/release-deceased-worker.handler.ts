import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, WorkerDiedV1 } from '@jaring/contracts';
import { Period } from '@jaring/domain';
import { rowsOf } from '@jaring/platform';
import { refusePendingNominations } from '../nominations/settle-nominations';
import { EndSponsorships } from '../sponsorships/end-sponsorships';

/**
 * A sponsored worker died (`enrollment.worker.died`): the membership ended on the date of death. Their active
 * sponsorships end (WORKER_DIED, announced through the outbox and to the funder by webhook); what was reserved for
 * the months after the month of death and not yet paid returns to each programme's budget (RESERVED → AVAILABLE),
 * while a month up to the month of death still open stays reserved for its invoice (the member was covered then).
 * Pending nominations are refused, and the worker is granted nothing more. Months already paid for periods after
 * the death come back when contributions refunds them (`contributions.contribution.refunded`).
 *
 * Idempotent: the inbox drops a redelivered event; the same death under a new event id finds no active
 * sponsorship left to end.
 */
@Injectable()
export class ReleaseDeceasedWorkerHandler {
  constructor(private readonly endSponsorships: EndSponsorships) {}

  async handle(manager: EntityManager, event: EventEnvelope<WorkerDiedV1>): Promise<void> {
    const { workerId, diedOn } = event.data;
    const [worker] = await rowsOf<{ membership_number: string }>(
      manager,
      'UPDATE workers SET died_on = $2 WHERE worker_id = $1 RETURNING membership_number',
      [workerId, diedOn],
    );
    const monthOfDeath = Period.fromDate(diedOn).toString();
    await this.endSponsorships.endForWorker(manager, workerId, 'WORKER_DIED', diedOn, event, monthOfDeath);
    await refusePendingNominations(manager, workerId, worker?.membership_number ?? null, 'WORKER_DIED');
  }
}
