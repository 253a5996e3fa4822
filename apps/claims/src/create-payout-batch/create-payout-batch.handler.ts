import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENTS } from '@jaring/contracts';
import { latePenalty, todayOf, UseCaseError, type Clock } from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { CLOCK, Idempotency, rupiah, type Caller, type IdempotentOutcome, type IdempotentRequest } from '@jaring/platform';
import { AuditTrail } from '../claims/audit-trail';
import { LEDGER_ACCOUNTS, ClaimsLedger } from '../payouts/claims-ledger';
import { batchView, type PayoutBatchView, type PayoutLineRecord } from '../payouts/payout-records';
import { PayoutsRepository } from '../payouts/payouts.repository';
import { ClaimantDataProtector, sealContext, type BankAccount } from '../personal-data/claimant-data-protector';

/**
 * Gathers the approved claims that have no transfer waiting or paid (and no hold: a refused bank account
 * must be corrected first) into a batch: one line each with the benefit plus the late-payment penalty owed
 * on the batch's day, the line's amount reserved in the ledger, `claims.payout.scheduled` per line.
 * Concurrent batches take disjoint claims (SKIP LOCKED); a unique index keeps one live line per claim.
 */
@Injectable()
export class CreatePayoutBatchHandler {
  constructor(
    private readonly idempotency: Idempotency,
    private readonly payouts: PayoutsRepository,
    private readonly ledger: ClaimsLedger,
    private readonly audit: AuditTrail,
    private readonly protector: ClaimantDataProtector,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One batch per `Idempotency-Key`: a retried request gets the first batch, not a second one. */
  create(request: IdempotentRequest, caller: Caller): Promise<IdempotentOutcome<PayoutBatchView>> {
    return this.idempotency.run(request, (manager) => this.gather(manager, caller));
  }

  private async gather(manager: EntityManager, caller: Caller): Promise<PayoutBatchView> {
    const claims = await this.payouts.payableClaims(manager);
    if (!claims.length) throw UseCaseError.unprocessable('no approved claim is waiting to be paid', { type: 'nothing-to-pay' });

    const now = this.clock.now();
    const today = todayOf(this.clock);
    const batchId = randomUUID();
    const lines: PayoutLineRecord[] = claims.map((claim, index) => {
      const id = randomUUID();
      const benefitAmount = rupiah(claim.benefit_total);
      const penalty = claim.due_on ? latePenalty(benefitAmount, claim.due_on, today) : { daysLate: 0, amount: 0 };
      const account = this.protector.openJson<BankAccount>(claim.bank_account_sealed, sealContext.claimBankAccount(claim.id));
      return {
        id,
        batchId,
        lineNo: index + 1,
        claimId: claim.id,
        workerId: claim.worker_id,
        benefitAmount,
        latePenalty: penalty.amount,
        daysLate: penalty.daysLate,
        amount: benefitAmount + penalty.amount,
        components: [...claim.benefit.components, ...(penalty.component ? [penalty.component] : [])],
        bankAccountSealed: this.protector.sealJson(account, sealContext.payoutBankAccount(id)),
        status: 'PENDING',
        failureReason: null,
        bankReference: null,
      };
    });
    const batch = {
      id: batchId,
      createdOn: today,
      createdAt: now.toISOString(),
      createdBy: caller.subject,
      status: 'OPEN' as const,
      lineCount: lines.length,
      total: lines.reduce((s, l) => s + l.amount, 0),
    };

    await this.payouts.insertBatch(manager, batch);
    await this.payouts.insertLines(manager, lines);
    await this.payouts.appendTrail(manager, batchId, now, caller, 'BATCH_CREATED', { lineCount: batch.lineCount, total: batch.total });
    await this.ledger.post(
      manager,
      lines.map((l) => ({
        id: `reserve:${l.id}`,
        batchId,
        lineId: l.id,
        debit: LEDGER_ACCOUNTS.reserved,
        credit: LEDGER_ACCOUNTS.claimsFund,
        amount: l.amount,
      })),
      now,
    );
    await this.audit.appendMany(
      manager,
      now,
      caller,
      lines.map((l) => ({
        claimId: l.claimId,
        action: 'PAYOUT_SCHEDULED',
        details: { batchId, lineId: l.id, amount: l.amount, latePenalty: l.latePenalty, daysLate: l.daysLate },
      })),
    );
    const dueOn = new Map(claims.map((c) => [c.id, c.due_on]));
    await this.outbox.publishAll(
      manager,
      lines.map((l) => ({
        definition: EVENTS.PayoutScheduled,
        subject: l.workerId,
        data: {
          payoutId: l.id,
          batchId,
          claimId: l.claimId,
          workerId: l.workerId,
          amount: l.amount,
          latePenalty: l.latePenalty,
          ...(dueOn.get(l.claimId) ? { dueOn: dueOn.get(l.claimId)! } : {}),
        },
      })),
    );
    return batchView(batch, lines, await this.payouts.trail(manager, batchId));
  }
}
