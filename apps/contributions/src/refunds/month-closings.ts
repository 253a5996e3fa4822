import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@jaring/contracts';
import { type Clock, parsePayer } from '@jaring/domain';
import { CLOCK, rowsOf, rupiah } from '@jaring/platform';
import { type ClosingReason, type InvoiceClosing, invoiceOnEnd, type MembershipEnd } from '../domain/invoice-closing';
import { ContributionRefunds, type RefundToMake } from './contribution-refunds';

interface InvoiceRow {
  id: string;
  worker_id: string;
  period: string;
  status: string;
  lines: Array<{ program: string; amount: number }>;
  sponsored_programs: string[];
  worker_paid: string;
  sponsor_paid: string;
}

interface ClosedInvoice {
  id: string;
  workerId: string;
  period: string;
  closing: InvoiceClosing;
}

interface PaymentOfInvoice {
  invoice_id: string;
  payment_id: string;
  source: 'CHANNEL' | 'FUNDER';
  paid_by: string;
  sponsorship_id: string | null;
  funder_id: string | null;
}

/**
 * The end of a membership (a death, a leaving, a lapse) closes the invoices that can no longer be paid
 * (docs/rules.md, refunds; `invoiceOnEnd`): `VOID` when nothing was paid on them, else `REFUNDED`, each paid
 * part given back to its payer (`ContributionRefunds`), with the end's reason as their `void_reason`. In the
 * caller's transaction, which holds the accounts' locks: every payment takes its account's lock first, so what was
 * paid stays as read.
 */
@Injectable()
export class MonthClosings {
  constructor(
    private readonly refunds: ContributionRefunds,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async close(manager: EntityManager, workerIds: readonly string[], end: MembershipEnd, causedBy?: EventEnvelope): Promise<void> {
    // The open invoices, and after a death or a leaving the paid ones after its month; `invoiceOnEnd` decides.
    // The statuses written out, so that a lapse reads the open invoices' own index.
    const select = 'SELECT id, worker_id, period, status, lines, sponsored_programs, worker_paid, sponsor_paid FROM invoices';
    const rows = await rowsOf<InvoiceRow>(
      manager,
      'lastMonth' in end
        ? `${select} WHERE worker_id = ANY($1::uuid[]) AND (status IN ('ISSUED', 'OVERDUE') OR (status = 'PAID' AND period > $2))
            ORDER BY worker_id, period FOR UPDATE`
        : `${select} WHERE worker_id = ANY($1::uuid[]) AND status IN ('ISSUED', 'OVERDUE') ORDER BY worker_id, period FOR UPDATE`,
      'lastMonth' in end ? [workerIds, end.lastMonth.toString()] : [workerIds],
    );
    const closed = rows.flatMap((row): ClosedInvoice[] => {
      const outcome = invoiceOnEnd(
        {
          period: row.period,
          status: row.status,
          lines: row.lines,
          sponsoredPrograms: row.sponsored_programs,
          workerPaid: rupiah(row.worker_paid),
          sponsorPaid: rupiah(row.sponsor_paid),
        },
        end,
      );
      return outcome.action === 'KEEP' ? [] : [{ id: row.id, workerId: row.worker_id, period: row.period, closing: outcome }];
    });
    if (!closed.length) return;
    const { reason } = end;
    const refunded = closed.filter((i) => i.closing.action === 'REFUND');
    await manager.query(
      `UPDATE invoices SET status = CASE WHEN id = ANY($2::uuid[]) THEN 'REFUNDED' ELSE 'VOID' END, voided_at = $3, void_reason = $4
        WHERE id = ANY($1::uuid[])`,
      [closed.map((i) => i.id), refunded.map((i) => i.id), this.clock.now().toISOString(), reason],
    );
    await this.refunds.refund(manager, await this.partsOf(manager, refunded, reason, causedBy));
  }

  /** Each part with the payment that paid it (a part is paid whole, by one payment: a channel's or a funder's). */
  private async partsOf(
    manager: EntityManager,
    refunded: ClosedInvoice[],
    reason: ClosingReason,
    causedBy: EventEnvelope | undefined,
  ): Promise<RefundToMake[]> {
    if (!refunded.length) return [];
    const payments = await manager.query<PaymentOfInvoice[]>(
      `SELECT a.invoice_id, p.id AS payment_id, p.source, p.paid_by, p.sponsorship_id, p.funder_id
         FROM payment_allocations a JOIN payments p ON p.id = a.payment_id WHERE a.invoice_id = ANY($1::uuid[])`,
      [refunded.map((i) => i.id)],
    );
    return refunded.flatMap((invoice) =>
      (invoice.closing.action === 'REFUND' ? invoice.closing.parts : []).map((part): RefundToMake => {
        const source = part.part === 'SPONSOR' ? 'FUNDER' : 'CHANNEL';
        const payment = payments.find((p) => p.invoice_id === invoice.id && p.source === source);
        if (!payment) throw new Error(`invoice ${invoice.id}: no ${source.toLowerCase()} payment for its ${part.part.toLowerCase()} part`);
        return {
          ...part,
          reason,
          invoiceId: invoice.id,
          workerId: invoice.workerId,
          period: invoice.period,
          payer: parsePayer(payment.paid_by),
          paymentId: payment.payment_id,
          sponsorshipId: payment.sponsorship_id,
          funderId: payment.funder_id,
          causedBy,
        };
      }),
    );
  }
}
