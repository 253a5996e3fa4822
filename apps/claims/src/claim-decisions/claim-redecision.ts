import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENTS } from '@jaring/contracts';
import { payoutDueDate, type Eligibility, type IsoDate } from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { AuditTrail, type AuditActor } from '../claims/audit-trail';
import type { ClaimRecord } from '../claims/claim-record';
import { ClaimRepository } from '../claims/claim.repository';
import type { ClaimCase, ClaimDecision } from './claim-decider';

/** Why a claim is decided again; also the audit entry's action (a reassessment's is `REASSESSED`). */
export type AssessmentTrigger = 'FACTS_ARRIVED' | 'FACTS_WAIT_OVER' | 'REASSESSMENT';

/** The claims service itself, as the actor of what its consumers and its schedule decide. */
export const CLAIMS_SERVICE_ACTOR: AuditActor = { subject: 'claims', clientId: 'claims', roles: [] };

/**
 * Records a claim's new decision: the row (status, eligibility, benefit, due date), an audit entry with the
 * reasons before and after, and `claims.claim.assessed`, in the caller's transaction. A claim that still waits
 * only has the facts it waits for brought up to date (nothing was decided: no entry, no event).
 */
@Injectable()
export class ClaimRedecision {
  constructor(
    private readonly claims: ClaimRepository,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
  ) {}

  async record(
    manager: EntityManager,
    claim: ClaimRecord,
    decision: ClaimDecision,
    by: { trigger: AssessmentTrigger; actor: AuditActor; at: Date; today: IsoDate; note?: string },
  ): Promise<void> {
    const { benefit, awaitingFacts } = decision;
    const eligibility = await this.paidOnce(manager, claim, decision.eligibility);
    const status = awaitingFacts.length ? 'PENDING_FACTS' : 'SUBMITTED';
    const dueOn = eligibility.eligible && claim.documentsCompleteOn ? payoutDueDate(claim.type, claim.documentsCompleteOn) : null;
    await this.claims.redecided(manager, claim.id, {
      status,
      eligible: eligibility.eligible,
      reasons: eligibility.reasons,
      awaitingFacts,
      benefit,
      benefitTotal: benefit.total,
      dueOn,
    });
    if (status === 'PENDING_FACTS' && by.trigger !== 'REASSESSMENT') return;
    const reasonCodes = eligibility.reasons.map((r) => r.code);
    const previousReasonCodes = claim.reasons.map((r) => r.code);
    await this.audit.append(manager, {
      claimId: claim.id,
      at: by.at,
      actor: by.actor,
      action: by.trigger === 'REASSESSMENT' ? 'REASSESSED' : by.trigger,
      fromStatus: claim.status,
      toStatus: status,
      reason: by.note ?? null,
      details: {
        before: { eligible: claim.eligible, reasonCodes: previousReasonCodes, benefitTotal: claim.benefitTotal },
        after: { eligible: eligibility.eligible, reasonCodes, benefitTotal: benefit.total },
        awaitingFacts,
      },
    });
    await this.outbox.publish(manager, {
      definition: EVENTS.ClaimAssessed,
      subject: claim.workerId,
      data: {
        claimId: claim.id,
        workerId: claim.workerId,
        type: claim.type,
        kind: claim.kind,
        assessedOn: by.today,
        trigger: by.trigger,
        status,
        eligible: eligibility.eligible,
        reasonCodes,
        previousReasonCodes,
        awaitingFacts,
        benefitTotal: benefit.total,
      },
    });
  }

  /**
   * A JHT balance is paid once: two claims that waited for the same contributions may both turn eligible; the
   * second stays ineligible (`ALREADY_CLAIMED`, naming the first) rather than break the unique index in a
   * consumer. A death has one live claim anyway (claims_one_live_death).
   */
  private async paidOnce(manager: EntityManager, claim: ClaimRecord, eligibility: Eligibility): Promise<Eligibility> {
    if (!eligibility.eligible || !claim.onceKey) return eligibility;
    const other = await this.claims.activeOnce(manager, claim.workerId, claim.onceKey);
    if (!other || other.id === claim.id || !other.eligible) return eligibility;
    return {
      eligible: false,
      reasons: [{ code: 'ALREADY_CLAIMED', message: `Paid once: claim ${other.id} of this worker already holds it` }],
    };
  }
}

/** The claim as the decider reads it back from its row. */
export function caseOf(claim: ClaimRecord): ClaimCase {
  return {
    workerId: claim.workerId,
    type: claim.type,
    kind: claim.kind,
    incidentDate: claim.incidentDate,
    submittedOn: claim.submittedOn,
    claimant: { relationship: claim.claimantRelationship, nikHash: claim.claimantNikHash },
    details: claim.details,
  };
}
