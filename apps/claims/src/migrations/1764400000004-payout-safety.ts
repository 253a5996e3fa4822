import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payout safety (issue 17): bank returns and four eyes wherever money can be redirected.
 * - `payout_lines.status` may be `RETURNED`: the bank gave back a transfer it had reported paid
 *   (`return_reason`, `returned_at`). A returned line is no longer live, so the claim may be paid by a later batch.
 * - `claims.bank_account_changed_by`: who last changed the claimant's bank account; they may neither verify nor
 *   approve the claim. `claims.approvals_required` (fixed at verification: 2 above the configured amount) and
 *   `claims.first_approved_by` (the first of two approvals).
 * - `payout_batch_trail`: the batch's own append-only record of who did what (made it, downloaded its file,
 *   imported results), beside each claim's audit trail.
 */
export class PayoutSafety1764400000004 implements MigrationInterface {
  name = 'PayoutSafety1764400000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`ALTER TABLE payout_lines DROP CONSTRAINT payout_lines_status_check`);
    await q(
      `ALTER TABLE payout_lines ADD CONSTRAINT payout_lines_status_check CHECK (status IN ('PENDING', 'PAID', 'FAILED', 'RETURNED'))`,
    );
    await q(`ALTER TABLE payout_lines ADD COLUMN return_reason text, ADD COLUMN returned_at timestamptz`);
    await q(
      `ALTER TABLE claims ADD COLUMN bank_account_changed_by text, ADD COLUMN first_approved_by text,
         ADD COLUMN approvals_required smallint CHECK (approvals_required IN (1, 2))`,
    );
    await q(`
      CREATE TABLE payout_batch_trail (
        id           bigserial PRIMARY KEY,
        batch_id     uuid NOT NULL REFERENCES payout_batches (id),
        at           timestamptz NOT NULL,
        actor        text NOT NULL,
        actor_client text,
        actor_roles  text[] NOT NULL DEFAULT '{}',
        action       text NOT NULL,
        details      jsonb NOT NULL DEFAULT '{}'
      )`);
    await q(`CREATE INDEX payout_batch_trail_batch ON payout_batch_trail (batch_id, id)`);
    await q(
      `CREATE TRIGGER payout_batch_trail_append_only BEFORE UPDATE OR DELETE ON payout_batch_trail FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only()`,
    );
    await q(
      `CREATE TRIGGER payout_batch_trail_no_truncate BEFORE TRUNCATE ON payout_batch_trail FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DROP TABLE payout_batch_trail`);
    await q(`ALTER TABLE claims DROP COLUMN approvals_required, DROP COLUMN first_approved_by, DROP COLUMN bank_account_changed_by`);
    await q(`ALTER TABLE payout_lines DROP COLUMN returned_at, DROP COLUMN return_reason`);
    await q(`ALTER TABLE payout_lines DROP CONSTRAINT payout_lines_status_check`);
    await q(`ALTER TABLE payout_lines ADD CONSTRAINT payout_lines_status_check CHECK (status IN ('PENDING', 'PAID', 'FAILED'))`);
  }
}
