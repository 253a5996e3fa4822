import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EVENTS } from '@jaring/contracts';
import { payoutDueDate, todayOf, UseCaseError, type Clock } from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { CLOCK, type Caller } from '@jaring/platform';
import { ClaimsConfig } from '../claims.config';
import { AuditTrail } from '../claims/audit-trail';
import type { ClaimRecord, ClaimStatus } from '../claims/claim-record';
import { ClaimRepository } from '../claims/claim.repository';
import { claimView, type ClaimView } from '../claims/claim-view';
import { approvalRefusal, approvalsRequired, verificationRefusal, type FourEyesRefusal } from '../domain/four-eyes';
import { missingDocuments, requiredDocuments } from '../domain/required-documents';

/**
 * The back-office decisions (docs/api.md): documents received, then SUBMITTED → VERIFIED (verifier) →
 * APPROVED (approver, another person: maker-checker) or REJECTED with a reason. A claim above
 * `SECOND_APPROVAL_ABOVE` needs two approvals by two different approvers (the first is recorded, the claim staying
 * VERIFIED); whoever changed the claim's bank account neither verifies nor approves it (domain/four-eyes.ts). The
 * decider is the caller's subject (and client, in the audit trail). Each is one transaction: the claim row
 * locked, the change, its audit entry and its event.
 */
@Injectable()
export class DecideClaimHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimRepository,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly config: ClaimsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  receiveDocuments(id: string, caller: Caller, documents: string[]): Promise<ClaimView> {
    return this.dataSource.transaction((manager) => this.documentsReceived(manager, id, caller, documents));
  }

  verify(id: string, caller: Caller, note?: string): Promise<ClaimView> {
    return this.dataSource.transaction((manager) => this.verified(manager, id, caller, note));
  }

  approve(id: string, caller: Caller, note?: string): Promise<ClaimView> {
    return this.dataSource.transaction((manager) => this.approved(manager, id, caller, note));
  }

  reject(id: string, caller: Caller, reason: string): Promise<ClaimView> {
    return this.dataSource.transaction((manager) => this.rejected(manager, id, caller, reason));
  }

  private async documentsReceived(manager: EntityManager, id: string, caller: Caller, documents: string[]): Promise<ClaimView> {
    const claim = await this.load(manager, id, ['SUBMITTED']);
    const received = [...new Set([...claim.documents, ...documents])];
    const missing = missingDocuments(
      requiredDocuments(claim.type, claim.kind, {
        relationship: claim.claimantRelationship,
        leavingIndonesia: claim.details.leavingIndonesia === true,
      }),
      received,
    );
    const completeNow = missing.length === 0 && !claim.documentsCompleteOn;
    const today = todayOf(this.clock);
    const changes = {
      documents: received,
      ...(completeNow ? { documentsCompleteOn: today, dueOn: claim.eligible ? payoutDueDate(claim.type, today) : null } : {}),
    };
    await this.claims.update(manager, id, changes);
    await this.audit.append(manager, {
      claimId: id,
      at: this.clock.now(),
      actor: caller,
      action: 'DOCUMENTS_RECEIVED',
      details: { documents, missing },
    });
    return this.view(manager, id, caller);
  }

  private async verified(manager: EntityManager, id: string, caller: Caller, note?: string): Promise<ClaimView> {
    const claim = await this.load(manager, id, ['SUBMITTED']);
    if (!claim.eligible) {
      throw UseCaseError.conflict('an ineligible claim can only be rejected', {
        type: 'claim-ineligible',
        extensions: { reasons: claim.reasons },
      });
    }
    if (!claim.documentsCompleteOn) {
      const missing = missingDocuments(
        requiredDocuments(claim.type, claim.kind, {
          relationship: claim.claimantRelationship,
          leavingIndonesia: claim.details.leavingIndonesia === true,
        }),
        claim.documents,
      );
      throw UseCaseError.conflict(`documents are missing: ${missing.join(', ')}`, {
        type: 'documents-incomplete',
        extensions: { missing },
      });
    }
    refuse(verificationRefusal(claim, caller.subject));
    const required = approvalsRequired(claim.benefitTotal, this.config.SECOND_APPROVAL_ABOVE);
    await this.transition(manager, claim, 'VERIFIED', caller, { verifiedBy: caller.subject, approvalsRequired: required }, note, {
      approvalsRequired: required,
    });
    await this.announce(manager, claim, 'VERIFIED', note);
    return this.view(manager, id, caller);
  }

  private async approved(manager: EntityManager, id: string, caller: Caller, note?: string): Promise<ClaimView> {
    const claim = await this.load(manager, id, ['VERIFIED']);
    // the same person, whichever client or role they come through: subjects are compared, not clients
    refuse(approvalRefusal(claim, caller.subject));
    // a claim verified before the rule was recorded takes today's setting
    const required = claim.approvalsRequired ?? approvalsRequired(claim.benefitTotal, this.config.SECOND_APPROVAL_ABOVE);
    if (required === 2 && !claim.firstApprovedBy) {
      await this.claims.update(manager, claim.id, { firstApprovedBy: caller.subject, approvalsRequired: required });
      await this.audit.append(manager, {
        claimId: claim.id,
        at: this.clock.now(),
        actor: caller,
        action: 'FIRST_APPROVAL',
        fromStatus: claim.status,
        toStatus: claim.status,
        reason: note ?? null,
        details: { approvals: 1, approvalsRequired: required },
      });
      return this.view(manager, id, caller);
    }
    await this.transition(manager, claim, 'APPROVED', caller, { approvedBy: caller.subject }, note, {
      approvals: required,
      approvalsRequired: required,
      ...(claim.firstApprovedBy ? { firstApprovedBy: claim.firstApprovedBy } : {}),
    });
    await this.announce(manager, claim, 'APPROVED', note);
    return this.view(manager, id, caller);
  }

  private async rejected(manager: EntityManager, id: string, caller: Caller, reason: string): Promise<ClaimView> {
    // a claim waiting for its facts may be rejected too (a stranger's claim must not hold up the heir's)
    const claim = await this.load(manager, id, ['PENDING_FACTS', 'SUBMITTED', 'VERIFIED']);
    await this.transition(manager, claim, 'REJECTED', caller, { rejectionReason: reason }, reason);
    await this.announce(manager, claim, 'REJECTED', reason);
    return this.view(manager, id, caller);
  }

  private async load(manager: EntityManager, id: string, from: ClaimStatus[]): Promise<ClaimRecord> {
    const claim = await this.claims.find(manager, id, true);
    if (!claim) throw UseCaseError.notFound(`no claim ${id}`);
    if (!from.includes(claim.status)) {
      throw UseCaseError.conflict(`the claim is ${claim.status}; this needs it ${from.join(' or ')}`, {
        type: 'claim-status',
        extensions: { claimStatus: claim.status },
      });
    }
    return claim;
  }

  private async transition(
    manager: EntityManager,
    claim: ClaimRecord,
    to: ClaimStatus,
    caller: Caller,
    changes: Partial<ClaimRecord>,
    reason?: string,
    details?: Record<string, unknown>,
  ): Promise<void> {
    await this.claims.update(manager, claim.id, { ...changes, status: to });
    await this.audit.append(manager, {
      claimId: claim.id,
      at: this.clock.now(),
      actor: caller,
      action: to,
      fromStatus: claim.status,
      toStatus: to,
      reason: reason ?? null,
      details,
    });
  }

  private async announce(
    manager: EntityManager,
    claim: ClaimRecord,
    to: 'VERIFIED' | 'APPROVED' | 'REJECTED',
    reason?: string,
  ): Promise<void> {
    const definition = { VERIFIED: EVENTS.ClaimVerified, APPROVED: EVENTS.ClaimApproved, REJECTED: EVENTS.ClaimRejected }[to];
    await this.outbox.publish(manager, {
      definition,
      subject: claim.workerId,
      data: {
        claimId: claim.id,
        workerId: claim.workerId,
        type: claim.type,
        decidedOn: todayOf(this.clock),
        benefitTotal: claim.benefitTotal,
        ...(reason ? { reason } : {}),
      },
    });
  }

  /** The claim after the decision, with what the caller may do next. */
  private async view(manager: EntityManager, id: string, caller: Caller): Promise<ClaimView> {
    return claimView((await this.claims.find(manager, id))!, await this.audit.list(manager, id), caller);
  }
}

/** A four-eyes refusal is a 403 with its own problem type (docs/api.md, "Problem types"). */
function refuse(refusal: FourEyesRefusal | null): void {
  if (refusal) throw UseCaseError.forbidden(refusal.detail, { type: refusal.type });
}
