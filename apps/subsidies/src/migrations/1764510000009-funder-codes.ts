import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A funder may have a code (`PEMPROV-NTT`): what its staff's sign-in names it by, typed by the identity
 * provider's administrator into a user attribute, as no one types a UUID. Unique; funders registered before
 * have none.
 */
export class FunderCodes1764510000009 implements MigrationInterface {
  name = 'FunderCodes1764510000009';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE funders ADD COLUMN code text CHECK (code ~ '^[A-Z0-9-]{2,40}$')`);
    await queryRunner.query('ALTER TABLE funders ADD CONSTRAINT funders_code_key UNIQUE (code)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE funders DROP COLUMN code');
  }
}
