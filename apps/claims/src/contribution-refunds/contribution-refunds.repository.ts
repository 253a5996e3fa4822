import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { rupiah } from '@jaring/platform';
import type { RefundOnRecord } from '../domain/contribution-refunds';

/** A refund still owed (on no line, or on a line the bank refused or gave back), locked for the batch that takes it. */
export interface OwedRefund {
  refundId: string;
  workerId: string;
  amount: number;
}

/** A paid death claim whose worker is owed refunds: they go on a line of their own, to the claim's account. */
export interface PaidClaimOwed {
  claimId: string;
  workerId: string;
  bankAccountSealed: Buffer;
}

/** Refunds of the worker's own contributions, owed to the death claim's payee (docs/rules.md, refund), in SQL. */
@Injectable()
export class ContributionRefundsRepository {
  /** Records refunds once per refund id; returns how many were new. */
  async record(
    manager: EntityManager,
    refunds: ReadonlyArray<{ refundId: string; workerId: string; invoiceId: string; period: string; amount: number }>,
    at: Date,
  ): Promise<number> {
    if (!refunds.length) return 0;
    const rows = await manager.query<Array<{ refund_id: string }>>(
      `INSERT INTO contribution_refunds (refund_id, worker_id, invoice_id, period, amount, received_at)
       SELECT r.*, $6::timestamptz FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::bigint[]) AS r
       ON CONFLICT (refund_id) DO NOTHING RETURNING refund_id`,
      [
        refunds.map((r) => r.refundId),
        refunds.map((r) => r.workerId),
        refunds.map((r) => r.invoiceId),
        refunds.map((r) => r.period),
        refunds.map((r) => r.amount),
        at,
      ],
    );
    return rows.length;
  }

  /** The refunds owed to these workers, locked: a batch puts each on one line at most. */
  async owedTo(manager: EntityManager, workerIds: readonly string[]): Promise<OwedRefund[]> {
    if (!workerIds.length) return [];
    const rows = await manager.query<Array<{ refund_id: string; worker_id: string; amount: string }>>(
      `SELECT r.refund_id, r.worker_id, r.amount::text FROM contribution_refunds r LEFT JOIN payout_lines l ON l.id = r.payout_line_id
        WHERE r.worker_id = ANY($1::uuid[]) AND r.paid_on IS NULL AND (l.id IS NULL OR l.status IN ('FAILED', 'RETURNED'))
        ORDER BY r.worker_id, r.period, r.refund_id FOR UPDATE OF r`,
      [workerIds],
    );
    return rows.map((r) => ({ refundId: r.refund_id, workerId: r.worker_id, amount: rupiah(r.amount) }));
  }

  /**
   * Paid death claims whose worker is owed refunds and has none waiting at the bank already, locked (concurrent
   * batches take disjoint claims).
   */
  async paidClaimsOwed(manager: EntityManager, limit: number): Promise<PaidClaimOwed[]> {
    const rows = await manager.query<Array<{ id: string; worker_id: string; bank_account_sealed: Buffer }>>(
      `SELECT c.id, c.worker_id, c.bank_account_sealed FROM claims c
        WHERE c.status = 'PAID' AND c.once_key = 'DEATH' AND c.eligible
          AND EXISTS (SELECT 1 FROM contribution_refunds r LEFT JOIN payout_lines l ON l.id = r.payout_line_id
                       WHERE r.worker_id = c.worker_id AND r.paid_on IS NULL AND (l.id IS NULL OR l.status IN ('FAILED', 'RETURNED')))
          AND NOT EXISTS (SELECT 1 FROM payout_lines l WHERE l.claim_id = c.id AND l.kind = 'CONTRIBUTION_REFUND' AND l.status = 'PENDING')
        ORDER BY c.paid_on, c.id LIMIT $1 FOR UPDATE OF c SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({ claimId: r.id, workerId: r.worker_id, bankAccountSealed: r.bank_account_sealed }));
  }

  /** The refunds now carried by a payout line. */
  async putOnLines(manager: EntityManager, assignments: ReadonlyArray<{ refundId: string; lineId: string }>): Promise<void> {
    if (!assignments.length) return;
    await manager.query(
      `UPDATE contribution_refunds r SET payout_line_id = a.line_id FROM unnest($1::uuid[], $2::uuid[]) AS a(refund_id, line_id)
        WHERE r.refund_id = a.refund_id`,
      [assignments.map((a) => a.refundId), assignments.map((a) => a.lineId)],
    );
  }

  /** The bank paid the line: its refunds are paid. */
  async paidBy(manager: EntityManager, lineId: string, paidOn: string): Promise<void> {
    await manager.query(`UPDATE contribution_refunds SET paid_on = $2 WHERE payout_line_id = $1 AND paid_on IS NULL`, [lineId, paidOn]);
  }

  /** The bank gave back the line's transfer: its refunds are owed again (on a later batch's line). */
  async returnedBy(manager: EntityManager, lineId: string): Promise<void> {
    await manager.query(`UPDATE contribution_refunds SET paid_on = NULL WHERE payout_line_id = $1`, [lineId]);
  }

  /** A worker's refunds with the state of the line carrying each, for the claim view. */
  async ofWorker(manager: EntityManager, workerId: string): Promise<RefundOnRecord[]> {
    const rows = await manager.query<
      Array<{ refund_id: string; period: string; amount: string; line_status: string | null; paid_on: string | null }>
    >(
      `SELECT r.refund_id, r.period, r.amount::text, l.status AS line_status, r.paid_on::text FROM contribution_refunds r
         LEFT JOIN payout_lines l ON l.id = r.payout_line_id WHERE r.worker_id = $1`,
      [workerId],
    );
    return rows.map((r) => ({
      refundId: r.refund_id,
      period: r.period,
      amount: rupiah(r.amount),
      lineStatus: r.line_status,
      paidOn: r.paid_on,
    }));
  }
}
