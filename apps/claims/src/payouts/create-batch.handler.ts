import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENTS } from '@jaring/contracts';
import { latePenalty, todayOf, type Benefit, type Clock } from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { CLOCK, Problem, problemType } from '@jaring/platform';
import type { BackOfficeUser } from '../auth/back-office-user';
import { AuditTrail } from '../claims/audit-trail';
import { ClaimantDataProtector, sealContext, type BankAccount } from '../personal-data/claimant-data-protector';
import { safeNumber } from '../read-models/claim-facts.reader';
import { LEDGER_ACCOUNTS, ClaimsLedger } from './claims-ledger';
import { batchView, type PayoutBatchView, type PayoutLineRecord } from './payout-records';
import { PayoutsRepository } from './payouts.repository';

/** Most claims in one batch (one bank file). */
export const MAX_BATCH_LINES = 1000;

/**
 * Gathers the approved claims that have no transfer waiting or paid (and no hold: a refused bank account
 * must be corrected first) into a batch: one line each with the benefit plus the late-payment penalty owed
 * on the batch's day, the line's amount reserved in the ledger, `claims.payout.scheduled` per line.
 * Concurrent batches take disjoint claims (SKIP LOCKED); a unique index keeps one live line per claim.
 */
@Injectable()
export class CreateBatchHandler {
  constructor(
    private readonly payouts: PayoutsRepository,
    private readonly ledger: ClaimsLedger,
    private readonly audit: AuditTrail,
    private readonly protector: ClaimantDataProtector,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(manager: EntityManager, user: BackOfficeUser): Promise<PayoutBatchView> {
    const claims = (await manager.query(
      `SELECT c.id, c.worker_id, c.benefit, c.benefit_total::text, c.due_on::text, c.bank_account_sealed FROM claims c
       WHERE c.status = 'APPROVED' AND c.payout_hold IS NULL AND c.benefit_total > 0
         AND NOT EXISTS (SELECT 1 FROM payout_lines l WHERE l.claim_id = c.id AND l.status IN ('PENDING', 'PAID'))
       ORDER BY c.due_on NULLS LAST, c.id LIMIT $1 FOR UPDATE OF c SKIP LOCKED`,
      [MAX_BATCH_LINES],
    )) as Array<{
      id: string;
      worker_id: string;
      benefit: Benefit;
      benefit_total: string;
      due_on: string | null;
      bank_account_sealed: Buffer;
    }>;
    if (!claims.length) throw Problem.unprocessable('no approved claim is waiting to be paid', { type: problemType('nothing-to-pay') });

    const now = this.clock.now();
    const today = todayOf(this.clock);
    const batchId = randomUUID();
    const lines: PayoutLineRecord[] = claims.map((claim, index) => {
      const id = randomUUID();
      const benefitAmount = safeNumber(claim.benefit_total);
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
      createdBy: user.id,
      status: 'OPEN' as const,
      lineCount: lines.length,
      total: lines.reduce((s, l) => s + l.amount, 0),
    };

    await this.payouts.insertBatch(manager, batch, now);
    await this.payouts.insertLines(manager, lines);
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
      user,
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
    return batchView(batch, lines);
  }
}
