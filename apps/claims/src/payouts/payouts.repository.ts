import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Benefit } from '@jaring/domain';
import { rupiah } from '@jaring/platform';
import type { AuditActor } from '../claims/audit-trail';
import {
  MAX_BATCH_LINES,
  type BatchTrailEntry,
  type PayoutBatchRecord,
  type PayoutLineRecord,
  type PayoutLineStatus,
} from './payout-records';

/** An approved claim waiting to be paid, as a batch takes it. */
export interface PayableClaim {
  id: string;
  worker_id: string;
  benefit: Benefit;
  benefit_total: string;
  due_on: string | null;
  bank_account_sealed: Buffer;
}

interface BatchRow {
  id: string;
  created_on: string;
  created_at: Date;
  created_by: string;
  status: PayoutBatchRecord['status'];
  line_count: number;
  total: string;
}

interface LineRow {
  id: string;
  batch_id: string;
  line_no: number;
  claim_id: string;
  worker_id: string;
  benefit_amount: string;
  late_penalty: string;
  days_late: number;
  amount: string;
  components: PayoutLineRecord['components'];
  bank_account_sealed: Buffer;
  status: PayoutLineStatus;
  failure_reason: string | null;
  bank_reference: string | null;
  return_reason: string | null;
  returned_at: Date | null;
}

/** Payout batches and their lines, in SQL. */
@Injectable()
export class PayoutsRepository {
  /**
   * The approved claims that have no transfer waiting or paid (and no hold: a refused bank account must be
   * corrected first), locked for the batch; concurrent batches take disjoint claims (SKIP LOCKED).
   */
  async payableClaims(manager: EntityManager): Promise<PayableClaim[]> {
    return manager.query<PayableClaim[]>(
      `SELECT c.id, c.worker_id, c.benefit, c.benefit_total::text, c.due_on::text, c.bank_account_sealed FROM claims c
       WHERE c.status = 'APPROVED' AND c.payout_hold IS NULL AND c.benefit_total > 0
         AND NOT EXISTS (SELECT 1 FROM payout_lines l WHERE l.claim_id = c.id AND l.status IN ('PENDING', 'PAID'))
       ORDER BY c.due_on NULLS LAST, c.id LIMIT $1 FOR UPDATE OF c SKIP LOCKED`,
      [MAX_BATCH_LINES],
    );
  }

  async insertBatch(manager: EntityManager, batch: PayoutBatchRecord): Promise<void> {
    await manager.query(
      `INSERT INTO payout_batches (id, created_on, created_at, created_by, status, line_count, total) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [batch.id, batch.createdOn, batch.createdAt, batch.createdBy, batch.status, batch.lineCount, batch.total],
    );
  }

  async insertLines(manager: EntityManager, lines: readonly PayoutLineRecord[]): Promise<void> {
    await manager.query(
      `INSERT INTO payout_lines (id, batch_id, line_no, claim_id, worker_id, benefit_amount, late_penalty, days_late, amount, components, bank_account_sealed, status)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::uuid[], $5::uuid[], $6::bigint[], $7::bigint[], $8::int[], $9::bigint[], $10::jsonb[], $11::bytea[], $12::text[])`,
      [
        lines.map((l) => l.id),
        lines.map((l) => l.batchId),
        lines.map((l) => l.lineNo),
        lines.map((l) => l.claimId),
        lines.map((l) => l.workerId),
        lines.map((l) => l.benefitAmount),
        lines.map((l) => l.latePenalty),
        lines.map((l) => l.daysLate),
        lines.map((l) => l.amount),
        lines.map((l) => JSON.stringify(l.components)),
        lines.map((l) => l.bankAccountSealed),
        lines.map((l) => l.status),
      ],
    );
  }

  async batch(manager: EntityManager, id: string, lock = false): Promise<PayoutBatchRecord | undefined> {
    const [row] = await manager.query<BatchRow[]>(
      `SELECT id, created_on::text, created_at, created_by, status, line_count, total::text FROM payout_batches WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return (
      row && {
        id: row.id,
        createdOn: row.created_on,
        createdAt: row.created_at.toISOString(),
        createdBy: row.created_by,
        status: row.status,
        lineCount: row.line_count,
        total: rupiah(row.total),
      }
    );
  }

  async lines(manager: EntityManager, batchId: string, lock = false): Promise<PayoutLineRecord[]> {
    const rows = await manager.query<LineRow[]>(
      `SELECT id, batch_id, line_no, claim_id, worker_id, benefit_amount::text, late_penalty::text, days_late, amount::text, components,
              bank_account_sealed, status, failure_reason, bank_reference, return_reason, returned_at
       FROM payout_lines WHERE batch_id = $1 ORDER BY line_no${lock ? ' FOR UPDATE' : ''}`,
      [batchId],
    );
    return rows.map((r) => ({
      id: r.id,
      batchId: r.batch_id,
      lineNo: r.line_no,
      claimId: r.claim_id,
      workerId: r.worker_id,
      benefitAmount: rupiah(r.benefit_amount),
      latePenalty: rupiah(r.late_penalty),
      daysLate: r.days_late,
      amount: rupiah(r.amount),
      components: r.components,
      bankAccountSealed: r.bank_account_sealed,
      status: r.status,
      failureReason: r.failure_reason,
      bankReference: r.bank_reference,
      returnReason: r.return_reason,
      returnedAt: r.returned_at?.toISOString() ?? null,
    }));
  }

  /** A PAID line the bank gave back: RETURNED, no longer live (the claim may be batched again). Once only. */
  async returnLine(manager: EntityManager, lineId: string, at: Date, reason: string): Promise<boolean> {
    const rows = await manager.query<Array<{ id: string }>>(
      `UPDATE payout_lines SET status = 'RETURNED', returned_at = $2, return_reason = $3 WHERE id = $1 AND status = 'PAID' RETURNING id`,
      [lineId, at, reason],
    );
    return rows.length === 1;
  }

  /** Adds to a batch's own record of who did what (append-only, like the claims' audit trail). */
  async appendTrail(
    manager: EntityManager,
    batchId: string,
    at: Date,
    actor: AuditActor,
    action: BatchTrailEntry['action'],
    details: Record<string, unknown>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO payout_batch_trail (batch_id, at, actor, actor_client, actor_roles, action, details) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [batchId, at, actor.subject, actor.clientId, [...actor.roles], action, JSON.stringify(details)],
    );
  }

  async trail(manager: EntityManager, batchId: string): Promise<BatchTrailEntry[]> {
    const rows = await manager.query<
      Array<{ at: Date; actor: string; actor_client: string | null; action: BatchTrailEntry['action']; details: Record<string, unknown> }>
    >(`SELECT at, actor, actor_client, action, details FROM payout_batch_trail WHERE batch_id = $1 ORDER BY id`, [batchId]);
    return rows.map((r) => ({
      at: r.at.toISOString(),
      actor: r.actor,
      actorClientId: r.actor_client,
      action: r.action,
      details: r.details,
    }));
  }

  async answerLine(
    manager: EntityManager,
    lineId: string,
    status: PayoutLineStatus,
    at: Date,
    failureReason: string | null,
    bankReference: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE payout_lines SET status = $2, answered_at = $3, failure_reason = $4, bank_reference = $5 WHERE id = $1 AND status = 'PENDING'`,
      [lineId, status, at, failureReason, bankReference],
    );
  }

  /** A claim's line waiting for the bank or paid, if any. */
  async liveLineOf(manager: EntityManager, claimId: string): Promise<{ id: string; status: PayoutLineStatus } | undefined> {
    const [row] = await manager.query<Array<{ id: string; status: PayoutLineStatus }>>(
      `SELECT id, status FROM payout_lines WHERE claim_id = $1 AND status IN ('PENDING', 'PAID')`,
      [claimId],
    );
    return row;
  }

  async settleIfAnswered(manager: EntityManager, batchId: string): Promise<void> {
    await manager.query(
      `UPDATE payout_batches SET status = 'SETTLED' WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM payout_lines WHERE batch_id = $1 AND status = 'PENDING')`,
      [batchId],
    );
  }
}
