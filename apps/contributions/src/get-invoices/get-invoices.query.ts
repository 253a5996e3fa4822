import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rupiah } from '@jaring/platform';
import { assertAccountVisible, totalOfPage } from '../accounts/visible-account';
import type { InvoiceDto, InvoiceListDto } from './get-invoices.dto';

interface InvoiceRow {
  id: string;
  worker_id: string;
  period: string;
  amount: string;
  status: string;
  payer: string;
  due_date: string;
  lines: Array<{ program: string; amount: number }>;
  sponsorship_id: string | null;
  sponsored_amount: string;
  paid: string;
  discount_rule: string | null;
  issued_at: Date;
  paid_at: Date | null;
  replaced_by: string | null;
  void_reason: string | null;
  refunds: Array<{ refundId: string; payer: string; amount: number; sponsorshipId: string | null; refundedAt: string }>;
  total: string;
}

/** A worker's invoices (GET /v1/workers/{workerId}/invoices). */
@Injectable()
export class GetInvoicesQuery {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The worker's invoices, newest period first (a voided one next to its replacement). `regions`: the
   * regions the caller may see (an agent's own), `undefined` for every region; a worker of another region
   * is answered as unknown.
   */
  async list(workerId: string, limit: number, offset: number, regions: readonly string[] | undefined): Promise<InvoiceListDto> {
    await assertAccountVisible(this.dataSource, workerId, regions);
    const rows = await this.dataSource.query<InvoiceRow[]>(
      `SELECT id, worker_id, period, amount, status, payer, due_date::text AS due_date, lines, sponsorship_id, sponsored_amount,
              worker_paid + sponsor_paid AS paid, discount_rule, issued_at, paid_at, replaced_by, void_reason,
              coalesce((SELECT json_agg(json_build_object('refundId', r.id, 'payer', r.payer, 'amount', r.amount,
                                                          'sponsorshipId', r.sponsorship_id, 'refundedAt', r.refunded_at) ORDER BY r.part DESC)
                          FROM contribution_refunds r WHERE r.invoice_id = invoices.id), '[]') AS refunds,
              count(*) OVER () AS total
         FROM invoices WHERE worker_id = $1 ORDER BY period DESC, issued_at DESC, id LIMIT $2 OFFSET $3`,
      [workerId, limit, offset],
    );
    return { items: rows.map(toDto), total: await totalOfPage(this.dataSource, rows, 'invoices', workerId), limit, offset };
  }
}

function toDto(row: InvoiceRow): InvoiceDto {
  return {
    id: row.id,
    workerId: row.worker_id,
    period: row.period,
    amount: rupiah(row.amount),
    status: row.status,
    payer: row.payer,
    dueDate: row.due_date,
    lines: row.lines.map((l) => ({ program: l.program, amount: l.amount })),
    ...(row.sponsorship_id ? { sponsorshipId: row.sponsorship_id } : {}),
    sponsoredAmount: rupiah(row.sponsored_amount),
    paidAmount: rupiah(row.paid),
    ...(row.discount_rule ? { discountRule: row.discount_rule } : {}),
    issuedAt: new Date(row.issued_at).toISOString(),
    ...(row.paid_at ? { paidAt: new Date(row.paid_at).toISOString() } : {}),
    ...(row.replaced_by ? { replacedBy: row.replaced_by } : {}),
    ...(row.void_reason && ['VOID', 'REFUNDED'].includes(row.status) ? { voidReason: row.void_reason } : {}),
    ...(row.refunds.length
      ? {
          refunds: row.refunds.map((r) => ({
            refundId: r.refundId,
            payer: r.payer,
            amount: r.amount,
            ...(r.sponsorshipId ? { sponsorshipId: r.sponsorshipId } : {}),
            refundedAt: new Date(r.refundedAt).toISOString(),
          })),
        }
      : {}),
  };
}
