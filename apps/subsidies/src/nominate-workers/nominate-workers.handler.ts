import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import {
  actorOf,
  Idempotency,
  type Actor,
  type Caller,
  type IdempotentOutcome,
  type IdempotentRequest,
  retryingLostRaces,
  rowsOf,
} from '@jaring/platform';
import { assertActsFor } from '../auth/funder-access';
import { findProgramme } from '../programmes/find-programme';
import { PROGRAMME_COLUMNS, type ProgrammeRow } from '../programmes/programme-row';
import { SponsorshipGranting, type GrantOutcome } from '../sponsorships/sponsorship-granting';
import { lockWorker, lockWorkerByMembershipNumber, type WorkerRow } from '../workers/worker-read-model';
import type { NominateWorkersDto, NominationResultDto, NominationResultListDto } from './nominate-workers.dto';

/**
 * A funder names workers to sponsor. A registered worker is granted (or refused) at once, in this
 * request's transaction; a worker not registered yet is kept PENDING and decided when enrollment's
 * worker.registered arrives (a welfare list often names people before they enrol).
 */
@Injectable()
export class NominateWorkersHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly granting: SponsorshipGranting,
    private readonly idempotency: Idempotency,
  ) {}

  async handle(
    caller: Caller,
    programmeId: string,
    input: NominateWorkersDto,
    request: IdempotentRequest,
  ): Promise<IdempotentOutcome<NominationResultListDto>> {
    const workerIds = [...new Set(input.workerIds ?? [])].sort();
    const membershipNumbers = [...new Set(input.membershipNumbers ?? [])].sort();
    if (!workerIds.length && !membershipNumbers.length) {
      throw UseCaseError.invalid('name at least one worker', {
        errors: [
          { field: 'workerIds', reason: 'give workerIds or membershipNumbers' },
          { field: 'membershipNumbers', reason: 'give workerIds or membershipNumbers' },
        ],
      });
    }
    const owner = await findProgramme(this.dataSource.manager, programmeId);
    assertActsFor(caller, owner.funder_id);
    const actor = actorOf(caller);
    return retryingLostRaces(() =>
      this.idempotency.run(request, async (manager) => {
        // The programme row is read again inside the transaction: grants below change its balances.
        const [programme] = await rowsOf<ProgrammeRow>(manager, `SELECT ${PROGRAMME_COLUMNS} FROM programmes WHERE id = $1`, [programmeId]);
        const items: NominationResultDto[] = [];
        for (const workerId of workerIds)
          items.push(await this.nominateOne(manager, programme, actor, { workerId }, await lockWorker(manager, workerId)));
        for (const membershipNumber of membershipNumbers) {
          const worker = await lockWorkerByMembershipNumber(manager, membershipNumber);
          items.push(await this.nominateOne(manager, programme, actor, { membershipNumber }, worker));
        }
        return { items, total: items.length };
      }),
    );
  }

  private async nominateOne(
    manager: EntityManager,
    programme: ProgrammeRow,
    actor: Actor,
    named: { workerId?: string; membershipNumber?: string },
    worker: WorkerRow | undefined,
  ): Promise<NominationResultDto> {
    if (!worker) {
      await manager.query(
        `INSERT INTO nominations (id, programme_id, worker_id, membership_number, status, nominated_by_subject, nominated_by_client)
         SELECT $1, $2, $3, $4, 'PENDING', $5, $6
         WHERE NOT EXISTS (SELECT 1 FROM nominations WHERE programme_id = $2 AND status = 'PENDING'
                           AND (worker_id = $3 OR membership_number = $4))`,
        [randomUUID(), programme.id, named.workerId ?? null, named.membershipNumber ?? null, actor.subject, actor.clientId],
      );
      return { ...named, status: 'PENDING' };
    }
    const outcome = await this.granting.grant(manager, worker, programme);
    await manager.query(
      `INSERT INTO nominations (id, programme_id, worker_id, membership_number, status, reason, sponsorship_id, decided_at,
         nominated_by_subject, nominated_by_client)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now(), $8, $9)
       ON CONFLICT (programme_id, worker_id) WHERE worker_id IS NOT NULL
       DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason, sponsorship_id = EXCLUDED.sponsorship_id, decided_at = now(),
         nominated_by_subject = EXCLUDED.nominated_by_subject, nominated_by_client = EXCLUDED.nominated_by_client`,
      [
        randomUUID(),
        programme.id,
        worker.worker_id,
        worker.membership_number,
        outcome.status,
        outcome.status === 'REFUSED' ? outcome.reason : null,
        outcome.status === 'GRANTED' ? outcome.sponsorshipId : null,
        actor.subject,
        actor.clientId,
      ],
    );
    return { ...named, workerId: worker.worker_id, ...resultOf(outcome) };
  }
}

function resultOf(outcome: GrantOutcome): Omit<NominationResultDto, 'workerId' | 'membershipNumber'> {
  if (outcome.status === 'GRANTED') {
    const { sponsorshipId, firstPeriod, months, reservedAmount } = outcome;
    return { status: 'GRANTED', sponsorshipId, firstPeriod, months, reservedAmount };
  }
  return { status: 'REFUSED', reason: outcome.reason, ...(outcome.reasons ? { reasons: outcome.reasons } : {}) };
}
