import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MessagingTables1764100000000 } from './messaging-tables';

/**
 * The outbox and the inbox by cursors instead of a row write per event (design.md, "The outbox and the inbox"):
 *
 * - Each outbox row carries the id of the transaction that wrote it (`txid`). The relay publishes in rounds: a
 *   round is every row written by the transactions in `[published_below, round_below)`, all finished when the
 *   round was chosen, so the round reads the same rows however often it is sent. It numbers them from
 *   `next_sequence` in position order and moves the cursor in one row (`outbox_relay`), instead of marking each
 *   row published.
 * - A consumer keeps, per topic-partition, the last sequence it applied of each outbox (`inbox_positions`), in
 *   the transaction of the batch's effects: an event at or below it was applied already. `processed_events` stays
 *   for messages that do not come from a Jaring outbox (no sequence), one row per event as before.
 *
 * Rows already published before this migration are behind the new cursor; those still waiting are in its first
 * round.
 */
export class MessagingCursors1764100000050 implements MigrationInterface {
  name = 'MessagingCursors1764100000050';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox ADD COLUMN txid xid8`);
    await queryRunner.query(`UPDATE outbox SET txid = CASE WHEN published_at IS NULL THEN pg_current_xact_id() ELSE '1'::xid8 END`);
    await queryRunner.query(`ALTER TABLE outbox ALTER COLUMN txid SET NOT NULL, ALTER COLUMN txid SET DEFAULT pg_current_xact_id()`);
    await queryRunner.query(`DROP INDEX outbox_unpublished`);
    await queryRunner.query(`DROP INDEX outbox_published_at`);
    await queryRunner.query(`ALTER TABLE outbox DROP COLUMN published_at`);
    await queryRunner.query(`CREATE INDEX outbox_by_transaction ON outbox (txid, position)`);
    await queryRunner.query(`
      CREATE TABLE outbox_relay (
        singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        source          uuid    NOT NULL DEFAULT gen_random_uuid(),
        published_below xid8    NOT NULL,
        round_below     xid8,
        next_sequence   bigint  NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`INSERT INTO outbox_relay (published_below) VALUES ('2'::xid8)`);
    // What is written and not yet on Kafka, for people and tests (the relay's own queries use the index directly).
    await queryRunner.query(`
      CREATE VIEW outbox_pending AS
        SELECT outbox.* FROM outbox, outbox_relay WHERE outbox.txid >= outbox_relay.published_below`);
    await queryRunner.query(`
      CREATE TABLE inbox_positions (
        consumer  text    NOT NULL,
        topic     text    NOT NULL,
        partition integer NOT NULL,
        sequences jsonb   NOT NULL DEFAULT '{}',
        PRIMARY KEY (consumer, topic, partition)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE inbox_positions`);
    await queryRunner.query(`DROP VIEW outbox_pending`);
    await queryRunner.query(`ALTER TABLE outbox ADD COLUMN published_at timestamptz`);
    await queryRunner.query(`UPDATE outbox SET published_at = now() WHERE txid < (SELECT published_below FROM outbox_relay)`);
    await queryRunner.query(`DROP TABLE outbox_relay`);
    await queryRunner.query(`DROP INDEX outbox_by_transaction`);
    await queryRunner.query(`ALTER TABLE outbox DROP COLUMN txid`);
    await queryRunner.query(`CREATE INDEX outbox_unpublished ON outbox (position) WHERE published_at IS NULL`);
    await queryRunner.query(`CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL`);
  }
}

/** The messaging tables' migrations, in order: every service's list starts with them. */
export const MESSAGING_MIGRATIONS = [MessagingTables1764100000000, MessagingCursors1764100000050];
