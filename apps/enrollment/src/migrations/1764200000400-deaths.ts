import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A worker's death (docs/rules.md, "A death closes the membership"): status `DECEASED` with the date of death,
 * not the same as leaving. `death_source` says who established it: a paid death claim (`death_claim_id`) or the
 * back office, whose death certificate number is sealed like the rest of the worker's personal data (never in
 * clear, never in an event). The audit trail gains the action `DIED`.
 *
 * Expand only: new nullable columns, and the status and audit-action checks widened (added NOT VALID, then
 * validated, so the table is not locked against writes while its rows are checked).
 */
export class Deaths1764200000400 implements MigrationInterface {
  name = 'Deaths1764200000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE workers
        ADD COLUMN died_on                  date,
        ADD COLUMN death_recorded_on        date,
        ADD COLUMN death_source             text CHECK (death_source IN ('DEATH_CLAIM', 'BACK_OFFICE')),
        ADD COLUMN death_claim_id           uuid,
        ADD COLUMN death_certificate_sealed bytea`);
    await queryRunner.query(`ALTER TABLE workers DROP CONSTRAINT workers_status_check`);
    await queryRunner.query(`
      ALTER TABLE workers ADD CONSTRAINT workers_status_check
        CHECK (status IN ('PENDING_PAYMENT', 'ACTIVE', 'LAPSED', 'DEREGISTERED', 'DECEASED')) NOT VALID`);
    await queryRunner.query(`ALTER TABLE workers VALIDATE CONSTRAINT workers_status_check`);
    // A deceased worker has a date of death, and only a deceased one.
    await queryRunner.query(`
      ALTER TABLE workers ADD CONSTRAINT workers_death_has_a_date
        CHECK ((status = 'DECEASED') = (died_on IS NOT NULL)) NOT VALID`);
    await queryRunner.query(`ALTER TABLE workers VALIDATE CONSTRAINT workers_death_has_a_date`);
    await queryRunner.query(`ALTER TABLE worker_audit DROP CONSTRAINT worker_audit_action_check`);
    await queryRunner.query(`
      ALTER TABLE worker_audit ADD CONSTRAINT worker_audit_action_check
        CHECK (action IN ('REGISTERED', 'CHANGED', 'HEIRS_REPLACED', 'DEREGISTERED', 'DIED')) NOT VALID`);
    await queryRunner.query(`ALTER TABLE worker_audit VALIDATE CONSTRAINT worker_audit_action_check`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE worker_audit DROP CONSTRAINT worker_audit_action_check`);
    await queryRunner.query(`
      ALTER TABLE worker_audit ADD CONSTRAINT worker_audit_action_check
        CHECK (action IN ('REGISTERED', 'CHANGED', 'HEIRS_REPLACED', 'DEREGISTERED'))`);
    await queryRunner.query(`ALTER TABLE workers DROP CONSTRAINT workers_death_has_a_date`);
    await queryRunner.query(`ALTER TABLE workers DROP CONSTRAINT workers_status_check`);
    await queryRunner.query(`
      ALTER TABLE workers ADD CONSTRAINT workers_status_check
        CHECK (status IN ('PENDING_PAYMENT', 'ACTIVE', 'LAPSED', 'DEREGISTERED'))`);
    await queryRunner.query(`
      ALTER TABLE workers DROP COLUMN died_on, DROP COLUMN death_recorded_on, DROP COLUMN death_source,
        DROP COLUMN death_claim_id, DROP COLUMN death_certificate_sealed`);
  }
}
