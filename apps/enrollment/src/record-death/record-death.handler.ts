import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ClaimPaidV1, EventEnvelope } from '@jaring/contracts';
import { type Clock, todayOf, UseCaseError } from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import {
  type Actor,
  actorOf,
  type Caller,
  CLOCK,
  Idempotency,
  type IdempotentOutcome,
  inTransaction,
  type IdempotentRequest,
  regionsVisibleTo,
} from '@jaring/platform';
import { deathDateProblem, deathRecording, isDeathClaim } from '../domain/death-rules';
import { PersonalDataProtector, sealContext } from '../personal-data/personal-data-protector';
import { WorkerAuditTrail } from '../workers/worker-audit';
import { workerDied } from '../workers/worker-events';
import { lockWorker } from '../workers/worker-lock';
import { WorkerReader } from '../workers/worker-reader';
import { WorkerEntity } from '../workers/worker.entity';
import type { WorkerView } from '../workers/worker.view';
import type { RecordDeathDto } from './record-death.dto';

/** A death to record, however it came. */
interface Death {
  diedOn: string;
  source: 'DEATH_CLAIM' | 'BACK_OFFICE';
  claimId?: string;
  /** The back office's death certificate number, sealed. */
  certificateSealed?: Buffer;
}

export interface RecordedDeath {
  /** true when this request recorded it; false when the same death was already on record. */
  recorded: boolean;
  worker: WorkerView;
}

/** The audit trail's actor for a death a paid claim established: the claims service, naming the claim. */
export function deathClaimActor(claimId: string): Actor {
  return { subject: `claim:${claimId}`, clientId: 'claims.claim.paid' };
}

/**
 * A worker died: status DECEASED with the date of death (the membership ends on it; not the same as leaving),
 * `enrollment.worker.died` through the outbox, a `DIED` entry in the audit trail, all in one transaction under
 * the worker's lock. Two ways in: a paid JKM or JKK death claim (`claims.claim.paid`, the date being the
 * claim's incident date) and the back office (`POST /v1/workers/{id}/death`). Recorded once: the same death
 * again changes and announces nothing; another date is a conflict. A deregistered worker may die too: the
 * status becomes DECEASED and the deregistration date stays.
 */
@Injectable()
export class RecordDeathHandler {
  private readonly logger = new Logger('RecordDeath');

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly reader: WorkerReader,
    private readonly audit: WorkerAuditTrail,
    private readonly protector: PersonalDataProtector,
    private readonly idempotency: Idempotency,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The back office's record, in its own transaction. */
  async recordByBackOffice(workerId: string, dto: RecordDeathDto, caller: Caller): Promise<RecordedDeath> {
    return inTransaction(this.dataSource, (manager) => this.backOffice(manager, workerId, dto, caller));
  }

  /** The same with an `Idempotency-Key`: a retry gets the first answer (its status and body), whatever happened since. */
  async recordByBackOfficeIdempotently(
    request: IdempotentRequest,
    workerId: string,
    dto: RecordDeathDto,
    caller: Caller,
  ): Promise<IdempotentOutcome<WorkerView>> {
    let recorded = false;
    return this.idempotency.run(
      request,
      async (manager) => {
        const outcome = await this.backOffice(manager, workerId, dto, caller);
        recorded = outcome.recorded;
        return outcome.worker;
      },
      () => (recorded ? 201 : 200),
    );
  }

  /**
   * Paid claims (`claims.claim.paid`): a JKM or JKK death claim records the death on its incident date. Other
   * claims, and workers this service does not know (another environment's), change nothing. A message without
   * the incident date (written before it was added) cannot say when the worker died: skipped, with a warning.
   */
  async recordFromClaims(manager: EntityManager, events: Array<EventEnvelope<ClaimPaidV1>>): Promise<void> {
    for (const event of events) {
      const claim = event.data;
      if (!isDeathClaim(claim)) continue;
      if (!claim.incidentDate) {
        this.logger.warn({ message: 'paid death claim without an incident date: no death recorded', claimId: claim.claimId });
        continue;
      }
      const worker = await manager
        .getRepository(WorkerEntity)
        .findOne({ where: { id: claim.workerId }, lock: { mode: 'pessimistic_write' } });
      if (!worker) continue;
      const decision = deathRecording(worker.diedOn, claim.incidentDate);
      if (decision.outcome === 'CONFLICT') {
        // The first record stands (the back office's, or an earlier claim's); a correction is the back office's.
        this.logger.warn({
          message: 'paid death claim dates the death otherwise than the record: the record stands',
          workerId: worker.id,
          claimId: claim.claimId,
        });
        continue;
      }
      if (decision.outcome === 'RECORD') {
        await this.record(
          manager,
          worker,
          { diedOn: claim.incidentDate, source: 'DEATH_CLAIM', claimId: claim.claimId },
          deathClaimActor(claim.claimId),
          event,
        );
      }
    }
  }

  private async backOffice(manager: EntityManager, workerId: string, dto: RecordDeathDto, caller: Caller): Promise<RecordedDeath> {
    const scope = regionsVisibleTo(caller);
    const worker = await lockWorker(manager, workerId, scope);
    const problem = deathDateProblem(dto.diedOn, worker.registeredOn, todayOf(this.clock));
    if (problem) {
      throw UseCaseError.unprocessable(`diedOn ${problem}`, {
        type: 'death-date-out-of-range',
        title: 'Date of death out of range',
        errors: [{ field: 'diedOn', reason: problem }],
      });
    }
    const decision = deathRecording(worker.diedOn, dto.diedOn);
    if (decision.outcome === 'CONFLICT') {
      throw UseCaseError.conflict(`a death on ${decision.recordedDiedOn} is already on record for this worker`, {
        type: 'death-already-recorded',
        title: 'Death already recorded',
        errors: [{ field: 'diedOn', reason: `a death on ${decision.recordedDiedOn} is on record` }],
        extensions: { diedOn: decision.recordedDiedOn },
      });
    }
    if (decision.outcome === 'RECORD') {
      const certificateSealed = this.protector.seal(dto.deathCertificateNumber, sealContext.workerDeath(workerId));
      await this.record(manager, worker, { diedOn: dto.diedOn, source: 'BACK_OFFICE', certificateSealed }, actorOf(caller));
    }
    return { recorded: decision.outcome === 'RECORD', worker: await this.reader.get(workerId, scope, manager) };
  }

  private async record(manager: EntityManager, worker: WorkerEntity, death: Death, actor: Actor, cause?: EventEnvelope): Promise<void> {
    const today = todayOf(this.clock);
    await manager.query(
      `UPDATE workers SET status = 'DECEASED', died_on = $2, death_recorded_on = $3, death_source = $4, death_claim_id = $5,
              death_certificate_sealed = $6, updated_at = now()
        WHERE id = $1`,
      [worker.id, death.diedOn, today, death.source, death.claimId ?? null, death.certificateSealed ?? null],
    );
    await this.outbox.publish(manager, {
      ...workerDied({
        workerId: worker.id,
        diedOn: death.diedOn,
        recordedOn: today,
        source: death.source,
        ...(death.claimId ? { claimId: death.claimId } : {}),
      }),
      causedBy: cause,
    });
    const fields = ['status', 'diedOn', ...(death.certificateSealed ? ['deathCertificateNumber'] : ['deathClaimId'])];
    await this.audit.record(manager, actor, this.clock.now(), [{ workerId: worker.id, action: 'DIED', fields }]);
  }
}
