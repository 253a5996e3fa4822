import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What happened to sponsored workers after the money, kept for the impact report: claims paid to them
 * or their families (from the claims service) and the contributions they paid themselves (from
 * contributions), only for workers some programme sponsored.
 */
export class Impact1764510000005 implements MigrationInterface {
  name = 'Impact1764510000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE claims_paid (
        claim_id  uuid PRIMARY KEY,
        worker_id uuid NOT NULL,
        type      text NOT NULL,
        kind      text NOT NULL,
        amount    bigint NOT NULL,
        paid_on   date NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX claims_paid_worker ON claims_paid (worker_id)`);
    await queryRunner.query(`
      CREATE TABLE self_payments (
        invoice_id uuid PRIMARY KEY,
        worker_id  uuid NOT NULL,
        period     text NOT NULL,
        amount     bigint NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX self_payments_worker ON self_payments (worker_id, period)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE self_payments');
    await queryRunner.query('DROP TABLE claims_paid');
  }
}
