import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Clock, Period, UseCaseError } from '@jaring/domain';
import { type Actor, CLOCK } from '@jaring/platform';
import { ContributionsConfig } from '../contributions.config';
import { checkBillingRunPeriod } from '../domain/billing-run-period';
import { type BillingRun, GetBillingRunQuery } from '../get-billing-run/get-billing-run.query';
import { InvoiceIssuer } from '../invoices/invoice-issuer';
import { requestedOverHttp, type RunRequest } from '../runs/run-request';

/** Two runs of one period never work at the same time, in this instance or another (advisory lock). */
const BILLING_LOCK_CLASS = 7_300_452;

/**
 * The billing run of a period: one invoice per billable worker (PENDING_PAYMENT or ACTIVE, billed from
 * that period or earlier). It walks the accounts in worker-id order (two lanes), a batch per transaction: the batch's
 * invoices and their invoice.issued events are committed together, and the unique index on (worker,
 * period) with ON CONFLICT DO NOTHING makes a repeated or resumed run issue only what is missing. A run
 * that crashes half way has committed whole batches only; running it again finishes the work.
 */
@Injectable()
export class RunBillingHandler {
  private readonly logger = new Logger('BillingRun');
  private readonly active = new Map<string, Promise<BillingRun>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly issuer: InvoiceIssuer,
    private readonly runs: GetBillingRunQuery,
    private readonly config: ContributionsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * A run an operator asked for (POST /v1/billing-runs): the current period when none is named, else the
   * current or the next one only (domain/billing-run-period.ts); any other is refused before anything is written.
   */
  async startRequested(requested: Period | undefined, requestedBy: Actor): Promise<BillingRun> {
    const current = Period.current(this.clock);
    const period = requested ?? current;
    const check = checkBillingRunPeriod(period, current);
    if (!check.allowed) {
      throw UseCaseError.unprocessable(`the billing run of ${period.toString()} cannot be started: ${check.reason}`, {
        type: 'period-not-allowed',
        title: 'Period not allowed',
        errors: [{ field: 'period', reason: check.reason }],
      });
    }
    const { run } = await this.start(period, requestedOverHttp(requestedBy));
    return run;
  }

  /**
   * Starts a run (or returns the one already running here for that period) without waiting for it. The
   * schedule calls it directly, for the current period.
   */
  async start(period: Period, request: RunRequest): Promise<{ run: BillingRun; done: Promise<BillingRun> }> {
    const running = this.active.get(period.toString());
    if (running) {
      const run = await this.runs.latest(period);
      return { run: run!, done: running };
    }
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO billing_runs (id, period, status, trigger, started_at, requested_by_subject, requested_by_client)
       VALUES ($1, $2, 'RUNNING', $3, $4, $5, $6)`,
      [id, period.toString(), request.trigger, this.clock.now().toISOString(), request.requestedBy.subject, request.requestedBy.clientId],
    );
    const done = this.execute(id, period).finally(() => this.active.delete(period.toString()));
    this.active.set(period.toString(), done);
    return { run: (await this.runs.find(id))!, done };
  }

  /** Whether a run of the period finished (the schedule's test). */
  async isDone(period: Period): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM billing_runs WHERE period = $1 AND status = 'DONE' LIMIT 1`, [
      period.toString(),
    ]);
    return rows.length > 0;
  }

  /** Bills the accounts with from <= worker_id < to, a batch per transaction (invoices and their events together). */
  private async bill(
    period: Period,
    from: string,
    to: string | null,
    progress: (workers: number, issued: number) => Promise<void>,
  ): Promise<void> {
    let after: string | null = null;
    for (;;) {
      const batch = await this.dataSource.transaction((manager) => this.billBatch(manager, period, { after, from, to }));
      if (!batch.workers.length) return;
      after = batch.workers[batch.workers.length - 1];
      await progress(batch.workers.length, batch.issued);
    }
  }

  /**
   * One batch of a lane: the next BILLING_BATCH_SIZE billable accounts after `after` (from `from` when null)
   * and below `to`, and their invoices. Public for the tests that hold a batch open beside a sponsorship grant.
   *
   * The accounts are read FOR KEY SHARE (the lock each invoice's foreign key takes anyway, taken before the
   * sponsorships are read instead of at the insert): a sponsorship grant locks its workers' accounts FOR
   * UPDATE, so a batch and a grant of the same worker run one after the other. Without it a batch read the
   * sponsorships before a grant committed and billed the worker for a month the programme pays, a month then
   * never paid. A grant that comes second sees the batch's invoices and re-issues them to the sponsor.
   */
  async billBatch(
    manager: EntityManager,
    period: Period,
    lane: { after: string | null; from: string; to: string | null },
  ): Promise<{ workers: string[]; issued: number }> {
    const rows = await manager.query<Array<{ worker_id: string }>>(
      `SELECT worker_id FROM accounts
        WHERE (worker_id > $1 OR ($5::boolean AND worker_id = $1)) AND ($2::uuid IS NULL OR worker_id < $2)
          AND status IN ('PENDING_PAYMENT', 'ACTIVE') AND billing_from <= $3
        ORDER BY worker_id LIMIT $4
          FOR KEY SHARE`,
      [lane.after ?? lane.from, lane.to, period.toString(), this.config.BILLING_BATCH_SIZE, lane.after === null],
    );
    const invoices = await this.issuer.issue(
      manager,
      rows.map((r) => ({ workerId: r.worker_id, period })),
    );
    return { workers: rows.map((r) => r.worker_id), issued: invoices.length };
  }

  private async execute(id: string, period: Period): Promise<BillingRun> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let workers = 0;
    let issued = 0;
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1, $2) AS locked', [
        BILLING_LOCK_CLASS,
        periodKey(period),
      ])) as Array<{ locked: boolean }>;
      if (!locked) throw new Error(`another billing run of ${period.toString()} is in progress`);
      try {
        const progress = async (batchWorkers: number, batchIssued: number) => {
          workers += batchWorkers;
          issued += batchIssued;
          await this.dataSource.query('UPDATE billing_runs SET workers_billed = $2, invoices_issued = $3 WHERE id = $1', [
            id,
            workers,
            issued,
          ]);
        };
        // Both lanes end before the run is marked: a failed lane does not leave the other running unseen.
        const lanes = await Promise.allSettled(LANES.map(([from, to]) => this.bill(period, from, to, progress)));
        const failed = lanes.find((lane): lane is PromiseRejectedResult => lane.status === 'rejected');
        if (failed) throw failed.reason;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1, $2)', [BILLING_LOCK_CLASS, periodKey(period)]);
      }
      await this.dataSource.query(
        `UPDATE billing_runs SET status = 'DONE', workers_billed = $2, invoices_issued = $3, finished_at = $4 WHERE id = $1`,
        [id, workers, issued, this.clock.now().toISOString()],
      );
      this.logger.log({ message: 'billing run done', period: period.toString(), workers, issued });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error({ message: 'billing run failed', period: period.toString(), workers, issued, error: message });
      await this.dataSource
        .query(
          `UPDATE billing_runs SET status = 'FAILED', workers_billed = $2, invoices_issued = $3, finished_at = $4, error = $5 WHERE id = $1`,
          [id, workers, issued, this.clock.now().toISOString(), message.slice(0, 500)],
        )
        .catch(() => undefined);
    } finally {
      await runner.release();
    }
    return (await this.runs.find(id))!;
  }
}

/**
 * The worker-id space in two halves billed side by side: while one lane's batch is in PostgreSQL, the
 * other's is priced and validated in Node (2 cores). Each lane walks its half in worker-id order.
 */
const LANES: Array<[string, string | null]> = [
  ['00000000-0000-0000-0000-000000000000', '80000000-0000-0000-0000-000000000000'],
  ['80000000-0000-0000-0000-000000000000', null],
];

function periodKey(period: Period): number {
  return period.year * 100 + period.month;
}
