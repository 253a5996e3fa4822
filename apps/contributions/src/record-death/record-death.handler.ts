import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, WorkerDiedV1 } from '@jaring/contracts';
import { type Clock, parsePayer } from '@jaring/domain';
import { CLOCK, rupiah } from '@jaring/platform';
import { invoiceOnDeath, lastMonthOfLife, type RefundPart } from '../domain/death-rules';
import { ContributionRefunds, type RefundToMake } from '../refunds/contribution-refunds';

interface InvoiceRow {
  id: string;
  period: string;
  status: string;
  lines: Array<{ program: string; amount: number }>;
  sponsored_programs: string[];
  worker_paid: string;
  sponsor_paid: string;
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
 * A worker died (docs/rules.md, refund): the account becomes DECEASED with the date of death, and nothing is
 * billed after the month of death (billing and arrears runs take open accounts only; the invoice issuer bills
 * no later period; payments are refused). Invoices of later periods: voided (`WORKER_DIED`) when nothing was
 * paid on them, else `REFUNDED`, each payer's part given back to its payer (`ContributionRefunds`).
 *
 * Idempotent: the inbox drops a redelivered event, and a second record of the death (another event id, a
 * back-office record after the claim's) finds the account DECEASED and changes nothing: the first date stands.
 */
@Injectable()
export class RecordDeathHandler {
  private readonly logger = new Logger('Deaths');

  constructor(
    private readonly refunds: ContributionRefunds,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, event: EventEnvelope<WorkerDiedV1>): Promise<void> {
    const { workerId, diedOn } = event.data;
    // The account first, then its invoices: the lock order of payments, grants and billing.
    const [account] = await manager.query<Array<{ status: string }>>('SELECT status FROM accounts WHERE worker_id = $1 FOR UPDATE', [
      workerId,
    ]);
    if (!account) {
      this.logger.warn({ message: 'death of a worker with no contribution account skipped', workerId, eventId: event.id });
      return;
    }
    if (account.status === 'DECEASED') return;

    const lastMonth = lastMonthOfLife(diedOn).toString();
    const now = this.clock.now().toISOString();
    const invoices = await manager.query<InvoiceRow[]>(
      `SELECT id, period, status, lines, sponsored_programs, worker_paid, sponsor_paid FROM invoices
        WHERE worker_id = $1 AND period > $2 AND status IN ('ISSUED', 'OVERDUE', 'PAID') ORDER BY period FOR UPDATE`,
      [workerId, lastMonth],
    );
    const decided = invoices.map((row) => ({
      row,
      outcome: invoiceOnDeath(
        {
          period: row.period,
          status: row.status,
          lines: row.lines,
          sponsoredPrograms: row.sponsored_programs,
          workerPaid: rupiah(row.worker_paid),
          sponsorPaid: rupiah(row.sponsor_paid),
        },
        diedOn,
      ),
    }));
    const voided = decided.filter((d) => d.outcome.action === 'VOID').map((d) => d.row.id);
    const refunded = decided.flatMap((d) => (d.outcome.action === 'REFUND' ? [{ row: d.row, parts: d.outcome.parts }] : []));
    await manager.query(
      `UPDATE invoices SET status = CASE WHEN id = ANY($1::uuid[]) THEN 'VOID' ELSE 'REFUNDED' END, voided_at = $3, void_reason = 'WORKER_DIED'
        WHERE id = ANY($1::uuid[]) OR id = ANY($2::uuid[])`,
      [voided, refunded.map((r) => r.row.id), now],
    );
    await this.refunds.refund(manager, await this.refundsOf(manager, workerId, refunded, event));
    await manager.query(
      `UPDATE accounts a SET status = 'DECEASED', died_on = $2, lapses_on = NULL, updated_at = now(),
              paid_through = CASE WHEN a.paid_through > $3 THEN
                (SELECT max(period) FROM invoices i WHERE i.worker_id = a.worker_id AND i.status = 'PAID' AND i.period BETWEEN a.billing_from AND $3)
                ELSE a.paid_through END
        WHERE a.worker_id = $1`,
      [workerId, diedOn, lastMonth],
    );
  }

  /** Each part with the payment that paid it (a part is paid whole, by one payment: a channel's or a funder's). */
  private async refundsOf(
    manager: EntityManager,
    workerId: string,
    refunded: Array<{ row: InvoiceRow; parts: RefundPart[] }>,
    event: EventEnvelope,
  ): Promise<RefundToMake[]> {
    if (!refunded.length) return [];
    const payments = await manager.query<PaymentOfInvoice[]>(
      `SELECT a.invoice_id, p.id AS payment_id, p.source, p.paid_by, p.sponsorship_id, p.funder_id
         FROM payment_allocations a JOIN payments p ON p.id = a.payment_id WHERE a.invoice_id = ANY($1::uuid[])`,
      [refunded.map((r) => r.row.id)],
    );
    return refunded.flatMap(({ row, parts }) =>
      parts.map((part): RefundToMake => {
        const source = part.part === 'SPONSOR' ? 'FUNDER' : 'CHANNEL';
        const payment = payments.find((p) => p.invoice_id === row.id && p.source === source);
        if (!payment) throw new Error(`invoice ${row.id}: no ${source.toLowerCase()} payment for its ${part.part.toLowerCase()} part`);
        return {
          ...part,
          invoiceId: row.id,
          workerId,
          period: row.period,
          payer: parsePayer(payment.paid_by),
          paymentId: payment.payment_id,
          sponsorshipId: payment.sponsorship_id,
          funderId: payment.funder_id,
          causedBy: event,
        };
      }),
    );
  }
}
