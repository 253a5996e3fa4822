import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A webhook delivery keeps the start of the partner's answer to its last attempt (at most
 * WEBHOOK_RESPONSE_EXCERPT_BYTES): why a receiver refused, for whoever looks into a failing endpoint.
 */
export class DeliveriesKeepTheAnswer1764510000008 implements MigrationInterface {
  name = 'DeliveriesKeepTheAnswer1764510000008';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE webhook_deliveries ADD COLUMN last_response text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE webhook_deliveries DROP COLUMN last_response');
  }
}
