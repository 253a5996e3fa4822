import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENTS } from '@jaring/contracts';
import { todayOf, UseCaseError, type Clock } from '@jaring/domain';
import { Outbox, type PendingEvent } from '@jaring/messaging';
import { CLOCK, Idempotency, type Caller, type FieldError, type IdempotentOutcome, type IdempotentRequest } from '@jaring/platform';
import { AuditTrail } from '../claims/audit-trail';
import type { ClaimRecord, ClaimStatus } from '../claims/claim-record';
import { ClaimRepository } from '../claims/claim.repository';
import { effectOfAnswer } from '../domain/bank-answer';
import { resultsImportRefusal } from '../domain/four-eyes';
import { ClaimsLedger, LEDGER_ACCOUNTS, type LedgerEntry } from '../payouts/claims-ledger';
import { batchView, type PayoutBatchView, type PayoutLineRecord } from '../payouts/payout-records';
import { PayoutsRepository } from '../payouts/payouts.repository';
import { jsonField, type ResultFieldNamer } from './bank-results-body';
import type { BankResultLineDto } from './record-bank-results.dto';

export type LineOutcome = 'PAID' | 'FAILED' | 'RETURNED' | 'ALREADY_APPLIED';

export interface BankResultsAnswer {
  batchId: string;
  applied: number;
  unchanged: number;
  lines: Array<{ lineId: string; outcome: LineOutcome }>;
  batch: PayoutBatchView;
}

type Work = { result: BankResultLineDto; line: PayoutLineRecord; apply: boolean };

/**
 * Applies the bank's answer per line, once (domain/bank-answer.ts): a PENDING line becomes PAID (reserved →
 * claimant in the ledger, the claim PAID, `claims.payout.succeeded` and `claims.claim.paid`) or FAILED (reserved →
 * back to the fund, the claim held until its bank account is corrected, `claims.payout.failed`); a PAID line may
 * be RETURNED (claimant → back to the fund, the claim APPROVED again and held until its bank account is corrected,
 * `claims.payout.returned` and `claims.claim.payment-returned`). A line already answered the same way is left
 * alone, so a repeated import pays or reverses nothing twice; a return of a line never paid, an answer
 * contradicting an earlier one, or one for a claim no longer in the status it needs is a 409 and nothing of the
 * import is written. Four eyes: the batch's maker may not import its results (403 `maker-checker-batch`). The
 * batch row is locked: imports of one batch run one after the other. Each import is in the batch's own record.
 */
@Injectable()
export class RecordBankResultsHandler {
  constructor(
    private readonly idempotency: Idempotency,
    private readonly payouts: PayoutsRepository,
    private readonly claims: ClaimRepository,
    private readonly ledger: ClaimsLedger,
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
    const refusal = resultsImportRefusal(batch.createdBy, caller.subject);
    if (refusal) throw UseCaseError.forbidden(refusal.detail, { type: refusal.type });
    const lines = new Map((await this.payouts.lines(manager, batchId, true)).map((l) => [l.id, l]));
    const work = this.plan(results, lines, fieldOf);
    await this.refuseClaimsMovedOn(manager, work, fieldOf, results);

    const now = this.clock.now();
    const today = todayOf(this.clock);
    const entries: LedgerEntry[] = [];
    const events: PendingEvent[] = [];
    const outcomes: BankResultsAnswer['lines'] = [];
    for (const { result, line, apply } of work) {
      if (!apply) {
        outcomes.push({ lineId: line.id, outcome: 'ALREADY_APPLIED' });
        continue;
      }
      const payout = { payoutId: line.id, batchId, claimId: line.claimId, workerId: line.workerId, amount: line.amount };
      const entry = (kind: string, debit: string, credit: string): LedgerEntry => ({
        id: `${kind}:${line.id}`,
        batchId,
        lineId: line.id,
        debit,
        credit,
        amount: line.amount,
      });
      if (result.status === 'RETURNED') {
        await this.payouts.returnLine(manager, line.id, now, result.reason!);
        // the transfer reversed: the money is back in the fund, to be reserved again by the batch that pays it
        entries.push(entry('return', LEDGER_ACCOUNTS.claimsFund, LEDGER_ACCOUNTS.paid));
        events.push(...(await this.returned(manager, line, result.reason!, today, now, caller)));
        events.push({ definition: EVENTS.PayoutReturned, subject: line.workerId, data: { ...payout, returnReason: result.reason } });
      } else {
        await this.payouts.answerLine(
          manager,
          line.id,
          result.status,
          now,
          result.status === 'FAILED' ? result.reason! : null,
          result.bankReference ?? null,
        );
        if (result.status === 'PAID') {
          entries.push(entry('settle', LEDGER_ACCOUNTS.paid, LEDGER_ACCOUNTS.reserved));
          events.push(...(await this.paid(manager, line, today, now, caller)));
          events.push({ definition: EVENTS.PayoutSucceeded, subject: line.workerId, data: payout });
        } else {
          entries.push(entry('release', LEDGER_ACCOUNTS.claimsFund, LEDGER_ACCOUNTS.reserved));
          await this.failed(manager, line, result.reason!, now, caller);
          events.push({ definition: EVENTS.PayoutFailed, subject: line.workerId, data: { ...payout, failureReason: result.reason } });
        }
      }
      outcomes.push({ lineId: line.id, outcome: result.status });
    }
    await this.ledger.post(manager, entries, now);
    await this.outbox.publishAll(manager, events);
    await this.payouts.settleIfAnswered(manager, batchId);

    const applied = outcomes.filter((o) => o.outcome !== 'ALREADY_APPLIED').length;
    const count = (outcome: LineOutcome) => outcomes.filter((o) => o.outcome === outcome).length;
    await this.payouts.appendTrail(manager, batchId, now, caller, 'RESULTS_IMPORTED', {
      applied,
      unchanged: outcomes.length - applied,
      paid: count('PAID'),
      failed: count('FAILED'),
      returned: count('RETURNED'),
    });
    return {
      batchId,
      applied,
      unchanged: outcomes.length - applied,
      lines: outcomes,
      batch: batchView(
        (await this.payouts.batch(manager, batchId))!,
        await this.payouts.lines(manager, batchId),
        await this.payouts.trail(manager, batchId),
      ),
    };
  }

  /**
   * Checks the whole import before writing anything: unknown lines are a 400; a return of a line never paid, and
   * answers contradicting earlier ones, are 409s. Errors name each result as it came (`fieldOf`:
   * `results.0.lineId` in JSON, `rows.1.line_id` in the bank's file).
   */
  private plan(results: readonly BankResultLineDto[], lines: ReadonlyMap<string, PayoutLineRecord>, fieldOf: ResultFieldNamer): Work[] {
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

    const effects = results.map((r) => effectOfAnswer(lines.get(r.lineId)!.status, r.status));
    const neverPaid = results.flatMap((r, i) => (effects[i] === 'never-paid' ? [{ result: r, i }] : []));
    if (neverPaid.length) {
      throw UseCaseError.conflict('the bank returns lines it never reported paid; nothing was applied', {
        type: 'payout-never-paid',
        errors: neverPaid.map(({ result, i }) => ({
          field: fieldOf(i, 'status'),
          reason: `line ${result.lineId} is ${lines.get(result.lineId)!.status}: only a line reported paid can be returned`,
        })),
        extensions: { lines: neverPaid.map(({ result }) => ({ lineId: result.lineId, status: lines.get(result.lineId)!.status })) },
      });
    }
    const contradictions = results.filter((_, i) => effects[i] === 'contradiction');
    if (contradictions.length) {
      throw UseCaseError.conflict('the bank already answered these lines otherwise; nothing was applied', {
        type: 'payout-already-answered',
        extensions: { lines: contradictions.map((r) => ({ lineId: r.lineId, status: lines.get(r.lineId)!.status })) },
      });
    }
    const unique = new Map(results.map((r, i) => [r.lineId, { result: r, apply: effects[i] === 'apply' }]));
    return [...unique.values()].map(({ result, apply }) => ({ result, line: lines.get(result.lineId)!, apply }));
  }

  /**
   * A line can be paid only while its claim is APPROVED, and returned only while its claim is PAID: no flow of the
   * service moves a claim with a transfer at the bank or paid, but a claim changed by other means (by hand in the
   * database) must not be paid over, reversed, or answered with a 500. The whole import is refused, before
   * anything is written, with a 409 naming each such line, so the back office can import the other lines and look
   * into these. The claims are locked here, for the rest of the import.
   */
  private async refuseClaimsMovedOn(
    manager: EntityManager,
    work: readonly Work[],
    fieldOf: ResultFieldNamer,
    results: readonly BankResultLineDto[],
  ): Promise<void> {
    const applied = work.filter((w) => w.apply && w.result.status !== 'FAILED');
    if (!applied.length) return;
    const statuses = await this.claims.lockStatuses(manager, [...new Set(applied.map((w) => w.line.claimId))]);
    for (const [answer, needed, type] of [
      ['PAID', 'APPROVED', 'claim-not-approved'],
      ['RETURNED', 'PAID', 'claim-not-paid'],
    ] as const) {
      const errors: FieldError[] = [];
      const refused = new Map<string, { lineId: string; claimId: string; claimStatus: string }>();
      for (const { line } of applied.filter((w) => w.result.status === answer)) {
        const claimStatus = statuses.get(line.claimId);
        if (claimStatus === undefined || claimStatus === needed) continue;
        const verb = answer === 'PAID' ? 'paid' : 'returned';
        errors.push({
          field: fieldOf(
            results.findIndex((r) => r.lineId === line.id),
            'status',
          ),
          reason: `the line's claim is ${claimStatus}, not ${needed}: it cannot be ${verb}`,
        });
        refused.set(line.id, { lineId: line.id, claimId: line.claimId, claimStatus });
      }
      if (errors.length) {
        throw UseCaseError.conflict(
          answer === 'PAID'
            ? 'these lines pay claims that are no longer APPROVED; nothing was applied'
            : 'these lines return payments of claims that are no longer PAID; nothing was applied',
          { type, errors, extensions: { lines: [...refused.values()] } },
        );
      }
    }
  }

  private async paid(manager: EntityManager, line: PayoutLineRecord, today: string, now: Date, caller: Caller): Promise<PendingEvent[]> {
    // Locked and checked APPROVED before anything was written (refuseClaimsMovedOn).
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
          ...claimOf(claim),
          amount: line.amount,
          latePenalty: line.latePenalty,
          paidOn: today,
          components: line.components.map((c) => ({ name: c.name, amount: c.amount })),
          incidentDate: claim.incidentDate,
        },
      },
    ];
  }

  private async failed(manager: EntityManager, line: PayoutLineRecord, reason: string, now: Date, caller: Caller): Promise<void> {
    await this.claims.update(manager, line.claimId, { payoutHold: 'BANK_ACCOUNT_REJECTED' });
    await this.audit.append(manager, {
      claimId: line.claimId,
      at: now,
      actor: caller,
      action: 'PAYOUT_FAILED',
      reason,
      details: { batchId: line.batchId, lineId: line.id },
    });
  }

  /** The claim back to APPROVED, unpaid, held until its bank account is corrected (which sends it to verification). */
  private async returned(
    manager: EntityManager,
    line: PayoutLineRecord,
    reason: string,
    today: string,
    now: Date,
    caller: Caller,
  ): Promise<PendingEvent[]> {
    // Locked and checked PAID before anything was written (refuseClaimsMovedOn).
    const claim = (await this.claims.find(manager, line.claimId, true))!;
    const status: ClaimStatus = 'APPROVED';
    await this.claims.update(manager, claim.id, {
      status,
      payoutHold: 'PAYMENT_RETURNED',
      paidOn: null,
      paidAmount: null,
      latePenalty: null,
    });
    await this.audit.append(manager, {
      claimId: claim.id,
      at: now,
      actor: caller,
      action: 'PAYMENT_RETURNED',
      fromStatus: 'PAID',
      toStatus: status,
      reason,
      details: { batchId: line.batchId, lineId: line.id, amount: line.amount, paidOn: claim.paidOn },
    });
    return [
      {
        definition: EVENTS.ClaimPaymentReturned,
        subject: claim.workerId,
        data: {
          ...claimOf(claim),
          amount: line.amount,
          paidOn: claim.paidOn!,
          returnedOn: today,
          reason,
        },
      },
    ];
  }
}

/** Which claim an event is about, as the claims' events name it. */
function claimOf(claim: ClaimRecord): { claimId: string; workerId: string; type: string; kind: string } {
  return { claimId: claim.id, workerId: claim.workerId, type: claim.type, kind: claim.kind };
}
