import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rupiah } from '@jaring/platform';
import type { PayoutBatchRecord } from '../payouts/payout-records';
import type { ListPayoutBatchesDto } from './list-payout-batches.dto';

/** A batch in the list: its control total (the bank file's `TOTAL` row) and how far the bank has answered. */
export interface PayoutBatchSummary {
  id: string;
  createdOn: string;
  createdAt: string;
  status: PayoutBatchRecord['status'];
  /** The control total: lines and their sum. */
  lineCount: number;
  total: number;
  /** `returned`: paid, then given back by the bank (the claim is paid again by a later batch). */
  lines: { paid: number; failed: number; pending: number; returned: number };
}

export interface PayoutBatchesPage {
  items: PayoutBatchSummary[];
  total: number;
  limit: number;
  offset: number;
}

interface SummaryRow {
  id: string;
  created_on: string;
  created_at: Date;
  status: PayoutBatchRecord['status'];
  line_count: number;
  total: string;
  paid: number;
  failed: number;
  pending: number;
  returned: number;
}

/** The payout batches, the newest first (GET /v1/payout-batches); no lines, no account numbers. */
@Injectable()
export class ListPayoutBatchesQuery {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: ListPayoutBatchesDto): Promise<PayoutBatchesPage> {
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(`SELECT count(*)::int AS total FROM payout_batches`);
    const rows = await this.dataSource.query<SummaryRow[]>(
      `SELECT b.id, b.created_on::text, b.created_at, b.status, b.line_count, b.total::text,
              count(*) FILTER (WHERE l.status = 'PAID')::int AS paid,
              count(*) FILTER (WHERE l.status = 'FAILED')::int AS failed,
              count(*) FILTER (WHERE l.status = 'PENDING')::int AS pending,
              count(*) FILTER (WHERE l.status = 'RETURNED')::int AS returned
       FROM (SELECT * FROM payout_batches ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2) b
       JOIN payout_lines l ON l.batch_id = b.id
       GROUP BY b.id, b.created_on, b.created_at, b.status, b.line_count, b.total
       ORDER BY b.created_at DESC, b.id DESC`,
      [query.limit, query.offset],
    );
    const items = rows.map((r) => ({
      id: r.id,
      createdOn: r.created_on,
      createdAt: r.created_at.toISOString(),
      status: r.status,
      lineCount: r.line_count,
      total: rupiah(r.total),
      lines: { paid: r.paid, failed: r.failed, pending: r.pending, returned: r.returned },
    }));
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
