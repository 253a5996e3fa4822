import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENTS, type CoverageLapsedV1, type InvoiceOverdueV1 } from '@jaring/contracts';
import { type Clock, Period, todayOf } from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { type Actor, CLOCK, rowsOf, rupiah } from '@jaring/platform';
import { MonthClosings } from '../refunds/month-closings';
import type { RunRequest, RunTrigger } from '../runs/run-request';

const BATCH = 2_000;

export interface ArrearsRunResult {
  /** The run's row in `arrears_runs` (a scheduled run that changed nothing has none). */
  id: string;
  asOf: string;
  overdue: number;
  lapsed: number;
  trigger: RunTrigger;
  requestedBy: Actor;
}

/**
 * Arrears as of the clock's today, in batches (each batch and its events in one transaction; rows locked
 * by someone else are skipped and caught by the next run):
 * - an invoice still unpaid after its due date becomes OVERDUE (contributions.invoice.overdue);
 * - a member whose lapse date has come (docs/rules.md: more than 3 consecutive unpaid months) becomes LAPSED
 *   (contributions.coverage.lapsed); the open invoices of the lapsed membership can no longer be paid
 *   (re-joining starts from the current period), so they are closed: voided when nothing was paid on them,
 *   else refunded, each part paid (a sponsor's, or the worker's own) given back to its payer.
 */
@Injectable()
export class RunArrearsHandler {
  private readonly logger = new Logger('Arrears');

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly closings: MonthClosings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Runs the job and records who asked (`arrears_runs`): a run requested over HTTP from its start, so that
   * one failing half way still says who started it; a scheduled one (every minute) only when it changed something.
   */
  async run(request: RunRequest): Promise<ArrearsRunResult> {
    const id = randomUUID();
    const today = todayOf(this.clock);
    const startedAt = this.clock.now().toISOString();
    const onRecord = (changed: boolean) => request.trigger === 'HTTP' || changed;
    let overdue = 0;
    let lapsed = 0;
    if (onRecord(false)) await this.record({ id, asOf: today, request, startedAt, status: 'RUNNING', overdue, lapsed });
    try {
      for (let n = -1; n !== 0; overdue += n) n = await this.markOverdue(today);
      for (let n = -1; n !== 0; lapsed += n) n = await this.lapse(today);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (onRecord(overdue + lapsed > 0)) {
        await this.record({ id, asOf: today, request, startedAt, status: 'FAILED', overdue, lapsed, error: message }).catch(
          () => undefined,
        );
      }
      throw error;
    }
    if (overdue || lapsed) this.logger.log({ message: 'arrears evaluated', asOf: today, overdue, lapsed, trigger: request.trigger });
    if (onRecord(overdue + lapsed > 0)) await this.record({ id, asOf: today, request, startedAt, status: 'DONE', overdue, lapsed });
    return { id, asOf: today, overdue, lapsed, trigger: request.trigger, requestedBy: request.requestedBy };
  }

  /** Writes the run's row, or brings it up to date (one statement for the start and the end). */
  private async record(run: {
    id: string;
    asOf: string;
    request: RunRequest;
    startedAt: string;
    status: 'RUNNING' | 'DONE' | 'FAILED';
    overdue: number;
    lapsed: number;
    error?: string;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO arrears_runs (id, as_of, status, trigger, requested_by_subject, requested_by_client, overdue, lapsed, started_at, finished_at, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $3 = 'RUNNING' THEN NULL ELSE $10::timestamptz END, $11)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, overdue = EXCLUDED.overdue, lapsed = EXCLUDED.lapsed,
                                      finished_at = EXCLUDED.finished_at, error = EXCLUDED.error`,
      [
        run.id,
        run.asOf,
        run.status,
        run.request.trigger,
        run.request.requestedBy.subject,
        run.request.requestedBy.clientId,
        run.overdue,
        run.lapsed,
        run.startedAt,
        this.clock.now().toISOString(),
        run.error?.slice(0, 500) ?? null,
      ],
    );
  }

  private async markOverdue(today: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await rowsOf<{ id: string; worker_id: string; period: string; amount: string; due_date: string }>(
        manager,
        `WITH due AS (SELECT id FROM invoices WHERE status = 'ISSUED' AND due_date < $1 ORDER BY due_date, id LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE invoices i SET status = 'OVERDUE' FROM due WHERE i.id = due.id
         RETURNING i.id, i.worker_id, i.period, i.amount, i.due_date::text AS due_date`,
        [today, BATCH],
      );
      await this.outbox.publishAll(
        manager,
        rows.map((row) => ({
          definition: EVENTS.InvoiceOverdue,
          subject: row.worker_id,
          data: {
            invoiceId: row.id,
            workerId: row.worker_id,
            period: row.period,
            amount: rupiah(row.amount),
            dueDate: row.due_date,
          } satisfies InvoiceOverdueV1,
        })),
      );
      return rows.length;
    });
  }

  private async lapse(today: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await rowsOf<{ worker_id: string; lapsed_on: string; paid_through: string | null }>(
        manager,
        `WITH due AS (
           SELECT worker_id FROM accounts WHERE status IN ('PENDING_PAYMENT', 'ACTIVE') AND lapses_on <= $1
            ORDER BY worker_id LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE accounts a SET status = 'LAPSED', lapsed_on = a.lapses_on, lapses_on = NULL, updated_at = now()
           FROM due WHERE a.worker_id = due.worker_id
         RETURNING a.worker_id, a.lapsed_on::text AS lapsed_on, a.paid_through`,
        [today, BATCH],
      );
      if (!rows.length) return 0;
      await this.closings.close(
        manager,
        rows.map((r) => r.worker_id),
        { reason: 'LAPSED' },
      );
      await this.outbox.publishAll(
        manager,
        rows.map((row) => ({
          definition: EVENTS.CoverageLapsed,
          subject: row.worker_id,
          data: {
            workerId: row.worker_id,
            lapsedOn: row.lapsed_on,
            ...(row.paid_through ? { lastCoveredDay: Period.parse(row.paid_through).lastDay() } : {}),
            reason: 'UNPAID_MONTHS',
          } satisfies CoverageLapsedV1,
        })),
      );
      return rows.length;
    });
  }
}
