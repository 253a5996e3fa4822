import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENTS } from '@jaring/contracts';
import { todayOf, UseCaseError, type Clock } from '@jaring/domain';
import { Outbox, type PendingEvent } from '@jaring/messaging';
import { CLOCK, Idempotency, type Caller, type FieldError, type IdempotentOutcome, type IdempotentRequest } from '@jaring/platform';
import { AuditTrail } from '../claims/audit-trail';
import { ClaimRepository } from '../claims/claim.repository';
import { ContributionRefundsRepository } from '../contribution-refunds/contribution-refunds.repository';
import { ClaimsLedger, LEDGER_ACCOUNTS, releaseEntries, type LedgerEntry } from '../payouts/claims-ledger';
import { batchView, type PayoutBatchView, type PayoutLineRecord } from '../payouts/payout-records';
import { PayoutsRepository } from '../payouts/payouts.repository';
import { jsonField, type ResultFieldNamer } from './bank-results-body';
import type { BankResultLineDto } from './record-bank-results.dto';

export type LineOutcome = 'PAID' | 'FAILED' | 'ALREADY_APPLIED';

export interface BankResultsAnswer {
  batchId: string;
  applied: number;
  unchanged: number;
  lines: Array<{ lineId: string; outcome: LineOutcome }>;
  batch: PayoutBatchView;
}

/**
 * Applies the bank's answer per line, once: a PENDING line becomes PAID (reserved → claimant in the
 * ledger, the claim PAID, `claims.payout.succeeded` and `claims.claim.paid`) or FAILED (reserved → back
 * to the fund, the claim held until its bank account is corrected, `claims.payout.failed`). Contributions
 * refunded after a death and carried by the line are paid with it, or owed again when it fails (their part
 * back to `contribution-refunds`); a refund line of a claim already paid leaves the claim as it is. A line already
 * answered the same way is left alone, so a repeated import pays nothing twice; an answer contradicting
 * an earlier one, or paying a claim that is no longer APPROVED, is a 409 and nothing of the import is
 * written. The batch row is locked: imports of one batch run one after the other.
 */
@Injectable()
export class RecordBankResultsHandler {
  constructor(
    private readonly idempotency: Idempotency,
    private readonly payouts: PayoutsRepository,
    private readonly claims: ClaimRepository,
    private readonly ledger: ClaimsLedger,
    private readonly refunds: ContributionRefundsRepository,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One import per `Idempotency-Key`: a retried request gets the first answer (200). */
  record(
    request: IdempotentRequest,
    batchId: string,
    results: readonly BankResultLineDto[],
    caller: Caller,
    fieldOf: ResultFieldNamer = jsonField,
  ): Promise<IdempotentOutcome<BankResultsAnswer>> {
    return this.idempotency.run(request, (manager) => this.apply(manager, batchId, results, caller, fieldOf), 200);
  }

  private async apply(
    manager: EntityManager,
    batchId: string,
    results: readonly BankResultLineDto[],
    caller: Caller,
    fieldOf: ResultFieldNamer,
  ): Promise<BankResultsAnswer> {
    const batch = await this.payouts.batch(manager, batchId, true);
    if (!batch) throw UseCaseError.notFound(`no payout batch ${batchId}`);
    const lines = new Map((await this.payouts.lines(manager, batchId, true)).map((l) => [l.id, l]));
    const work = this.plan(results, lines, fieldOf);
    await this.refuseUnpayable(manager, results, lines, fieldOf);

    const now = this.clock.now();
    const today = todayOf(this.clock);
    const entries: LedgerEntry[] = [];
    const events: PendingEvent[] = [];
    const outcomes: BankResultsAnswer['lines'] = [];
    for (const { result, line } of work) {
      if (line.status !== 'PENDING') {
        outcomes.push({ lineId: line.id, outcome: 'ALREADY_APPLIED' });
        continue;
      }
      await this.payouts.answerLine(
        manager,
        line.id,
        result.status,
        now,
        result.status === 'FAILED' ? result.reason! : null,
        result.bankReference ?? null,
      );
      const payout = { payoutId: line.id, batchId, claimId: line.claimId, workerId: line.workerId, amount: line.amount };
      if (result.status === 'PAID') {
        entries.push({
          id: `settle:${line.id}`,
          batchId,
          lineId: line.id,
          debit: LEDGER_ACCOUNTS.paid,
          credit: LEDGER_ACCOUNTS.reserved,
          amount: line.amount,
        });
        await this.refunds.paidBy(manager, line.id, today);
        if (line.kind === 'CLAIM') events.push(...(await this.paid(manager, line, today, now, caller)));
        else await this.refundPaid(manager, line, now, caller);
        events.push({ definition: EVENTS.PayoutSucceeded, subject: line.workerId, data: payout });
      } else {
        entries.push(...releaseEntries(line));
        await this.failed(manager, line, result.reason!, now, caller);
        events.push({ definition: EVENTS.PayoutFailed, subject: line.workerId, data: { ...payout, failureReason: result.reason } });
      }
      outcomes.push({ lineId: line.id, outcome: result.status });
    }
    await this.ledger.post(manager, entries, now);
    await this.outbox.publishAll(manager, events);
    await this.payouts.settleIfAnswered(manager, batchId);

    const applied = outcomes.filter((o) => o.outcome !== 'ALREADY_APPLIED').length;
    return {
      batchId,
      applied,
      unchanged: outcomes.length - applied,
      lines: outcomes,
      batch: batchView((await this.payouts.batch(manager, batchId))!, await this.payouts.lines(manager, batchId)),
    };
  }

  /**
   * Checks the whole import before writing anything: unknown lines are a 400, contradictions a 409. Errors name
   * each result as it came (`fieldOf`: `results.0.lineId` in JSON, `rows.1.line_id` in the bank's file).
   */
  private plan(
    results: readonly BankResultLineDto[],
    lines: ReadonlyMap<string, PayoutLineRecord>,
    fieldOf: ResultFieldNamer,
  ): Array<{ result: BankResultLineDto; line: PayoutLineRecord }> {
    const unknown: FieldError[] = [];
    const seen = new Map<string, string>();
    results.forEach((result, i) => {
      if (!lines.has(result.lineId)) unknown.push({ field: fieldOf(i, 'lineId'), reason: 'not a line of this batch' });
      const earlier = seen.get(result.lineId);
      if (earlier && earlier !== result.status)
        unknown.push({ field: fieldOf(i, 'status'), reason: `the line is also answered ${earlier} in this import` });
      seen.set(result.lineId, result.status);
    });
    if (unknown.length) throw UseCaseError.invalid('the results do not match the batch', { errors: unknown });
    const contradictions = results.filter((r) => {
      const status = lines.get(r.lineId)!.status;
      return status !== 'PENDING' && status !== r.status;
    });
    if (contradictions.length) {
      throw UseCaseError.conflict('the bank already answered these lines otherwise; nothing was applied', {
        type: 'payout-already-answered',
        extensions: { lines: contradictions.map((r) => ({ lineId: r.lineId, status: lines.get(r.lineId)!.status })) },
      });
    }
    const unique = new Map(results.map((r) => [r.lineId, r]));
    return [...unique.values()].map((result) => ({ result, line: lines.get(result.lineId)! }));
  }

  /**
   * A line can be paid only while its claim is APPROVED: no flow of the service moves a claim with a
   * transfer at the bank, but a claim changed by other means (by hand in the database) must not be paid
   * over or answered with a 500. The whole import is refused, before anything is written, with a 409
   * naming each such line, so the back office can import the other lines and look into these.
   * The claims are locked here, for the rest of the import.
   */
  private async refuseUnpayable(
    manager: EntityManager,
    results: readonly BankResultLineDto[],
    lines: ReadonlyMap<string, PayoutLineRecord>,
    fieldOf: ResultFieldNamer,
  ): Promise<void> {
    // A refund line pays a claim already PAID (its refunds came after): only a claim's own line needs it APPROVED.
    const toPay = results.filter(
      (r) => r.status === 'PAID' && lines.get(r.lineId)!.status === 'PENDING' && lines.get(r.lineId)!.kind === 'CLAIM',
    );
    if (!toPay.length) return;
    const statuses = await this.claims.lockStatuses(manager, [...new Set(toPay.map((r) => lines.get(r.lineId)!.claimId))]);
    const errors: FieldError[] = [];
    const refused = new Map<string, { lineId: string; claimId: string; claimStatus: string }>();
    results.forEach((result, i) => {
      const line = lines.get(result.lineId)!;
      const claimStatus = statuses.get(line.claimId);
      if (
        result.status !== 'PAID' ||
        line.status !== 'PENDING' ||
        line.kind !== 'CLAIM' ||
        claimStatus === undefined ||
        claimStatus === 'APPROVED'
      ) {
        return;
      }
      errors.push({ field: fieldOf(i, 'status'), reason: `the line's claim is ${claimStatus}, not APPROVED: it cannot be paid` });
      refused.set(line.id, { lineId: line.id, claimId: line.claimId, claimStatus });
    });
    if (errors.length) {
      throw UseCaseError.conflict('these lines pay claims that are no longer APPROVED; nothing was applied', {
        type: 'claim-not-approved',
        errors,
        extensions: { lines: [...refused.values()] },
      });
    }
  }

  private async paid(manager: EntityManager, line: PayoutLineRecord, today: string, now: Date, caller: Caller): Promise<PendingEvent[]> {
    // Locked and checked APPROVED before anything was written (refuseUnpayable).
    const claim = (await this.claims.find(manager, line.claimId, true))!;
    await this.claims.update(manager, claim.id, { status: 'PAID', paidOn: today, paidAmount: line.amount, latePenalty: line.latePenalty });
    await this.audit.append(manager, {
      claimId: claim.id,
      at: now,
      actor: caller,
      action: 'PAID',
      fromStatus: 'APPROVED',
      toStatus: 'PAID',
      details: { batchId: line.batchId, lineId: line.id, amount: line.amount, latePenalty: line.latePenalty },
    });
    return [
      {
        definition: EVENTS.ClaimPaid,
        subject: claim.workerId,
        data: {
          claimId: claim.id,
          workerId: claim.workerId,
          type: claim.type,
          kind: claim.kind,
          amount: line.amount,
          latePenalty: line.latePenalty,
          paidOn: today,
          components: line.components.map((c) => ({ name: c.name, amount: c.amount })),
          incidentDate: claim.incidentDate,
        },
      },
    ];
  }

  /** A refund line paid: its claim was paid before and stays as it is; the trail says the refunds reached the payee. */
  private async refundPaid(manager: EntityManager, line: PayoutLineRecord, now: Date, caller: Caller): Promise<void> {
    await this.audit.append(manager, {
      claimId: line.claimId,
      at: now,
      actor: caller,
      action: 'CONTRIBUTION_REFUND_PAID',
      details: { batchId: line.batchId, lineId: line.id, amount: line.refundAmount },
    });
  }

  private async failed(manager: EntityManager, line: PayoutLineRecord, reason: string, now: Date, caller: Caller): Promise<void> {
    // A refund line's claim is paid already: nothing to hold; its refunds are owed again, for the next batch.
    if (line.kind === 'CLAIM') await this.claims.update(manager, line.claimId, { payoutHold: 'BANK_ACCOUNT_REJECTED' });
    await this.audit.append(manager, {
      claimId: line.claimId,
      at: now,
      actor: caller,
      action: 'PAYOUT_FAILED',
      reason,
      details: { batchId: line.batchId, lineId: line.id, ...(line.kind === 'CLAIM' ? {} : { kind: line.kind }) },
    });
  }
}
