import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contributions refunded after a death, owed to the death claim's payee and paid with the claim (docs/rules.md,
 * refund):
 * - `contribution_refunds`: each refund of the worker's own contributions (`contributions.contribution.refunded`,
 *   payer SELF), once per refund id; `payout_line_id` is the line carrying it (owed again when that line fails),
 *   `paid_on` set when the bank paid it;
 * - payout lines carry the refund as their own amount (`refund_amount`, part of `amount`), on the claim's own line
 *   (kind `CLAIM`) or, once the claim is paid, on a line of their own (kind `CONTRIBUTION_REFUND`, no benefit);
 * - "never paid twice": a claim still has at most one live claim line, and at most one refund line waiting.
 * Only widening for existing rows: new columns with defaults, checks that every existing line meets.
 */
export class ContributionRefunds1764400000002 implements MigrationInterface {
  name = 'ContributionRefunds1764400000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`
      CREATE TABLE contribution_refunds (
        refund_id      uuid PRIMARY KEY,
        worker_id      uuid NOT NULL,
        invoice_id     uuid NOT NULL,
        period         text NOT NULL CHECK (period ~ '^\\d{4}-\\d{2}$'),
        amount         bigint NOT NULL CHECK (amount > 0),
        received_at    timestamptz NOT NULL,
        payout_line_id uuid REFERENCES payout_lines (id),
        paid_on        date
      )`);
    await q(`CREATE INDEX contribution_refunds_worker ON contribution_refunds (worker_id) WHERE paid_on IS NULL`);
    await q(`
      ALTER TABLE payout_lines
        ADD COLUMN kind text NOT NULL DEFAULT 'CLAIM' CHECK (kind IN ('CLAIM', 'CONTRIBUTION_REFUND')),
        ADD COLUMN refund_amount bigint NOT NULL DEFAULT 0 CHECK (refund_amount >= 0)`);
    // The first migration's checks were unnamed: found by what they say.
    const checks = (await queryRunner.query(
      `SELECT conname FROM pg_constraint WHERE conrelid = 'payout_lines'::regclass AND contype = 'c'
          AND pg_get_constraintdef(oid) IN ('CHECK ((benefit_amount > 0))', 'CHECK ((amount = (benefit_amount + late_penalty)))')`,
    )) as Array<{ conname: string }>;
    if (checks.length !== 2) throw new Error(`payout_lines: expected the benefit and amount checks, found ${checks.length}`);
    for (const { conname } of checks) await q(`ALTER TABLE payout_lines DROP CONSTRAINT "${conname}"`);
    await q(`
      ALTER TABLE payout_lines
        ADD CONSTRAINT payout_lines_benefit_amount_check CHECK (benefit_amount > 0 OR (kind = 'CONTRIBUTION_REFUND' AND benefit_amount = 0)),
        ADD CONSTRAINT payout_lines_amount_check CHECK (amount = benefit_amount + late_penalty + refund_amount AND amount > 0)`);
    await q(`DROP INDEX payout_lines_live_per_claim`);
    await q(
      `CREATE UNIQUE INDEX payout_lines_live_per_claim ON payout_lines (claim_id) WHERE status IN ('PENDING', 'PAID') AND kind = 'CLAIM'`,
    );
    await q(
      `CREATE UNIQUE INDEX payout_lines_waiting_refund_per_claim ON payout_lines (claim_id) WHERE status = 'PENDING' AND kind = 'CONTRIBUTION_REFUND'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DROP INDEX payout_lines_waiting_refund_per_claim`);
    await q(`DROP INDEX payout_lines_live_per_claim`);
    await q(`CREATE UNIQUE INDEX payout_lines_live_per_claim ON payout_lines (claim_id) WHERE status IN ('PENDING', 'PAID')`);
    await q(`ALTER TABLE payout_lines DROP CONSTRAINT payout_lines_benefit_amount_check, DROP CONSTRAINT payout_lines_amount_check`);
    await q(`
      ALTER TABLE payout_lines
        ADD CONSTRAINT payout_lines_benefit_amount_check CHECK (benefit_amount > 0),
        ADD CONSTRAINT payout_lines_check CHECK (amount = benefit_amount + late_penalty)`);
    await q(`ALTER TABLE payout_lines DROP COLUMN refund_amount, DROP COLUMN kind`);
    await q(`DROP TABLE contribution_refunds`);
  }
}
