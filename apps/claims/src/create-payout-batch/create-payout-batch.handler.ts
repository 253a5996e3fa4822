import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENTS } from '@jaring/contracts';
import { latePenalty, todayOf, UseCaseError, type BenefitComponent, type Clock } from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { CLOCK, Idempotency, rupiah, type Caller, type IdempotentOutcome, type IdempotentRequest } from '@jaring/platform';
import { AuditTrail } from '../claims/audit-trail';
import { ContributionRefundsRepository, type OwedRefund } from '../contribution-refunds/contribution-refunds.repository';
import { contributionRefundComponent } from '../domain/contribution-refunds';
import { ClaimsLedger, reservationEntries } from '../payouts/claims-ledger';
import { batchView, MAX_BATCH_LINES, type PayoutBatchView, type PayoutLineRecord } from '../payouts/payout-records';
import { PayoutsRepository } from '../payouts/payouts.repository';
import { ClaimantDataProtector, sealContext, type BankAccount } from '../personal-data/claimant-data-protector';

/**
 * Gathers the approved claims that have no transfer waiting or paid (and no hold: a refused bank account
 * must be corrected first) into a batch: one line each with the benefit plus the late-payment penalty owed
 * on the batch's day, the line's amount reserved in the ledger, `claims.payout.scheduled` per line. A death
 * claim's line also pays the worker's contributions refunded after the death (a component of its own); refunds
 * owed once the claim is paid go on a line of their own to the claim's account.
 * Concurrent batches take disjoint claims (SKIP LOCKED); a unique index keeps one live line per claim.
 */
@Injectable()
export class CreatePayoutBatchHandler {
  constructor(
    private readonly idempotency: Idempotency,
    private readonly payouts: PayoutsRepository,
    private readonly refunds: ContributionRefundsRepository,
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
    // Contributions refunded after a death (docs/rules.md, refund) go with the death claim's own line, or, once
    // the claim is paid, on a line of their own to the same account.
    const paidClaimsOwed = await this.refunds.paidClaimsOwed(manager, MAX_BATCH_LINES - claims.length);
    if (!claims.length && !paidClaimsOwed.length) {
      throw UseCaseError.unprocessable('no approved claim is waiting to be paid', { type: 'nothing-to-pay' });
    }
    const owed = await this.refunds.owedTo(manager, [
      ...claims.filter((claim) => claim.once_key === 'DEATH').map((claim) => claim.worker_id),
      ...paidClaimsOwed.map((claim) => claim.workerId),
    ]);
    const owedTo = (workerId: string) => owed.filter((refund) => refund.workerId === workerId);

    const now = this.clock.now();
    const today = todayOf(this.clock);
    const batchId = randomUUID();
    const assignments: Array<{ refundId: string; lineId: string }> = [];
    const line = (
      kind: PayoutLineRecord['kind'],
      claim: { id: string; workerId: string; bankAccountSealed: Buffer },
      benefit: { amount: number; components: BenefitComponent[] },
      penalty: { daysLate: number; amount: number; component?: BenefitComponent },
      refunds: OwedRefund[],
      lineNo: number,
    ): PayoutLineRecord => {
      const id = randomUUID();
      const refund = contributionRefundComponent(refunds.map((r) => r.amount));
      assignments.push(...refunds.map((r) => ({ refundId: r.refundId, lineId: id })));
      const account = this.protector.openJson<BankAccount>(claim.bankAccountSealed, sealContext.claimBankAccount(claim.id));
      return {
        id,
        batchId,
        lineNo,
        kind,
        claimId: claim.id,
        workerId: claim.workerId,
        benefitAmount: benefit.amount,
        latePenalty: penalty.amount,
        daysLate: penalty.daysLate,
        refundAmount: refund?.amount ?? 0,
        amount: benefit.amount + penalty.amount + (refund?.amount ?? 0),
        components: [...benefit.components, ...(penalty.component ? [penalty.component] : []), ...(refund ? [refund] : [])],
        bankAccountSealed: this.protector.sealJson(account, sealContext.payoutBankAccount(id)),
        status: 'PENDING',
        failureReason: null,
        bankReference: null,
      };
    };
    const lines: PayoutLineRecord[] = [
      ...claims.map((claim, index) => {
        const benefitAmount = rupiah(claim.benefit_total);
        const penalty = claim.due_on ? latePenalty(benefitAmount, claim.due_on, today) : { daysLate: 0, amount: 0 };
        return line(
          'CLAIM',
          { id: claim.id, workerId: claim.worker_id, bankAccountSealed: claim.bank_account_sealed },
          { amount: benefitAmount, components: claim.benefit.components },
          penalty,
          claim.once_key === 'DEATH' ? owedTo(claim.worker_id) : [],
          index + 1,
        );
      }),
      ...paidClaimsOwed.map((claim, index) =>
        line(
          'CONTRIBUTION_REFUND',
          { id: claim.claimId, workerId: claim.workerId, bankAccountSealed: claim.bankAccountSealed },
          { amount: 0, components: [] },
          { daysLate: 0, amount: 0 },
          owedTo(claim.workerId),
          claims.length + index + 1,
        ),
      ),
    ];
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
    await this.refunds.putOnLines(manager, assignments);
    await this.ledger.post(manager, lines.flatMap(reservationEntries), now);
    await this.audit.appendMany(
      manager,
      now,
      caller,
      lines.map((l) => ({
        claimId: l.claimId,
        action: 'PAYOUT_SCHEDULED',
        details: {
          batchId,
          lineId: l.id,
          amount: l.amount,
          latePenalty: l.latePenalty,
          daysLate: l.daysLate,
          ...(l.refundAmount ? { kind: l.kind, refundAmount: l.refundAmount } : {}),
        },
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
