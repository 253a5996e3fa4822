import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Caller } from '@jaring/platform';

export interface AuditEntry {
  at: string;
  /** The caller's subject at the identity provider: a person's or a client's id, never a name. */
  actor: string;
  /** The OAuth client the call came through (null on entries written before it was recorded). */
  actorClientId: string | null;
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
  actor_client: string | null;
  actor_roles: string[];
  action: string;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}

/** Who acted, as the access guard identified them: subject, client and the roles they held. */
export type AuditActor = Pick<Caller, 'subject' | 'clientId' | 'roles'>;

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
      actor: AuditActor;
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
    actor: AuditActor,
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
      `INSERT INTO claim_audit (claim_id, at, actor, actor_client, actor_roles, action, from_status, to_status, reason, details)
       SELECT e.claim_id, $1, $2, $3, $4, e.action, e.from_status, e.to_status, e.reason, e.details
       FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[]) AS e(claim_id, action, from_status, to_status, reason, details)`,
      [
        at,
        actor.subject,
        actor.clientId,
        [...actor.roles],
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
      `SELECT at, actor, actor_client, actor_roles, action, from_status, to_status, reason, details FROM claim_audit WHERE claim_id = $1 ORDER BY id`,
      [claimId],
    );
    return rows.map((r) => ({
      at: r.at.toISOString(),
      actor: r.actor,
      actorClientId: r.actor_client,
      actorRoles: r.actor_roles,
      action: r.action,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      reason: r.reason,
      details: r.details,
    }));
  }
}
