import { Column, Entity, PrimaryColumn } from 'typeorm';

export type WorkerImportStatus = 'RUNNING' | 'DONE' | 'FAILED';

/** A bulk import: its counters move forward in the same transaction as each batch of rows it enrols. */
@Entity({ name: 'worker_imports' })
export class WorkerImportEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'text' }) status!: WorkerImportStatus;
  @Column({ type: 'integer' }) total!: number;
  @Column({ type: 'integer' }) processed!: number;
  @Column({ type: 'integer' }) enrolled!: number;
  @Column({ type: 'integer' }) duplicates!: number;
  @Column({ type: 'integer' }) failed!: number;
  @Column({ name: 'processed_through', type: 'integer' }) processedThrough!: number;
  @Column({ name: 'file_bytes', type: 'bigint' }) fileBytes!: string;
  @Column({ name: 'file_sha256', type: 'char', length: 64 }) fileSha256!: string;
  @Column({ type: 'text', nullable: true }) failure!: string | null;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  /** Who started it (null for imports received before the audit trail existed). */
  @Column({ name: 'started_by_subject', type: 'text', nullable: true }) startedBySubject!: string | null;
  @Column({ name: 'started_by_client', type: 'text', nullable: true }) startedByClient!: string | null;
  /** The regions its rows may be of: the starter's (an agent's); null for every region. */
  @Column({ name: 'served_regions', type: 'text', array: true, nullable: true }) servedRegions!: string[] | null;
  /** When its refused rows were deleted (IMPORT_FAILED_ROWS_RETENTION_DAYS after it finished); null while kept. */
  @Column({ name: 'failed_rows_purged_at', type: 'timestamptz', nullable: true }) failedRowsPurgedAt!: Date | null;
}

/**
 * An uploaded row, sealed (it holds a NIK, a name and a phone number): waiting to be processed, then, once
 * refused or found a duplicate, kept for the file of refused rows until the purge.
 */
@Entity({ name: 'worker_import_rows' })
export class WorkerImportRowEntity {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' }) importId!: string;
  @PrimaryColumn({ name: 'row_number', type: 'integer' }) rowNumber!: number;
  @Column({ type: 'bytea' }) sealed!: Buffer;
  /** Valid, but its NIK was already registered. */
  @Column({ type: 'boolean' }) duplicate!: boolean;
}

/** One reason a row was not enrolled; row 1 is the first data row. */
@Entity({ name: 'worker_import_errors' })
export class WorkerImportErrorEntity {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' }) importId!: string;
  @PrimaryColumn({ name: 'row_number', type: 'integer' }) rowNumber!: number;
  @PrimaryColumn({ type: 'smallint' }) position!: number;
  @Column({ type: 'text' }) field!: string;
  @Column({ type: 'text' }) reason!: string;
}
