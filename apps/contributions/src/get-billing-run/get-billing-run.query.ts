import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Period, UseCaseError } from '@jaring/domain';
import type { Actor } from '@jaring/platform';

export interface BillingRun {
  id: string;
  period: string;
  status: 'RUNNING' | 'DONE' | 'FAILED';
  trigger: string;
  workersBilled: number;
  invoicesIssued: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  /** Who started it: an operator's subject and client, or the schedule; null for runs from before it was recorded. */
  requestedBy: Actor | null;
}

/** A billing run as it stands (GET /v1/billing-runs/{id}, and the run's own answers). */
@Injectable()
export class GetBillingRunQuery {
  constructor(private readonly dataSource: DataSource) {}

  async get(id: string): Promise<BillingRun> {
    const run = await this.find(id);
    if (!run) throw UseCaseError.notFound(`no billing run ${id}`);
    return run;
  }

  async find(id: string): Promise<BillingRun | undefined> {
    const rows = await this.dataSource.query<RunRow[]>(`${SELECT_RUN} WHERE id = $1`, [id]);
    return rows[0] && toRun(rows[0]);
  }

  async latest(period: Period): Promise<BillingRun | undefined> {
    const rows = await this.dataSource.query<RunRow[]>(`${SELECT_RUN} WHERE period = $1 ORDER BY started_at DESC, id LIMIT 1`, [
      period.toString(),
    ]);
    return rows[0] && toRun(rows[0]);
  }
}

interface RunRow {
  id: string;
  period: string;
  status: BillingRun['status'];
  trigger: string;
  workers_billed: number;
  invoices_issued: number;
  started_at: Date;
  finished_at: Date | null;
  error: string | null;
  requested_by_subject: string | null;
  requested_by_client: string | null;
}

const SELECT_RUN = `SELECT id, period, status, trigger, workers_billed, invoices_issued, started_at, finished_at, error,
                           requested_by_subject, requested_by_client
                      FROM billing_runs`;

function toRun(row: RunRow): BillingRun {
  return {
    id: row.id,
    period: row.period,
    status: row.status,
    trigger: row.trigger,
    workersBilled: row.workers_billed,
    invoicesIssued: row.invoices_issued,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    error: row.error,
    requestedBy:
      row.requested_by_subject !== null && row.requested_by_client !== null
        ? { subject: row.requested_by_subject, clientId: row.requested_by_client }
        : null,
  };
}
