import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENTS, type EventEnvelope, type InvoicePaidV1 } from '@jaring/contracts';
import { type Clock, Period, type Payer } from '@jaring/domain';
import { Outbox, type PendingEvent } from '@jaring/messaging';
import { CLOCK } from '@jaring/platform';
import { CoverageUpdater, type NewlyPaid } from '../coverage/coverage-updater';
import { addLines, channelPaymentJournal, funderPaymentJournal, type Journal } from '../domain/ledger';
import { money, returnedRows } from '../shared/sql-values';

/** One recorded payment and the invoice parts it settles. */
export interface PaymentToSettle {
  paymentId: string;
  workerId: string;
  paidBy: Payer;
  source: { kind: 'CHANNEL'; channel: string } | { kind: 'FUNDER'; funderId: string };
  /** Whole parts only: a worker's part is all the lines the sponsor does not pay, a sponsor's part all the others. */
  portions: Array<{ invoiceId: string; amount: number }>;
  causedBy?: EventEnvelope;
}

interface InvoiceRow {
  id: string;
  worker_id: string;
  period: string;
  amount: string;
  status: string;
  lines: Array<{ program: string; amount: number }>;
  sponsored_programs: string[];
}

/**
 * Applies recorded payments to invoices, in the caller's transaction: adds each part to the invoice
 * (CHECK constraints refuse paying beyond what is owed), records the allocation, posts a balanced
 * journal per payment (channel or funder → programme funds), announces invoices that became PAID and
 * moves coverage. Batch-shaped, so one funder batch of thousands of authorisations is a few statements.
 * The caller has locked the workers' accounts first (lock order: account, then invoices).
 */
@Injectable()
export class Settlement {
  constructor(
    private readonly outbox: Outbox,
    private readonly coverage: CoverageUpdater,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async settle(manager: EntityManager, payments: PaymentToSettle[]): Promise<void> {
    if (!payments.length) return;
    const now = this.clock.now().toISOString();
    const perInvoice = new Map<string, { worker: number; sponsor: number; payment: PaymentToSettle }>();
    for (const payment of payments) {
      for (const portion of payment.portions) {
        const entry = perInvoice.get(portion.invoiceId) ?? { worker: 0, sponsor: 0, payment };
        if (payment.source.kind === 'CHANNEL') entry.worker += portion.amount;
        else entry.sponsor += portion.amount;
        entry.payment = payment;
        perInvoice.set(portion.invoiceId, entry);
      }
    }
    const ids = [...perInvoice.keys()];
    const updated = returnedRows<InvoiceRow>(await manager.query(
      `UPDATE invoices i
          SET worker_paid = i.worker_paid + d.worker, sponsor_paid = i.sponsor_paid + d.sponsor,
              status = CASE WHEN i.worker_paid + d.worker + i.sponsor_paid + d.sponsor = i.amount THEN 'PAID' ELSE i.status END,
              paid_at = CASE WHEN i.worker_paid + d.worker + i.sponsor_paid + d.sponsor = i.amount THEN $4::timestamptz ELSE NULL END
         FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS d(id, worker, sponsor)
        WHERE i.id = d.id AND i.status IN ('ISSUED', 'OVERDUE')
       RETURNING i.id, i.worker_id, i.period, i.amount, i.status, i.lines, i.sponsored_programs`,
      [ids, ids.map((id) => perInvoice.get(id)!.worker), ids.map((id) => perInvoice.get(id)!.sponsor), now],
    ));
    if (updated.length !== ids.length) throw new Error(`settlement: ${ids.length - updated.length} invoice(s) were no longer open`);
    const invoices = new Map(updated.map((row) => [row.id, row]));

    await this.record(manager, payments, invoices, now);

    const events: PendingEvent[] = [];
    const newlyPaid: NewlyPaid[] = [];
    for (const row of updated) {
      if (row.status !== 'PAID') continue;
      const { payment } = perInvoice.get(row.id)!;
      const paid: PendingEvent<InvoicePaidV1> = {
        definition: EVENTS.InvoicePaid,
        subject: row.worker_id,
        data: { invoiceId: row.id, workerId: row.worker_id, period: row.period, amount: money(row.amount), paymentId: payment.paymentId, paidBy: payment.paidBy },
        causedBy: payment.causedBy,
      };
      events.push(paid);
      newlyPaid.push({ workerId: row.worker_id, periods: [Period.parse(row.period)], programs: new Set(row.lines.map((l) => l.program)), causedBy: payment.causedBy });
    }
    events.push(...(await this.coverage.afterPaid(manager, newlyPaid)));
    await this.outbox.publishAll(manager, events);
  }

  /**
   * The allocations and each payment's balanced journal, in one statement: a funder's batch of thousands
   * of payments, or one worker's payment over HTTP, is one round trip to PostgreSQL either way.
   */
  private async record(manager: EntityManager, payments: PaymentToSettle[], invoices: Map<string, InvoiceRow>, postedAt: string): Promise<void> {
    const allocations = payments.flatMap((p) => p.portions.map((portion) => ({ paymentId: p.paymentId, ...portion, period: invoices.get(portion.invoiceId)!.period })));
    const journals = payments.map((payment) => this.journalOf(payment, invoices));
    const entries = journals.flatMap((j) => j.entries.map((e, line) => ({ journal: j.id, line, ...e })));
    await manager.query(
      `WITH allocations AS (
         INSERT INTO payment_allocations (payment_id, invoice_id, period, amount)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[])
       ), journals AS (
         INSERT INTO ledger_journals (id, kind, posted_at) SELECT id, kind, $7::timestamptz FROM unnest($5::uuid[], $6::text[]) AS j(id, kind)
       )
       INSERT INTO ledger_entries (journal_id, line, account, amount) SELECT * FROM unnest($8::uuid[], $9::int[], $10::text[], $11::bigint[])`,
      [
        allocations.map((r) => r.paymentId), allocations.map((r) => r.invoiceId), allocations.map((r) => r.period), allocations.map((r) => r.amount),
        journals.map((j) => j.id), journals.map((j) => j.kind), postedAt,
        entries.map((e) => e.journal), entries.map((e) => e.line), entries.map((e) => e.account), entries.map((e) => e.amount),
      ],
    );
  }

  /** The programme funds a payment pays into: the invoice lines of its party (worker or sponsor), whole. */
  private journalOf(payment: PaymentToSettle, invoices: Map<string, InvoiceRow>): Journal {
    const byProgram = new Map<string, number>();
    for (const portion of payment.portions) {
      const invoice = invoices.get(portion.invoiceId)!;
      const sponsorPart = payment.source.kind === 'FUNDER';
      const lines = invoice.lines.filter((l) => invoice.sponsored_programs.includes(l.program) === sponsorPart);
      const linesTotal = lines.reduce((a, l) => a + l.amount, 0);
      if (linesTotal !== portion.amount) {
        throw new Error(`settlement: invoice ${invoice.id} part of ${portion.amount} is not its ${sponsorPart ? 'sponsored' : 'own'} lines (${linesTotal})`);
      }
      addLines(byProgram, lines);
    }
    return payment.source.kind === 'CHANNEL'
      ? channelPaymentJournal(payment.paymentId, payment.source.channel, payment.workerId, byProgram)
      : funderPaymentJournal(payment.paymentId, payment.source.funderId, byProgram);
  }
}
