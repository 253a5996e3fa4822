import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, SubsidyPaymentAuthorisedV1 } from '@jaring/contracts';
import { type Clock, payerOfFunderType } from '@jaring/domain';
import { CLOCK, rupiah } from '@jaring/platform';
import type { AccountState } from '../accounts/coverage-updater';
import { addLines, funderPaymentJournal } from '../domain/ledger';
import { insertJournalsSql, journalLineColumns } from '../ledger/journal-insert';
import { type ClosingReason, isClosingReason } from '../domain/invoice-closing';
import { ContributionRefunds } from '../refunds/contribution-refunds';
import { invoiceToSettle, type InvoiceToSettleRow, Settlement } from '../payments/settlement';

interface InvoiceRow extends InvoiceToSettleRow {
  sponsorship_id: string | null;
  sponsored_amount: string;
  sponsor_paid: string;
  funder_id: string | null;
  void_reason: string | null;
}

interface AccountRow {
  worker_id: string;
  status: string;
  billing_from: string;
  paid_through: string | null;
}

/** An authorisation that cannot be applied: the consumer dead-letters its event with this reason. */
export class UnpayableAuthorisation extends Error {
  override readonly name = 'UnpayableAuthorisation';
}

/**
 * subsidies.subsidy.payment-authorised → a payment from the funder of the sponsored part of one invoice
 * (docs/design.md, "A worker's life as events"), batch by batch. Idempotent twice over: the inbox drops a redelivered event, and the
 * payment's id IS the authorisation id (a re-sent authorisation with a new event id is recorded once).
 * An authorisation that does not match its invoice (unknown, voided, another sponsorship, not exactly
 * the sponsored amount) is refused whole: the event goes to the dead-letter topic with the reason. One for
 * an invoice voided or refunded because the membership ended (a death, a leaving, a lapse) is recorded and
 * refunded at once (`refundAtOnce`).
 */
@Injectable()
export class ApplyFunderPaymentsHandler {
  private readonly logger = new Logger('FunderPayments');

  constructor(
    private readonly settlement: Settlement,
    private readonly refunds: ContributionRefunds,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async apply(manager: EntityManager, events: Array<EventEnvelope<SubsidyPaymentAuthorisedV1>>): Promise<void> {
    const authorisations = [...new Map(events.map((e) => [e.data.authorisationId, e])).values()];
    const workerIds = [...new Set(authorisations.map((e) => e.data.workerId))].sort();
    // Locked, and read: the settlement moves their coverage. Every change to an invoice's payments or status
    // but OVERDUE (payments, sponsorship grants, lapse, deregistration) locks its account first, so the
    // invoices read below stay as read without a lock of their own (one tuple lock written per payment
    // fewer); the settlement's write fails by itself if they did not.
    const accounts = await manager.query<AccountRow[]>(
      'SELECT worker_id, status, billing_from, paid_through FROM accounts WHERE worker_id = ANY($1::uuid[]) ORDER BY worker_id FOR UPDATE',
      [workerIds],
    );
    const known = new Set(
      (
        await manager.query<Array<{ id: string }>>('SELECT id FROM payments WHERE id = ANY($1::uuid[])', [
          authorisations.map((e) => e.data.authorisationId),
        ])
      ).map((r) => r.id),
    );
    const pending = authorisations.filter((e) => !known.has(e.data.authorisationId));
    if (!pending.length) return;

    const invoices = new Map(
      (
        await manager.query<InvoiceRow[]>(
          `SELECT i.id, i.worker_id, i.period, i.amount, i.status, i.sponsorship_id, i.sponsored_amount, i.sponsor_paid,
                i.amount - i.worker_paid - i.sponsor_paid AS outstanding, i.lines, i.sponsored_programs, s.funder_id, i.void_reason
           FROM invoices i LEFT JOIN sponsorships s ON s.sponsorship_id = i.sponsorship_id
          WHERE i.id = ANY($1::uuid[])`,
          [pending.map((e) => e.data.invoiceId)],
        )
      ).map((row) => [row.id, row]),
    );
    // An invoice id this service never issued cannot be a payment owed to it (invoice.issued only leaves
    // after its invoice is committed): such an authorisation is not ours to apply, and is logged and skipped.
    const ours = pending.filter((event) => invoices.has(event.data.invoiceId));
    if (ours.length < pending.length) {
      const skipped = pending.filter((event) => !invoices.has(event.data.invoiceId));
      this.logger.warn({
        message: 'payment authorisations for unknown invoices skipped',
        count: skipped.length,
        first: skipped[0].data.authorisationId,
      });
    }
    for (const event of ours) this.check(event.data, invoices.get(event.data.invoiceId));
    // A month closed by the end of the membership (a death, a leaving, a lapse), paid by a sponsor that had not
    // heard of it yet: taken and given back.
    const closed = ours.filter((e) => closedFor(invoices.get(e.data.invoiceId)!) !== undefined);
    await this.refundAtOnce(manager, closed, invoices);
    const payable = ours.filter((e) => !closed.includes(e));
    if (!payable.length) return;

    // The payments' rows are written by the settlement's own statement, from the rows read here under
    // lock (the settlement needs no read of its own).
    const receivedAt = this.clock.now().toISOString();
    await this.settlement.settle(
      manager,
      payable.map((e) => ({
        paymentId: e.data.authorisationId,
        workerId: e.data.workerId,
        paidBy: payerOfFunderType(e.data.funderType),
        source: { kind: 'FUNDER' as const, funderId: invoices.get(e.data.invoiceId)!.funder_id! },
        portions: [{ invoiceId: e.data.invoiceId, amount: e.data.amount }],
        causedBy: e,
        row: { amount: e.data.amount, receivedAt, sponsorshipId: e.data.sponsorshipId },
      })),
      {
        invoices: payable.map((e) => invoiceToSettle(invoices.get(e.data.invoiceId)!)),
        accounts: accounts.map((a): AccountState => ({
          workerId: a.worker_id,
          status: a.status,
          billingFrom: a.billing_from,
          paidThrough: a.paid_through,
        })),
      },
    );
  }

  /**
   * Authorisations of invoices voided or refunded because the membership ended (a death, a leaving, a lapse:
   * docs/rules.md, refunds): the money is not kept and not lost. The payment is recorded (its id the
   * authorisation's, so a re-sent one is recorded once) with its journal funder → funds, and refunded in the same
   * transaction (funds → funder, `contributions.contribution.refunded` with the end's reason, which subsidies
   * credits back to the programme's budget). The invoice stays as the end left it: nothing is applied to it.
   */
  private async refundAtOnce(
    manager: EntityManager,
    events: Array<EventEnvelope<SubsidyPaymentAuthorisedV1>>,
    invoices: ReadonlyMap<string, InvoiceRow>,
  ): Promise<void> {
    if (!events.length) return;
    const receivedAt = this.clock.now().toISOString();
    const journals = events.map((e) => {
      const invoice = invoices.get(e.data.invoiceId)!;
      return funderPaymentJournal(e.data.authorisationId, invoice.funder_id!, addLines(new Map(), sponsoredLinesOf(invoice)));
    });
    await manager.query(
      `WITH recorded AS (
         INSERT INTO payments (id, worker_id, amount, source, paid_by, authorisation_id, sponsorship_id, funder_id, received_at)
         SELECT id, worker_id, amount, 'FUNDER', paid_by, id, sponsorship_id, funder_id, $7::timestamptz
           FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::uuid[], $6::uuid[]) AS p(id, worker_id, amount, paid_by, sponsorship_id, funder_id)
       )
       ${insertJournalsSql(`(SELECT id, 'FUNDER_PAYMENT' AS kind FROM unnest($1::uuid[]) AS id) AS j`, '$7::timestamptz', ['$8', '$9', '$10', '$11'])}`,
      [
        events.map((e) => e.data.authorisationId),
        events.map((e) => e.data.workerId),
        events.map((e) => e.data.amount),
        events.map((e) => payerOfFunderType(e.data.funderType)),
        events.map((e) => e.data.sponsorshipId),
        events.map((e) => invoices.get(e.data.invoiceId)!.funder_id),
        receivedAt,
        ...journalLineColumns(journals),
      ],
    );
    const made = await this.refunds.refund(
      manager,
      events.map((e) => {
        const invoice = invoices.get(e.data.invoiceId)!;
        return {
          part: 'SPONSOR' as const,
          amount: e.data.amount,
          lines: sponsoredLinesOf(invoice),
          invoiceId: invoice.id,
          workerId: e.data.workerId,
          period: invoice.period,
          payer: payerOfFunderType(e.data.funderType),
          paymentId: e.data.authorisationId,
          sponsorshipId: e.data.sponsorshipId,
          funderId: invoice.funder_id,
          reason: closedFor(invoice)!,
          causedBy: e,
        };
      }),
    );
    if (made.length !== events.length) {
      // The sponsor's part of one of these invoices was refunded already: a second authorisation of it.
      throw new UnpayableAuthorisation(
        `${events.length - made.length} authorisation(s) of an invoice whose sponsor's part was refunded already`,
      );
    }
  }

  private check(data: SubsidyPaymentAuthorisedV1, invoice: InvoiceRow | undefined): void {
    const refuse = (reason: string) => {
      throw new UnpayableAuthorisation(`authorisation ${data.authorisationId} for invoice ${data.invoiceId}: ${reason}`);
    };
    if (!invoice) return refuse('no such invoice');
    if (invoice.worker_id !== data.workerId) refuse('the invoice is another worker’s');
    if (invoice.sponsorship_id !== data.sponsorshipId) refuse(`the invoice is not sponsored by sponsorship ${data.sponsorshipId}`);
    if (!['ISSUED', 'OVERDUE'].includes(invoice.status) && !closedFor(invoice)) refuse(`the invoice is ${invoice.status}`);
    const owed = rupiah(invoice.sponsored_amount) - rupiah(invoice.sponsor_paid);
    if (owed !== data.amount) refuse(`the sponsor owes ${owed} on it, not ${data.amount}`);
    if (!invoice.funder_id) refuse('the sponsorship is unknown');
  }
}

/**
 * Why an invoice can no longer be paid, when its sponsor's money is still to be taken and given back: the
 * membership ended (a death, a leaving, a lapse) and closed its month. An invoice voided because a sponsored one
 * replaced it is refused: the sponsor pays the new one.
 */
function closedFor(invoice: InvoiceRow): ClosingReason | undefined {
  return isClosingReason(invoice.void_reason) ? invoice.void_reason : undefined;
}

/** The invoice's sponsored lines: what its sponsor pays, whole. */
function sponsoredLinesOf(invoice: InvoiceRow): Array<{ program: string; amount: number }> {
  return invoice.lines.filter((l) => invoice.sponsored_programs.includes(l.program) && l.amount > 0);
}
