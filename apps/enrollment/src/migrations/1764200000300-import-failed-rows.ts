import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The refused rows of an import, kept to be fixed and uploaded again (docs/api.md, "Worker import",
 * `GET /v1/worker-imports/{id}/failed-rows`). When an import finishes, its staged rows (sealed) are no longer
 * all deleted: those refused (with their reasons in `worker_import_errors`) and those whose NIK was already
 * registered (`duplicate`) stay, the enrolled ones go. A periodic purge deletes them
 * `IMPORT_FAILED_ROWS_RETENTION_DAYS` after the import finished and notes when (`failed_rows_purged_at`).
 *
 * Imports finished before this migration deleted all their rows when they finished: they are marked purged then.
 */
export class ImportFailedRows1764200000300 implements MigrationInterface {
  name = 'ImportFailedRows1764200000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE worker_import_rows ADD COLUMN duplicate boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE worker_imports ADD COLUMN failed_rows_purged_at timestamptz`);
    await queryRunner.query(`UPDATE worker_imports SET failed_rows_purged_at = finished_at WHERE status <> 'RUNNING'`);
    await queryRunner.query(`CREATE INDEX worker_imports_newest ON worker_imports (received_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX worker_imports_newest`);
    await queryRunner.query(`ALTER TABLE worker_imports DROP COLUMN failed_rows_purged_at`);
    await queryRunner.query(`ALTER TABLE worker_import_rows DROP COLUMN duplicate`);
  }
}
