import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Funders' webhook endpoints and an outbox of deliveries: a delivery row is written in the transaction of
 * the change it reports, and a sender posts it (signed, Standard Webhooks) with retries and backoff.
 */
export class Webhooks1764510000004 implements MigrationInterface {
  name = 'Webhooks1764510000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_endpoints (
        id          uuid PRIMARY KEY,
        funder_id   uuid NOT NULL REFERENCES funders (id),
        url         text NOT NULL,
        -- NULL: every event the funder can receive.
        events      text[],
        -- The signing secret must be readable to sign with (HMAC is symmetric); it is never shown again.
        secret      text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX webhook_endpoints_funder ON webhook_endpoints (funder_id) WHERE disabled_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id              uuid PRIMARY KEY,
        endpoint_id     uuid NOT NULL REFERENCES webhook_endpoints (id),
        event_type      text NOT NULL,
        -- The exact body sent: the signature covers these bytes, and every retry sends the same ones.
        payload         text NOT NULL,
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        delivered_at    timestamptz,
        failed_at       timestamptz,
        last_status     integer,
        last_error      text,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE webhook_deliveries');
    await queryRunner.query('DROP TABLE webhook_endpoints');
  }
}
