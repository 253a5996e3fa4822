import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who made each write (docs/api.md, "Who may call"): `worker_audit`, one row per registration, change, heir
 * replacement and deregistration of a worker, written in the transaction of the write, naming the caller's
 * subject and client and the fields the write set. Identifiers and field names only: never a NIK, a name or
 * a phone number. Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE.
 *
 * An import remembers who started it (`started_by_subject`, `started_by_client`) and the regions that caller
 * serves (`served_regions`; NULL for every region): its rows are enrolled in the background, under that
 * caller's regions, and an agent may follow only its own imports. Imports received before this migration
 * have no starter: only the back office follows them.
 */
export class WorkerAudit1764200000100 implements MigrationInterface {
  name = 'WorkerAudit1764200000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE worker_imports
        ADD COLUMN started_by_subject text,
        ADD COLUMN started_by_client  text,
        ADD COLUMN served_regions     text[]`);
    await queryRunner.query(`
      CREATE TABLE worker_audit (
        id             bigserial PRIMARY KEY,
        worker_id      uuid        NOT NULL REFERENCES workers (id),
        at             timestamptz NOT NULL,
        action         text        NOT NULL CHECK (action IN ('REGISTERED', 'CHANGED', 'HEIRS_REPLACED', 'DEREGISTERED')),
        actor_subject  text        NOT NULL,
        actor_client   text        NOT NULL,
        -- the names of the fields the write set, e.g. {declaredMonthlyIncome,phone}: never their values
        fields         text[]      NOT NULL DEFAULT '{}',
        -- the import that registered the worker, when one did
        import_id      uuid        REFERENCES worker_imports (id)
      )`);
    await queryRunner.query(`CREATE INDEX worker_audit_by_worker ON worker_audit (worker_id, id)`);
    await queryRunner.query(`
      CREATE FUNCTION worker_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER worker_audit_append_only BEFORE UPDATE OR DELETE ON worker_audit FOR EACH ROW EXECUTE FUNCTION worker_audit_is_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER worker_audit_no_truncate BEFORE TRUNCATE ON worker_audit FOR EACH STATEMENT EXECUTE FUNCTION worker_audit_is_append_only()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE worker_audit`);
    await queryRunner.query(`DROP FUNCTION worker_audit_is_append_only()`);
    await queryRunner.query(
      `ALTER TABLE worker_imports DROP COLUMN started_by_subject, DROP COLUMN started_by_client, DROP COLUMN served_regions`,
    );
  }
}
