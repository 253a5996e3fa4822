import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who made each write (docs/api.md, "Who may call"), as identifiers from the caller's credential (the
 * token's subject and the OAuth client), never a name:
 * - a channel's payment: who recorded it. Funders' payments come from subsidies' events (their origin is the
 *   authorisation, whose id they take) and keep these empty. Payments recorded before this migration keep
 *   them empty too: the CHECK holds for new rows only (NOT VALID, so the table is not scanned).
 * - a billing run: who requested it; a scheduled run says so (`schedule`). Earlier scheduled runs are
 *   marked as such; earlier runs over HTTP stay unknown.
 * - arrears runs, which left no row before: one per run requested over HTTP, and one per scheduled run
 *   that changed something (the schedule looks every minute; a look that finds nothing writes nothing).
 */
export class AuditFields1764200000200 implements MigrationInterface {
  name = 'AuditFields1764200000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE payments ADD COLUMN recorded_by_subject text, ADD COLUMN recorded_by_client text`);
    await queryRunner.query(`
      ALTER TABLE payments ADD CONSTRAINT payments_channel_recorded_by
        CHECK (source <> 'CHANNEL' OR (recorded_by_subject IS NOT NULL AND recorded_by_client IS NOT NULL)) NOT VALID`);
    await queryRunner.query(`ALTER TABLE billing_runs ADD COLUMN requested_by_subject text, ADD COLUMN requested_by_client text`);
    await queryRunner.query(
      `UPDATE billing_runs SET requested_by_subject = 'schedule', requested_by_client = 'contributions' WHERE trigger = 'SCHEDULE'`,
    );
    await queryRunner.query(`
      CREATE TABLE arrears_runs (
        id                   uuid PRIMARY KEY,
        as_of                date NOT NULL,
        status               text NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
        trigger              text NOT NULL CHECK (trigger IN ('HTTP', 'SCHEDULE')),
        requested_by_subject text NOT NULL,
        requested_by_client  text NOT NULL,
        overdue              integer NOT NULL DEFAULT 0,
        lapsed               integer NOT NULL DEFAULT 0,
        started_at           timestamptz NOT NULL,
        finished_at          timestamptz,
        error                text
      )`);
    await queryRunner.query(`CREATE INDEX arrears_runs_started ON arrears_runs (started_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE arrears_runs`);
    await queryRunner.query(`ALTER TABLE billing_runs DROP COLUMN requested_by_subject, DROP COLUMN requested_by_client`);
    await queryRunner.query(`ALTER TABLE payments DROP CONSTRAINT payments_channel_recorded_by`);
    await queryRunner.query(`ALTER TABLE payments DROP COLUMN recorded_by_subject, DROP COLUMN recorded_by_client`);
  }
}
