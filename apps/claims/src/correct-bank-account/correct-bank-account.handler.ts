import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EVENTS } from '@jaring/contracts';
import { todayOf, UseCaseError, type Clock } from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { CLOCK, type Caller } from '@jaring/platform';
import { AuditTrail } from '../claims/audit-trail';
import { ClaimRepository } from '../claims/claim.repository';
import { claimView, type ClaimView } from '../claims/claim-view';
import type { ClaimStatus } from '../claims/claim-record';
import { statusAfterBankAccountChange } from '../domain/four-eyes';
import { PayoutsRepository } from '../payouts/payouts.repository';
import { ClaimantDataProtector, maskAccountNumber, sealContext, type BankAccount } from '../personal-data/claimant-data-protector';

/**
 * Replaces the claimant's bank account (after the bank refused or returned a transfer, or before any was made)
 * and lifts the hold. Four eyes: a verified or approved claim goes back to verification (SUBMITTED, its
 * verification and approvals cleared), and the person who changed the account may neither verify nor approve it
 * (domain/four-eyes.ts), so no account is paid that a verifier and an approver other than its changer did not
 * see. Not while a transfer waits for the bank or after payment: the money must never go to two accounts.
 */
@Injectable()
export class CorrectBankAccountHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimRepository,
    private readonly payouts: PayoutsRepository,
    private readonly audit: AuditTrail,
    private readonly protector: ClaimantDataProtector,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  correct(id: string, account: BankAccount, caller: Caller): Promise<ClaimView> {
    return this.dataSource.transaction((manager) => this.replace(manager, id, account, caller));
  }

  private async replace(manager: EntityManager, id: string, account: BankAccount, caller: Caller): Promise<ClaimView> {
    const claim = await this.claims.find(manager, id, true);
    if (!claim) throw UseCaseError.notFound(`no claim ${id}`);
    if (claim.status === 'REJECTED' || claim.status === 'PAID') {
      throw UseCaseError.conflict(`the claim is ${claim.status}`, {
        type: 'claim-status',
        extensions: { claimStatus: claim.status },
      });
    }
    const live = await this.payouts.liveLineOf(manager, id);
    if (live)
      throw UseCaseError.conflict("a transfer of this claim is waiting for the bank's answer", {
        type: 'payout-in-flight',
        extensions: { lineId: live.id },
      });

    const now = this.clock.now();
    const masked = maskAccountNumber(account.accountNumber);
    const status = statusAfterBankAccountChange(claim.status) as ClaimStatus;
    const backToVerification = status !== claim.status;
    await this.claims.update(manager, id, {
      bankAccountChangedBy: caller.subject,
      ...(backToVerification ? { status, verifiedBy: null, approvedBy: null, firstApprovedBy: null, approvalsRequired: null } : {}),
      bankAccountSealed: this.protector.sealJson(
        { bankCode: account.bankCode, accountNumber: account.accountNumber, accountName: account.accountName },
        sealContext.claimBankAccount(id),
      ),
      bankAccountMasked: masked,
      payoutHold: null,
    });
    await this.audit.append(manager, {
      claimId: id,
      at: now,
      actor: caller,
      action: 'BANK_ACCOUNT_CORRECTED',
      fromStatus: claim.status,
      toStatus: status,
      details: {
        from: claim.bankAccountMasked,
        to: masked,
        bankCode: account.bankCode,
        liftedHold: claim.payoutHold,
        backToVerification,
      },
    });
    await this.outbox.publish(manager, {
      definition: EVENTS.ClaimBankAccountCorrected,
      subject: claim.workerId,
      data: { claimId: id, workerId: claim.workerId, correctedOn: todayOf(this.clock), status },
    });
    return claimView((await this.claims.find(manager, id))!, await this.audit.list(manager, id), caller);
  }
}
