import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { todayOf, UseCaseError, type Clock } from '@jaring/domain';
import { CLOCK, Idempotency, type Caller, type IdempotentOutcome, type IdempotentRequest } from '@jaring/platform';
import { ClaimDecider } from '../claim-decisions/claim-decider';
import { caseOf, ClaimRedecision } from '../claim-decisions/claim-redecision';
import { PendingClaims } from '../claim-decisions/pending-claims';
import { AuditTrail } from '../claims/audit-trail';
import { ClaimRepository } from '../claims/claim.repository';
import { claimView, type ClaimView } from '../claims/claim-view';

/**
 * `POST /v1/claims/{id}/reassessment` (docs/api.md): a claim recorded ineligible (SUBMITTED, not eligible) is
 * decided again on the facts claims holds today, as at submission but with nothing left to wait for. The
 * claim keeps its id, documents and history; the audit entry holds the reasons before and after, and
 * `claims.claim.assessed` tells the others. Still ineligible is an answer too (recorded the same way).
 */
@Injectable()
export class ReassessClaimHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: Idempotency,
    private readonly claims: ClaimRepository,
    private readonly pending: PendingClaims,
    private readonly decider: ClaimDecider,
    private readonly redecision: ClaimRedecision,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  reassess(id: string, caller: Caller, note?: string): Promise<ClaimView> {
    return this.dataSource.transaction((manager) => this.reassessed(manager, id, caller, note));
  }

  reassessIdempotently(request: IdempotentRequest, id: string, caller: Caller, note?: string): Promise<IdempotentOutcome<ClaimView>> {
    return this.idempotency.run(request, (manager) => this.reassessed(manager, id, caller, note), 200);
  }

  private async reassessed(manager: EntityManager, id: string, caller: Caller, note?: string): Promise<ClaimView> {
    const found = await this.claims.find(manager, id);
    if (!found) throw UseCaseError.notFound(`no claim ${id}`);
    // the facts lock before the row's, in the order the consumers take them
    await this.pending.lockFacts(manager, [found.workerId]);
    const claim = (await this.claims.find(manager, id, true))!;
    if (claim.status !== 'SUBMITTED' || claim.eligible) {
      throw UseCaseError.conflict(
        claim.status === 'SUBMITTED'
          ? 'the claim is eligible: there is nothing to reassess'
          : `the claim is ${claim.status}; only a claim recorded ineligible (SUBMITTED) is reassessed`,
        { type: 'claim-not-reassessable', extensions: { claimStatus: claim.status, eligible: claim.eligible } },
      );
    }
    const decision = await this.decider.decide(manager, caseOf(claim), { factsWaitOver: true });
    await this.redecision.record(manager, claim, decision, {
      trigger: 'REASSESSMENT',
      actor: caller,
      at: this.clock.now(),
      today: todayOf(this.clock),
      note,
    });
    return claimView((await this.claims.find(manager, id))!, await this.audit.list(manager, id), caller);
  }
}
