import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@jaring/platform';
import type { ValidRegistration } from '../validation/registration-validation';

export const WORKER_AUDIT_ACTIONS = ['REGISTERED', 'CHANGED', 'HEIRS_REPLACED', 'DEREGISTERED', 'DIED'] as const;
export type WorkerAuditAction = (typeof WORKER_AUDIT_ACTIONS)[number];

/** One write to record: the worker, what happened, the names of the fields it set (never their values). */
export interface WorkerAuditRecord {
  workerId: string;
  action: WorkerAuditAction;
  fields: readonly string[];
  /** The import that registered the worker. */
  importId?: string;
}

/** The fields a registration sets, as the audit trail names them. */
export function registeredFields(registration: ValidRegistration): string[] {
  const fields = ['nik', 'fullName', 'birthDate', 'phone', 'regionCode', 'occupation', 'declaredMonthlyIncome', 'programs'];
  return registration.heirs.length ? [...fields, 'heirs'] : fields;
}

export class AuditActorView {
  @ApiProperty({ example: 'agent-5371', description: "the credential's subject: a person's id at the identity provider, or a client's" })
  subject!: string;
  @ApiProperty({ example: 'agent-5371', description: 'the client the credential was issued to' })
  clientId!: string;
}

export class WorkerAuditEntryView {
  @ApiProperty({ example: '2026-07-15T03:00:00.000Z' }) at!: string;
  @ApiProperty({ enum: WORKER_AUDIT_ACTIONS }) action!: string;
  @ApiProperty({ type: AuditActorView }) actor!: AuditActorView;
  @ApiProperty({ example: ['declaredMonthlyIncome', 'phone'], description: 'the names of the fields the write set, never their values' })
  fields!: string[];
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'the import that registered the worker' })
  importId!: string | null;
}

export class WorkerAuditView {
  @ApiProperty({ type: [WorkerAuditEntryView] }) items!: WorkerAuditEntryView[];
  @ApiProperty() total!: number;
}

interface AuditRow {
  at: Date;
  action: string;
  actor_subject: string;
  actor_client: string;
  fields: string[];
  import_id: string | null;
}

/**
 * The audit trail of workers (`worker_audit`): who registered, changed, gave heirs to, deregistered or recorded
 * the death of each worker, through which client, and when. Written in the transaction of the write it records; append-only
 * (the table's trigger refuses UPDATE, DELETE and TRUNCATE). Identifiers and field names only, never a NIK,
 * a name or a phone number.
 */
@Injectable()
export class WorkerAuditTrail {
  /** Many entries in one statement (an import enrols a thousand workers per batch). */
  async record(manager: EntityManager, actor: Actor, at: Date, records: readonly WorkerAuditRecord[]): Promise<void> {
    if (!records.length) return;
    await manager.query(
      `INSERT INTO worker_audit (worker_id, at, action, actor_subject, actor_client, fields, import_id)
       SELECT r.worker_id, $1, r.action, $2, $3, string_to_array(r.fields, ','), r.import_id
         FROM unnest($4::uuid[], $5::text[], $6::text[], $7::uuid[]) AS r(worker_id, action, fields, import_id)`,
      [
        at,
        actor.subject,
        actor.clientId,
        records.map((r) => r.workerId),
        records.map((r) => r.action),
        records.map((r) => r.fields.join(',')),
        records.map((r) => r.importId ?? null),
      ],
    );
  }

  async list(manager: EntityManager, workerId: string): Promise<WorkerAuditView> {
    const rows = await manager.query<AuditRow[]>(
      `SELECT at, action, actor_subject, actor_client, fields, import_id FROM worker_audit WHERE worker_id = $1 ORDER BY id`,
      [workerId],
    );
    const items = rows.map((row) => ({
      at: row.at.toISOString(),
      action: row.action,
      actor: { subject: row.actor_subject, clientId: row.actor_client },
      fields: row.fields,
      importId: row.import_id,
    }));
    return { items, total: items.length };
  }
}
