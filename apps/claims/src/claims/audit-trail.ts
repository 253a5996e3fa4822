import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BackOfficeUser } from '../auth/back-office-user';

export interface AuditEntry {
  at: string;
  actor: string;
  actorRoles: string[];
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}

interface AuditRow {
  at: Date;
  actor: string;
  actor_roles: string[];
  action: string;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}

/** Who acts when no back-office user is signed in: the claimant submitting, the system paying. */
export const CLAIMANT_ACTOR: BackOfficeUser = { id: 'claimant', roles: [] };

/**
 * The audit trail of a claim: who did what, when and why. Append-only (the table's trigger refuses
 * UPDATE, DELETE and TRUNCATE), written in the transaction of the change it records. Never personal
 * data: account numbers appear masked.
 */
@Injectable()
export class AuditTrail {
  async append(
    manager: EntityManager,
    entry: {
      claimId: string;
      at: Date;
      actor: BackOfficeUser;
      action: string;
      fromStatus?: string | null;
      toStatus?: string | null;
      reason?: string | null;
      details?: Record<string, unknown>;
    },
  ): Promise<void> {
    await this.appendMany(manager, entry.at, entry.actor, [entry]);
  }

  /** Many entries in one statement (a payout batch touches hundreds of claims). */
  async appendMany(
    manager: EntityManager,
    at: Date,
    actor: BackOfficeUser,
    entries: ReadonlyArray<{
      claimId: string;
      action: string;
      fromStatus?: string | null;
      toStatus?: string | null;
      reason?: string | null;
      details?: Record<string, unknown>;
    }>,
  ): Promise<void> {
    if (!entries.length) return;
    await manager.query(
      `INSERT INTO claim_audit (claim_id, at, actor, actor_roles, action, from_status, to_status, reason, details)
       SELECT e.claim_id, $1, $2, $3, e.action, e.from_status, e.to_status, e.reason, e.details
       FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[]) AS e(claim_id, action, from_status, to_status, reason, details)`,
      [
        at,
        actor.id,
        actor.roles,
        entries.map((e) => e.claimId),
        entries.map((e) => e.action),
        entries.map((e) => e.fromStatus ?? null),
        entries.map((e) => e.toStatus ?? null),
        entries.map((e) => e.reason ?? null),
        entries.map((e) => JSON.stringify(e.details ?? {})),
      ],
    );
  }

  async list(manager: EntityManager, claimId: string): Promise<AuditEntry[]> {
    const rows = await manager.query<AuditRow[]>(
      `SELECT at, actor, actor_roles, action, from_status, to_status, reason, details FROM claim_audit WHERE claim_id = $1 ORDER BY id`,
      [claimId],
    );
    return rows.map((r) => ({
      at: r.at.toISOString(),
      actor: r.actor,
      actorRoles: r.actor_roles,
      action: r.action,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      reason: r.reason,
      details: r.details,
    }));
  }
}
