import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A death ends the membership (docs/rules.md, "A death closes the membership"):
 * - an account may be `DECEASED`, with the date of death;
 * - an invoice of a period after the month of death that had money on it becomes `REFUNDED` (one with nothing
 *   paid becomes `VOID` with the reason `WORKER_DIED`, as before for other reasons);
 * - `contribution_refunds`: what went back to whom, one row per payer's part of an invoice (the part is the
 *   worker's or the sponsor's lines, whole), never two for the same part (a unique index: a refund is made once);
 *   its id is the `refundId` of `contributions.contribution.refunded` and of its ledger journal.
 * Only widening: the new statuses are added to the CHECKs (NOT VALID, then validated without blocking writes),
 * so pods of the previous release keep writing what they wrote.
 */
export class WorkerDeaths1764200000300 implements MigrationInterface {
  name = 'WorkerDeaths1764200000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE accounts ADD COLUMN died_on date`);
    await queryRunner.query(`ALTER TABLE accounts DROP CONSTRAINT accounts_status_check`);
    await queryRunner.query(`
      ALTER TABLE accounts ADD CONSTRAINT accounts_status_check
        CHECK (status IN ('PENDING_PAYMENT', 'ACTIVE', 'LAPSED', 'DEREGISTERED', 'DECEASED')) NOT VALID`);
    await queryRunner.query(`ALTER TABLE accounts VALIDATE CONSTRAINT accounts_status_check`);
    await queryRunner.query(`ALTER TABLE invoices DROP CONSTRAINT invoices_status_check`);
    await queryRunner.query(`
      ALTER TABLE invoices ADD CONSTRAINT invoices_status_check
        CHECK (status IN ('ISSUED', 'PAID', 'OVERDUE', 'VOID', 'REFUNDED')) NOT VALID`);
    await queryRunner.query(`ALTER TABLE invoices VALIDATE CONSTRAINT invoices_status_check`);
    await queryRunner.query(`
      CREATE TABLE contribution_refunds (
        id               uuid PRIMARY KEY,
        invoice_id       uuid NOT NULL,
        worker_id        uuid NOT NULL,
        period           text NOT NULL,
        part             text NOT NULL CHECK (part IN ('WORKER', 'SPONSOR')),
        payer            text NOT NULL,
        amount           bigint NOT NULL CHECK (amount > 0),
        reason           text NOT NULL,
        payment_id       uuid NOT NULL,
        sponsorship_id   uuid,
        authorisation_id uuid,
        funder_id        uuid,
        refunded_at      timestamptz NOT NULL,
        UNIQUE (invoice_id, part)
      )`);
    await queryRunner.query(`CREATE INDEX contribution_refunds_worker ON contribution_refunds (worker_id, period)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE contribution_refunds`);
    await queryRunner.query(`ALTER TABLE invoices DROP CONSTRAINT invoices_status_check`);
    await queryRunner.query(
      `ALTER TABLE invoices ADD CONSTRAINT invoices_status_check CHECK (status IN ('ISSUED', 'PAID', 'OVERDUE', 'VOID'))`,
    );
    await queryRunner.query(`ALTER TABLE accounts DROP CONSTRAINT accounts_status_check`);
    await queryRunner.query(`
      ALTER TABLE accounts ADD CONSTRAINT accounts_status_check CHECK (status IN ('PENDING_PAYMENT', 'ACTIVE', 'LAPSED', 'DEREGISTERED'))`);
    await queryRunner.query(`ALTER TABLE accounts DROP COLUMN died_on`);
  }
}
