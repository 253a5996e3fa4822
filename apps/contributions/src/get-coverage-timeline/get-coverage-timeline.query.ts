import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Clock, parsePayer, Period, UseCaseError } from '@jaring/domain';
import { CLOCK, rupiah } from '@jaring/platform';
import { workerNotFound } from '../accounts/visible-account';
import { coverageTimeline, timelineRange } from '../domain/coverage-timeline';
import { paidByOf } from '../domain/paid-by';
import type { CoverageTimelineDto, CoverageTimelineQueryDto } from './get-coverage-timeline.dto';

/**
 * A worker's coverage month by month (GET /v1/workers/{workerId}/coverage-timeline): the months' invoices
 * and the parts of payments applied to them, read in two statements, judged by domain/coverage-timeline.ts.
 */
@Injectable()
export class GetCoverageTimelineQuery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `regions`: the regions the caller may see (an agent's own), `undefined` for every region; another region's worker is unknown. */
  async get(workerId: string, asked: CoverageTimelineQueryDto, regions: readonly string[] | undefined): Promise<CoverageTimelineDto> {
    const [account] = await this.dataSource.query<Array<{ registered_on: string; deregistered_on: string | null }>>(
      `SELECT registered_on::text AS registered_on, deregistered_on::text AS deregistered_on
         FROM accounts WHERE worker_id = $1 AND ($2::text[] IS NULL OR region_code = ANY($2::text[]))`,
      [workerId, regions ?? null],
    );
    if (!account) throw workerNotFound(workerId);
    const range = timelineRange(asked, Period.current(this.clock), Period.fromDate(account.registered_on));
    if ('errors' in range) throw UseCaseError.invalidFields(range.errors);
    const bounds = [workerId, range.from.toString(), range.to.toString()];
    const invoices = await this.dataSource.query<Array<{ id: string; period: string; status: string; amount: string; issued_at: Date }>>(
      'SELECT id, period, status, amount, issued_at FROM invoices WHERE worker_id = $1 AND period BETWEEN $2 AND $3',
      bounds,
    );
    const parts = await this.dataSource.query<
      Array<{ invoice_id: string; paid_by: string; sponsorship_id: string | null; amount: string; first_received_at: Date }>
    >(
      `SELECT a.invoice_id, p.paid_by, p.sponsorship_id, sum(a.amount) AS amount, min(p.received_at) AS first_received_at
         FROM payments p JOIN payment_allocations a ON a.payment_id = p.id
        WHERE p.worker_id = $1 AND a.period BETWEEN $2 AND $3
        GROUP BY a.invoice_id, p.paid_by, p.sponsorship_id`,
      bounds,
    );
    const months = coverageTimeline(
      range,
      invoices.map((i) => ({ id: i.id, period: i.period, status: i.status, amount: rupiah(i.amount), issuedAt: new Date(i.issued_at) })),
      parts.map((part) => ({
        invoiceId: part.invoice_id,
        payer: paidByOf(parsePayer(part.paid_by)),
        sponsorshipId: part.sponsorship_id,
        amount: rupiah(part.amount),
        firstReceivedAt: new Date(part.first_received_at),
      })),
      account.deregistered_on,
    );
    return { workerId, from: range.from.toString(), to: range.to.toString(), months };
  }
}
