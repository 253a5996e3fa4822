import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ScholarshipYearClaimed, SchoolLevel } from '@jaring/domain';
import { rupiah } from '@jaring/platform';
import type { ClaimRecord } from './claim-record';

const COLUMNS = `id, worker_id, type, kind, incident_date::text, submitted_on::text, claimant_relationship, claimant_nik_hash,
  claimant_sealed, bank_account_sealed, bank_account_masked, details, eligible, reasons, awaiting_facts, benefit, benefit_total::text,
  status, once_key, documents, documents_complete_on::text, due_on::text, verified_by, approved_by, rejection_reason,
  payout_hold, paid_on::text, paid_amount::text, late_penalty::text,
  first_approved_by, approvals_required, bank_account_changed_by`;

/** The claims table, in SQL (dates as text, money as exact numbers). */
@Injectable()
export class ClaimRepository {
  async insert(manager: EntityManager, claim: ClaimRecord, submittedAt: Date): Promise<void> {
    await manager.query(
      `INSERT INTO claims (id, worker_id, type, kind, incident_date, submitted_on, submitted_at, claimant_relationship, claimant_nik_hash,
         claimant_sealed, bank_account_sealed, bank_account_masked, details, eligible, reasons, benefit, benefit_total, status, once_key,
         documents, documents_complete_on, due_on, awaiting_facts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`,
      [
        claim.id,
        claim.workerId,
        claim.type,
        claim.kind,
        claim.incidentDate,
        claim.submittedOn,
        submittedAt,
        claim.claimantRelationship,
        claim.claimantNikHash,
        claim.claimantSealed,
        claim.bankAccountSealed,
        claim.bankAccountMasked,
        JSON.stringify(claim.details),
        claim.eligible,
        JSON.stringify(claim.reasons),
        JSON.stringify(claim.benefit),
        claim.benefitTotal,
        claim.status,
        claim.onceKey,
        claim.documents,
        claim.documentsCompleteOn,
        claim.dueOn,
        claim.awaitingFacts,
      ],
    );
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<ClaimRecord | undefined> {
    const [row] = await manager.query<ClaimRow[]>(`SELECT ${COLUMNS} FROM claims WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ? toRecord(row) : undefined;
  }

  /** The status of each of these claims, locked (in id order) for the caller's transaction. */
  async lockStatuses(manager: EntityManager, ids: readonly string[]): Promise<Map<string, ClaimRecord['status']>> {
    const rows = await manager.query<Array<{ id: string; status: ClaimRecord['status'] }>>(
      `SELECT id, status FROM claims WHERE id = ANY ($1::uuid[]) ORDER BY id FOR UPDATE`,
      [[...ids]],
    );
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  /**
   * The live claim holding a once-per-worker key: for a death any unrejected claim (pending, ineligible or
   * eligible: one death, one live claim); for a JHT balance an eligible unrejected one.
   */
  async activeOnce(
    manager: EntityManager,
    workerId: string,
    onceKey: string,
  ): Promise<{ id: string; status: ClaimRecord['status']; eligible: boolean } | undefined> {
    const [row] = await manager.query<Array<{ id: string; status: ClaimRecord['status']; eligible: boolean }>>(
      `SELECT id, status, eligible FROM claims
        WHERE worker_id = $1 AND once_key = $2 AND status <> 'REJECTED' AND (eligible OR once_key = 'DEATH')
        ORDER BY submitted_at DESC LIMIT 1`,
      [workerId, onceKey],
    );
    return row;
  }

  /** The school years of scholarships claimed (and not rejected) for a worker's children. */
  async scholarshipsOf(manager: EntityManager, workerId: string): Promise<ScholarshipYearClaimed[]> {
    const rows = await manager.query<Array<{ child_id: string; level: SchoolLevel; school_year: number; amount: string }>>(
      `SELECT details->>'childId' AS child_id, details->>'level' AS level, (details->>'schoolYear')::int AS school_year, benefit_total::text AS amount
         FROM claims WHERE worker_id = $1 AND kind = 'SCHOLARSHIP' AND status <> 'REJECTED' ORDER BY submitted_at`,
      [workerId],
    );
    return rows.map((r) => ({ childId: r.child_id, level: r.level, schoolYear: r.school_year, amount: rupiah(r.amount) }));
  }

  /** The claims of these workers waiting for facts, locked (in id order; one another's consumer or sweep skipped). */
  async pendingOf(manager: EntityManager, workerIds: readonly string[]): Promise<ClaimRecord[]> {
    const rows = await manager.query<ClaimRow[]>(
      `SELECT ${COLUMNS} FROM claims WHERE status = 'PENDING_FACTS' AND worker_id = ANY ($1::uuid[]) ORDER BY id FOR UPDATE SKIP LOCKED`,
      [[...workerIds]],
    );
    return rows.map(toRecord);
  }

  /** The workers of the claims waiting for facts since `submittedBy` or earlier, the oldest claims first (no lock). */
  async workersPendingSince(manager: EntityManager, submittedBy: Date, limit: number): Promise<string[]> {
    const rows = await manager.query<Array<{ worker_id: string }>>(
      `SELECT worker_id FROM claims WHERE status = 'PENDING_FACTS' AND submitted_at <= $1 ORDER BY submitted_at, id LIMIT $2`,
      [submittedBy, limit],
    );
    return [...new Set(rows.map((row) => row.worker_id))];
  }

  /**
   * These workers' claims waiting for facts since `submittedBy` or earlier, the oldest first, locked (skipping
   * those another holds).
   */
  async pendingSince(manager: EntityManager, submittedBy: Date, workerIds: readonly string[]): Promise<ClaimRecord[]> {
    const rows = await manager.query<ClaimRow[]>(
      `SELECT ${COLUMNS} FROM claims WHERE status = 'PENDING_FACTS' AND submitted_at <= $1 AND worker_id = ANY ($2::uuid[])
        ORDER BY submitted_at, id FOR UPDATE SKIP LOCKED`,
      [submittedBy, [...workerIds]],
    );
    return rows.map(toRecord);
  }

  /** A claim's eligibility decided again (facts arrived, the wait over, a reassessment): its decision and benefit. */
  async redecided(
    manager: EntityManager,
    id: string,
    decision: Pick<ClaimRecord, 'status' | 'eligible' | 'reasons' | 'awaitingFacts' | 'benefit' | 'benefitTotal' | 'dueOn'>,
  ): Promise<void> {
    await manager.query(
      `UPDATE claims SET status = $2, eligible = $3, reasons = $4, awaiting_facts = $5, benefit = $6, benefit_total = $7, due_on = $8
        WHERE id = $1`,
      [
        id,
        decision.status,
        decision.eligible,
        JSON.stringify(decision.reasons),
        decision.awaitingFacts,
        JSON.stringify(decision.benefit),
        decision.benefitTotal,
        decision.dueOn,
      ],
    );
  }

  /** Writes the changed columns of a claim (never its identity, claimant or benefit). */
  async update(manager: EntityManager, id: string, changes: Partial<Pick<ClaimRecord, Updatable>>): Promise<void> {
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined) as Array<[Updatable, unknown]>;
    if (!entries.length) return;
    const sets = entries.map(([key], i) => `${UPDATABLE_COLUMNS[key]} = $${i + 2}`);
    await manager.query(`UPDATE claims SET ${sets.join(', ')} WHERE id = $1`, [id, ...entries.map(([, v]) => v)]);
  }
}

type Updatable =
  | 'status'
  | 'documents'
  | 'documentsCompleteOn'
  | 'dueOn'
  | 'verifiedBy'
  | 'approvedBy'
  | 'rejectionReason'
  | 'payoutHold'
  | 'bankAccountSealed'
  | 'bankAccountMasked'
  | 'paidOn'
  | 'paidAmount'
  | 'latePenalty'
  | 'firstApprovedBy'
  | 'approvalsRequired'
  | 'bankAccountChangedBy';

const UPDATABLE_COLUMNS: Record<Updatable, string> = {
  status: 'status',
  documents: 'documents',
  documentsCompleteOn: 'documents_complete_on',
  dueOn: 'due_on',
  verifiedBy: 'verified_by',
  approvedBy: 'approved_by',
  rejectionReason: 'rejection_reason',
  payoutHold: 'payout_hold',
  bankAccountSealed: 'bank_account_sealed',
  bankAccountMasked: 'bank_account_masked',
  paidOn: 'paid_on',
  paidAmount: 'paid_amount',
  latePenalty: 'late_penalty',
  firstApprovedBy: 'first_approved_by',
  approvalsRequired: 'approvals_required',
  bankAccountChangedBy: 'bank_account_changed_by',
};

/** A row of `COLUMNS`: dates and money as text. */
interface ClaimRow {
  id: string;
  worker_id: string;
  type: ClaimRecord['type'];
  kind: ClaimRecord['kind'];
  incident_date: string;
  submitted_on: string;
  claimant_relationship: string;
  claimant_nik_hash: string;
  claimant_sealed: Buffer;
  bank_account_sealed: Buffer;
  bank_account_masked: string;
  details: Record<string, unknown>;
  eligible: boolean;
  reasons: ClaimRecord['reasons'];
  awaiting_facts: ClaimRecord['awaitingFacts'];
  benefit: ClaimRecord['benefit'];
  benefit_total: string;
  status: ClaimRecord['status'];
  once_key: string | null;
  documents: string[];
  documents_complete_on: string | null;
  due_on: string | null;
  verified_by: string | null;
  approved_by: string | null;
  rejection_reason: string | null;
  payout_hold: ClaimRecord['payoutHold'];
  paid_on: string | null;
  paid_amount: string | null;
  late_penalty: string | null;
  first_approved_by: string | null;
  approvals_required: ClaimRecord['approvalsRequired'];
  bank_account_changed_by: string | null;
}

function toRecord(r: ClaimRow): ClaimRecord {
  return {
    id: r.id,
    workerId: r.worker_id,
    type: r.type,
    kind: r.kind,
    incidentDate: r.incident_date,
    submittedOn: r.submitted_on,
    claimantRelationship: r.claimant_relationship,
    claimantNikHash: r.claimant_nik_hash,
    claimantSealed: r.claimant_sealed,
    bankAccountSealed: r.bank_account_sealed,
    bankAccountMasked: r.bank_account_masked,
    details: r.details,
    eligible: r.eligible,
    reasons: r.reasons,
    awaitingFacts: r.awaiting_facts,
    benefit: r.benefit,
    benefitTotal: rupiah(r.benefit_total),
    status: r.status,
    onceKey: r.once_key,
    documents: r.documents,
    documentsCompleteOn: r.documents_complete_on,
    dueOn: r.due_on,
    verifiedBy: r.verified_by,
    approvedBy: r.approved_by,
    rejectionReason: r.rejection_reason,
    payoutHold: r.payout_hold,
    paidOn: r.paid_on,
    paidAmount: r.paid_amount === null ? null : rupiah(r.paid_amount),
    latePenalty: r.late_penalty === null ? null : rupiah(r.late_penalty),
    firstApprovedBy: r.first_approved_by,
    approvalsRequired: r.approvals_required,
    bankAccountChangedBy: r.bank_account_changed_by,
  };
}
