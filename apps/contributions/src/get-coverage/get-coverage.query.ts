import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { workerNotFound } from '../accounts/visible-account';
import { coverageOn } from '../domain/coverage-rules';
import type { CoverageDto } from './get-coverage.dto';

interface AccountRow {
  status: string;
  billing_from: string;
  paid_through: string | null;
  lapses_on: string | null;
  lapsed_on: string | null;
  deregistered_on: string | null;
  died_on: string | null;
}

/** Whether a worker was covered on a day: what a claim asks (docs/api.md, Coverage shape). */
@Injectable()
export class GetCoverageQuery {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * `date` is a day of the calendar (YYYY-MM-DD). `regions`: the regions the caller may see (an agent's
   * own), `undefined` for every region; a worker of another region is answered as unknown.
   */
  async get(workerId: string, date: string, regions: readonly string[] | undefined): Promise<CoverageDto> {
    const [account] = await this.dataSource.query<AccountRow[]>(
      `SELECT status, billing_from, paid_through, lapses_on::text AS lapses_on, lapsed_on::text AS lapsed_on, deregistered_on::text AS deregistered_on,
              died_on::text AS died_on
         FROM accounts WHERE worker_id = $1 AND ($2::text[] IS NULL OR region_code = ANY($2::text[]))`,
      [workerId, regions ?? null],
    );
    if (!account) throw workerNotFound(workerId);
    const paid = await this.dataSource.query<Array<{ period: string; lines: Array<{ program: string }> }>>(
      `SELECT period, lines FROM invoices WHERE worker_id = $1 AND status = 'PAID' ORDER BY period`,
      [workerId],
    );
    const coverage = coverageOn(
      date,
      {
        status: account.status,
        billingFrom: account.billing_from,
        paidThrough: account.paid_through,
        lapsesOn: account.lapses_on,
        lapsedOn: account.lapsed_on,
        deregisteredOn: account.deregistered_on,
        diedOn: account.died_on,
      },
      paid.map((row) => ({ period: row.period, programs: row.lines.map((l) => l.program) })),
    );
    return { workerId, ...coverage };
  }
}
