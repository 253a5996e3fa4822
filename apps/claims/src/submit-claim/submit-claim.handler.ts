import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EVENTS } from '@jaring/contracts';
import {
  benefitRulesOn,
  DomainError,
  isKindOf,
  KINDS_BY_TYPE,
  oncePerWorkerKey,
  payoutDueDate,
  todayOf,
  type ClaimType,
  type Clock,
  UseCaseError,
} from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { CLOCK, Idempotency, regionsVisibleTo, type Caller, type IdempotentOutcome, type IdempotentRequest } from '@jaring/platform';
import { ClaimDecider } from '../claim-decisions/claim-decider';
import { PendingClaims } from '../claim-decisions/pending-claims';
import { ClaimsConfig } from '../claims.config';
import { AuditTrail } from '../claims/audit-trail';
import type { ClaimRecord } from '../claims/claim-record';
import { ClaimRepository } from '../claims/claim.repository';
import { claimView, type ClaimView } from '../claims/claim-view';
import { claimantColumns, NOTHING_DECIDED_YET } from '../claims/new-claim';
import type { BenefitDetails } from '../domain/benefit-of';
import { missingDocuments, requiredDocuments } from '../domain/required-documents';
import { workerVisible } from '../domain/worker-visibility';
import { ClaimantDataProtector } from '../personal-data/claimant-data-protector';
import { ClaimFactsReader } from './claim-facts.reader';
import type { SubmitClaimDto } from './submit-claim.dto';

/**
 * Records a claim with its eligibility decision and computed benefit (docs/api.md, POST /v1/claims). An
 * ineligible claim is recorded too, with every reason; one whose only reasons may be facts claims has not
 * heard of yet is recorded PENDING_FACTS and decided when they arrive or the wait is over (PendingClaims).
 * A second death claim of a worker while one is live (pending, ineligible and not rejected, or eligible), or
 * a second JHT balance claim while an eligible one stands, is a 409, guarded again by unique indexes. An
 * agent submits only for the workers of its own regions: any other worker, known or not, is a 404 before
 * anything is decided.
 */
@Injectable()
export class SubmitClaimHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: Idempotency,
    private readonly reader: ClaimFactsReader,
    private readonly decider: ClaimDecider,
    private readonly pending: PendingClaims,
    private readonly config: ClaimsConfig,
    private readonly claims: ClaimRepository,
    private readonly audit: AuditTrail,
    private readonly protector: ClaimantDataProtector,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A submission without an `Idempotency-Key`: its own transaction. */
  submit(dto: SubmitClaimDto, caller: Caller): Promise<ClaimView> {
    return this.dataSource.transaction((manager) => this.record(manager, dto, caller));
  }

  /** A submission with an `Idempotency-Key`: a retry with the same key gets the first answer. */
  submitIdempotently(request: IdempotentRequest, dto: SubmitClaimDto, caller: Caller): Promise<IdempotentOutcome<ClaimView>> {
    return this.idempotency.run(request, (manager) => this.record(manager, dto, caller));
  }

  private async record(manager: EntityManager, dto: SubmitClaimDto, caller: Caller): Promise<ClaimView> {
    // the worker's facts are not changing under the decision, and a consumer bringing them sees this claim
    await this.pending.lockFacts(manager, [dto.workerId]);
    const worker = await this.reader.worker(manager, dto.workerId);
    if (!workerVisible(regionsVisibleTo(caller), worker?.regionCode)) {
      // the same answer for another region's worker and an unknown one: an agent learns nothing of either
      throw UseCaseError.notFound(`no worker ${dto.workerId}`, { type: 'worker-not-found' });
    }
    const type = dto.type as ClaimType;
    if (!isKindOf(type, dto.details.kind)) {
      throw UseCaseError.invalid(`a ${type} claim is not of kind ${dto.details.kind}`, {
        errors: [{ field: 'details.kind', reason: `must be one of ${KINDS_BY_TYPE[type].join(', ')} for ${type}` }],
      });
    }
    const kind = dto.details.kind;
    assertRulesInForce(dto.incidentDate);
    const now = this.clock.now();
    const today = todayOf(this.clock);

    const onceKey = oncePerWorkerKey(type, kind) ?? null;
    if (onceKey) await this.refuseSecond(manager, dto.workerId, onceKey);

    const nikHash = this.protector.nikHash(dto.claimant.nik);
    const { eligibility, benefit, awaitingFacts } = await this.decider.decide(
      manager,
      {
        workerId: dto.workerId,
        type,
        kind,
        incidentDate: dto.incidentDate,
        submittedOn: today,
        claimant: { relationship: dto.claimant.relationship, nikHash },
        details: { ...benefitDetails(dto), leavingIndonesia: dto.details.leavingIndonesia },
      },
      { factsWaitOver: this.config.CLAIM_FACTS_WAIT_HOURS === 0, worker: worker ?? null },
    );
    const status = awaitingFacts.length ? 'PENDING_FACTS' : 'SUBMITTED';

    const id = randomUUID();
    const received = [...new Set(dto.documents ?? [])];
    const missing = missingDocuments(
      requiredDocuments(type, kind, { relationship: dto.claimant.relationship, leavingIndonesia: dto.details.leavingIndonesia }),
      received,
    );
    const documentsCompleteOn = missing.length === 0 ? today : null;
    const claim: ClaimRecord = {
      id,
      workerId: dto.workerId,
      type,
      kind,
      incidentDate: dto.incidentDate,
      submittedOn: today,
      claimantRelationship: dto.claimant.relationship,
      claimantNikHash: nikHash,
      ...claimantColumns(this.protector, id, dto.claimant),
      details: detailsToStore(dto),
      eligible: eligibility.eligible,
      reasons: eligibility.reasons,
      awaitingFacts,
      benefit,
      benefitTotal: benefit.total,
      status,
      onceKey,
      documents: received,
      documentsCompleteOn,
      dueOn: documentsCompleteOn && eligibility.eligible ? payoutDueDate(type, documentsCompleteOn) : null,
      ...NOTHING_DECIDED_YET,
    };
    await this.insert(manager, claim, now);
    await this.audit.append(manager, {
      claimId: id,
      at: now,
      // who submitted on the claimant's behalf: a field agent or the back office
      actor: caller,
      action: 'SUBMITTED',
      toStatus: status,
      details: {
        eligible: eligibility.eligible,
        reasonCodes: eligibility.reasons.map((r) => r.code),
        benefitTotal: benefit.total,
        missingDocuments: missing,
        ...(awaitingFacts.length ? { awaitingFacts } : {}),
      },
    });
    await this.outbox.publish(manager, {
      definition: EVENTS.ClaimSubmitted,
      subject: dto.workerId,
      data: {
        claimId: id,
        workerId: dto.workerId,
        type,
        kind,
        incidentDate: dto.incidentDate,
        claimantRelationship: dto.claimant.relationship,
        eligible: eligibility.eligible,
        reasonCodes: eligibility.reasons.map((r) => r.code),
        benefitTotal: benefit.total,
        ...(awaitingFacts.length ? { awaitingFacts } : {}),
      },
    });
    return claimView(claim, await this.audit.list(manager, id), caller);
  }

  private async refuseSecond(manager: EntityManager, workerId: string, onceKey: string): Promise<void> {
    const existing = await this.claims.activeOnce(manager, workerId, onceKey);
    if (existing) throw onceConflict(onceKey, existing);
  }

  private async insert(manager: EntityManager, claim: ClaimRecord, now: Date): Promise<void> {
    try {
      await this.claims.insert(manager, claim, now);
    } catch (error) {
      // Two death claims at the same moment: the unique index decides; the loser gets the same 409.
      const constraint = (error as { constraint?: string }).constraint;
      if (constraint === 'claims_once_per_worker' || constraint === 'claims_one_live_death') throw onceConflict(claim.onceKey!, undefined);
      throw error;
    }
  }
}

/**
 * The 409 naming the live claim. A death claim recorded ineligible is not filed again: a verifier reassesses
 * it on today's facts (`reassessment`, its route), or rejects it first.
 */
function onceConflict(onceKey: string, existing: { id: string; status: string; eligible: boolean } | undefined): UseCaseError {
  const what =
    onceKey === 'DEATH'
      ? "this worker's death is already claimed (one death, one live claim)"
      : "this worker's JHT balance is already claimed (it is paid out once)";
  const reassessable = existing && existing.status === 'SUBMITTED' && !existing.eligible;
  return UseCaseError.conflict(what, {
    type: onceKey === 'DEATH' ? 'death-already-claimed' : 'jht-balance-already-claimed',
    extensions: existing
      ? {
          existingClaimId: existing.id,
          existingClaimStatus: existing.status,
          ...(reassessable ? { reassessment: `/v1/claims/${existing.id}/reassessment` } : {}),
        }
      : {},
  });
}

function assertRulesInForce(incidentDate: string): void {
  try {
    benefitRulesOn(incidentDate);
  } catch (error) {
    if (!DomainError.is(error)) throw error;
    throw UseCaseError.invalid(error.message, { errors: [{ field: 'incidentDate', reason: error.message }] });
  }
}

function benefitDetails(dto: SubmitClaimDto): BenefitDetails {
  const { medicalCosts, transportCosts, otherCosts, daysUnableToWork, disabilityPercent } = dto.details;
  return {
    medicalCosts,
    transportCosts: transportCosts && { ...transportCosts },
    otherCosts: otherCosts && { ...otherCosts },
    daysUnableToWork,
    disabilityPercent,
  };
}

/** The details kept with the claim: figures and circumstances, no personal data. */
function detailsToStore(dto: SubmitClaimDto): Record<string, unknown> {
  return JSON.parse(JSON.stringify(dto.details)) as Record<string, unknown>;
}
