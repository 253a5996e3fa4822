import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A worker's death and the refunds it brings (docs/rules.md, "A death closes the membership"):
 * - `workers.died_on`: a deceased worker is granted nothing more;
 * - a sponsorship may end `WORKER_DIED` (its months after the month of death released to the budget);
 * - a sponsored month paid for a period after the death and refunded by contributions keeps its refund
 *   (`refund_id`, one per month, and `refunded_amount`), the budget journal a `REFUND` entry (SPENT → AVAILABLE),
 *   and the programme the total it got back (`refunded`), which its figures and the funder's report show.
 *
 * Expand only: nullable or defaulted columns, checks widened (NOT VALID, then validated, so writes are not held
 * while the rows are checked).
 */
export class DeathsAndRefunds1764510000010 implements MigrationInterface {
  name = 'DeathsAndRefunds1764510000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE workers ADD COLUMN died_on date`);
    await queryRunner.query(`ALTER TABLE sponsorships DROP CONSTRAINT sponsorships_end_reason_check`);
    await queryRunner.query(`
      ALTER TABLE sponsorships ADD CONSTRAINT sponsorships_end_reason_check
        CHECK (end_reason IN ('MONTHS_USED', 'WORKER_DEREGISTERED', 'WORKER_DIED', 'PROGRAMME_ENDED')) NOT VALID`);
    await queryRunner.query(`ALTER TABLE sponsorships VALIDATE CONSTRAINT sponsorships_end_reason_check`);
    await queryRunner.query(`ALTER TABLE budget_entries DROP CONSTRAINT budget_entries_kind_check`);
    await queryRunner.query(`
      ALTER TABLE budget_entries ADD CONSTRAINT budget_entries_kind_check
        CHECK (kind IN ('BUDGET', 'RESERVE', 'SPEND', 'RELEASE', 'REFUND')) NOT VALID`);
    await queryRunner.query(`ALTER TABLE budget_entries VALIDATE CONSTRAINT budget_entries_kind_check`);
    await queryRunner.query(`ALTER TABLE sponsored_months ADD COLUMN refund_id uuid, ADD COLUMN refunded_amount bigint`);
    await queryRunner.query(`ALTER TABLE programmes ADD COLUMN refunded bigint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE programmes ADD CONSTRAINT programmes_refunded_check CHECK (refunded >= 0) NOT VALID`);
    await queryRunner.query(`ALTER TABLE programmes VALIDATE CONSTRAINT programmes_refunded_check`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE programmes DROP COLUMN refunded`);
    await queryRunner.query(`ALTER TABLE sponsored_months DROP COLUMN refund_id, DROP COLUMN refunded_amount`);
    await queryRunner.query(`ALTER TABLE budget_entries DROP CONSTRAINT budget_entries_kind_check`);
    await queryRunner.query(
      `ALTER TABLE budget_entries ADD CONSTRAINT budget_entries_kind_check CHECK (kind IN ('BUDGET', 'RESERVE', 'SPEND', 'RELEASE'))`,
    );
    await queryRunner.query(`ALTER TABLE sponsorships DROP CONSTRAINT sponsorships_end_reason_check`);
    await queryRunner.query(`
      ALTER TABLE sponsorships ADD CONSTRAINT sponsorships_end_reason_check
        CHECK (end_reason IN ('MONTHS_USED', 'WORKER_DEREGISTERED', 'PROGRAMME_ENDED'))`);
    await queryRunner.query(`ALTER TABLE workers DROP COLUMN died_on`);
  }
}
