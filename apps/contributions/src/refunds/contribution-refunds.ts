import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENTS, type ContributionRefundedV1, type EventEnvelope } from '@jaring/contracts';
import type { Clock, Payer } from '@jaring/domain';
import { Outbox, type PendingEvent } from '@jaring/messaging';
import { CLOCK } from '@jaring/platform';
import type { ClosingReason, RefundPart } from '../domain/invoice-closing';
import { LedgerAccounts, refundJournal } from '../domain/ledger';
import { insertJournalsSql, journalLineColumns } from '../ledger/journal-insert';

/** One payer's part of an invoice to give back, with the payment it came with. */
export interface RefundToMake extends RefundPart {
  /** The end of the membership (a death, a leaving, a lapse) that closed the month it was paid for. */
  reason: ClosingReason;
  invoiceId: string;
  workerId: string;
  period: string;
  payer: Payer;
  /** The payment the part was paid with: a channel payment, or a funder's (whose id is its authorisation's). */
  paymentId: string;
  sponsorshipId: string | null;
  /** The sponsor's part: the funder whose ledger account takes it back. */
  funderId: string | null;
  causedBy?: EventEnvelope;
}

/**
 * Refunds (docs/rules.md, refunds: of the months the end of a membership closes), in the caller's transaction: a
 * row per part (`contribution_refunds`, never two for the same part of an invoice: a refund already made is
 * skipped), a balanced journal per refund (its id the refund's: the funds give the part back to the funder's
 * account or to the worker's, where claims pays it with the death claim) and `contributions.contribution.refunded`
 * per refund through the outbox.
 */
@Injectable()
export class ContributionRefunds {
  constructor(
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Makes the refunds not made yet; returns those it made. */
  async refund(manager: EntityManager, refunds: RefundToMake[]): Promise<Array<RefundToMake & { refundId: string }>> {
    if (!refunds.length) return [];
    const now = this.clock.now().toISOString();
    const planned = refunds.map((r) => ({ ...r, refundId: randomUUID() }));
    const made = new Set(
      (
        await manager.query<Array<{ id: string }>>(
          `INSERT INTO contribution_refunds (id, invoice_id, worker_id, period, part, payer, amount, reason, payment_id, sponsorship_id, authorisation_id, funder_id, refunded_at)
           SELECT r.id, r.invoice_id, r.worker_id, r.period, r.part, r.payer, r.amount, r.reason, r.payment_id, r.sponsorship_id,
                  CASE WHEN r.part = 'SPONSOR' THEN r.payment_id END, r.funder_id, $11::timestamptz
             FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::uuid[], $9::uuid[], $10::uuid[], $12::text[])
                  AS r(id, invoice_id, worker_id, period, part, payer, amount, payment_id, sponsorship_id, funder_id, reason)
           ON CONFLICT (invoice_id, part) DO NOTHING RETURNING id`,
          [
            planned.map((r) => r.refundId),
            planned.map((r) => r.invoiceId),
            planned.map((r) => r.workerId),
            planned.map((r) => r.period),
            planned.map((r) => r.part),
            planned.map((r) => r.payer),
            planned.map((r) => r.amount),
            planned.map((r) => r.paymentId),
            planned.map((r) => r.sponsorshipId),
            planned.map((r) => r.funderId),
            now,
            planned.map((r) => r.reason),
          ],
        )
      ).map((row) => row.id),
    );
    const done = planned.filter((r) => made.has(r.refundId));
    if (!done.length) return [];
    const journals = done.map((r) =>
      refundJournal(r.refundId, r.part === 'SPONSOR' ? LedgerAccounts.funder(r.funderId!) : LedgerAccounts.worker(r.workerId), r.lines),
    );
    await manager.query(
      insertJournalsSql(`(SELECT id, 'REFUND' AS kind FROM unnest($1::uuid[]) AS id) AS j`, '$2::timestamptz', ['$3', '$4', '$5', '$6']),
      [journals.map((j) => j.id), now, ...journalLineColumns(journals)],
    );
    await this.outbox.publishAll(manager, done.map(refundedEvent));
    return done;
  }
}

function refundedEvent(refund: RefundToMake & { refundId: string }): PendingEvent<ContributionRefundedV1> {
  const data: ContributionRefundedV1 = {
    refundId: refund.refundId,
    invoiceId: refund.invoiceId,
    workerId: refund.workerId,
    period: refund.period,
    payer: refund.payer,
    amount: refund.amount,
    reason: refund.reason,
    ...(refund.part === 'SPONSOR' && refund.sponsorshipId
      ? { sponsorshipId: refund.sponsorshipId, authorisationId: refund.paymentId }
      : {}),
  };
  return { definition: EVENTS.ContributionRefunded, subject: refund.workerId, data, causedBy: refund.causedBy };
}
