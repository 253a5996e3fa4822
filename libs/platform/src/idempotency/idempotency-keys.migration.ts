import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stored answers of `Idempotency-Key` requests. A service whose writes take the header adds this
 * migration to its own list (each service has its own database).
 *
 * `response_body` is `json`, not `jsonb`, so a replay returns the first answer byte for byte (jsonb
 * would reorder its keys). `created_at` lets old keys be purged (Stripe keeps them 24 hours).
 */
export class IdempotencyKeysTable1764100000100 implements MigrationInterface {
  name = 'IdempotencyKeysTable1764100000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        scope           text        NOT NULL,
        key             text        NOT NULL,
        request_hash    text        NOT NULL,
        response_status integer     NOT NULL,
        response_body   json        NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    await queryRunner.query(`CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
  }
}
