import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, WorkerDiedV1 } from '@jaring/contracts';
import { rupiah } from '@jaring/platform';
import { invoiceOnDeath, lastMonthOfLife } from '../domain/death-rules';
import { ContributionRefunds } from '../refunds/contribution-refunds';

interface InvoiceRow {
  id: string;
  period: string;
  status: string;
  lines: Array<{ program: string; amount: number }>;
  sponsored_programs: string[];
  worker_paid: string;
  sponsor_paid: string;
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

  constructor(private readonly refunds: ContributionRefunds) {}

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
    const closed = decided.flatMap(({ row, outcome }) =>
      outcome.action === 'KEEP' ? [] : [{ id: row.id, workerId, period: row.period, closing: outcome }],
    );
    await this.refunds.close(manager, closed, 'WORKER_DIED', event);
    await manager.query(
      `UPDATE accounts a SET status = 'DECEASED', died_on = $2, lapses_on = NULL, updated_at = now(),
              paid_through = CASE WHEN a.paid_through > $3 THEN
                (SELECT max(period) FROM invoices i WHERE i.worker_id = a.worker_id AND i.status = 'PAID' AND i.period BETWEEN a.billing_from AND $3)
                ELSE a.paid_through END
        WHERE a.worker_id = $1`,
      [workerId, diedOn, lastMonth],
    );
  }
}
