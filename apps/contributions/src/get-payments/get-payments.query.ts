import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parsePayer } from '@jaring/domain';
import { rupiah } from '@jaring/platform';
import { assertAccountVisible, totalOfPage } from '../accounts/visible-account';
import { paidByOf } from '../domain/paid-by';
import type { WorkerPaymentDto, WorkerPaymentListDto } from './get-payments.dto';

interface PaymentRow {
  id: string;
  amount: string;
  source: string;
  paid_by: string;
  channel: string | null;
  external_reference: string | null;
  months_ahead: number | null;
  sponsorship_id: string | null;
  received_at: Date;
  applied_to: Array<{ invoiceId: string; period: string; amount: number }>;
  total: string;
}

/** A worker's payments (GET /v1/workers/{workerId}/payments), newest first, each with the invoices it paid. */
@Injectable()
export class GetPaymentsQuery {
  constructor(private readonly dataSource: DataSource) {}

  /** `regions`: the regions the caller may see (an agent's own), `undefined` for every region; another region's worker is unknown. */
  async list(workerId: string, limit: number, offset: number, regions: readonly string[] | undefined): Promise<WorkerPaymentListDto> {
    await assertAccountVisible(this.dataSource, workerId, regions);
    const rows = await this.dataSource.query<PaymentRow[]>(
      `SELECT p.id, p.amount, p.source, p.paid_by, p.channel, p.external_reference, p.months_ahead, p.sponsorship_id, p.received_at,
              coalesce((SELECT json_agg(json_build_object('invoiceId', a.invoice_id, 'period', a.period, 'amount', a.amount)
                                        ORDER BY a.period, a.invoice_id)
                          FROM payment_allocations a WHERE a.payment_id = p.id), '[]') AS applied_to,
              count(*) OVER () AS total
         FROM payments p WHERE p.worker_id = $1
        ORDER BY p.received_at DESC, p.id LIMIT $2 OFFSET $3`,
      [workerId, limit, offset],
    );
    return { items: rows.map(toDto), total: await totalOfPage(this.dataSource, rows, 'payments', workerId), limit, offset };
  }
}

function toDto(row: PaymentRow): WorkerPaymentDto {
  return {
    id: row.id,
    amount: rupiah(row.amount),
    source: row.source,
    channel: row.channel,
    externalReference: row.external_reference,
    monthsAhead: row.months_ahead ?? 0,
    paidBy: paidByOf(parsePayer(row.paid_by)),
    sponsorshipId: row.sponsorship_id,
    appliedTo: row.applied_to.map((a) => ({ invoiceId: a.invoiceId, period: a.period, amount: a.amount })),
    receivedAt: new Date(row.received_at).toISOString(),
  };
}
