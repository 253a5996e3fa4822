import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A journal becomes one row with its lines (`accounts`, `amounts`, in line order), and the database itself
 * refuses one whose lines do not sum to zero, or with an empty line, or fewer than two (the code refused
 * them already, see `balanced` in domain/ledger.ts). `ledger_entries` stays, as a view of the lines, for
 * reading. The index by account goes: nothing reads an account's lines but reports over whole funds; a
 * per-account reader would add `CREATE INDEX ... USING gin (accounts)` and ask `accounts @> ARRAY[...]`.
 */
export class PackedJournals1764200000400 implements MigrationInterface {
  name = 'PackedJournals1764200000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ledger_journals ADD COLUMN accounts text[], ADD COLUMN amounts bigint[]`);
    await queryRunner.query(`
      UPDATE ledger_journals j SET accounts = e.accounts, amounts = e.amounts
        FROM (SELECT journal_id, array_agg(account ORDER BY line) AS accounts, array_agg(amount ORDER BY line) AS amounts
                FROM ledger_entries GROUP BY journal_id) e
       WHERE e.journal_id = j.id`);
    await queryRunner.query(`
      CREATE FUNCTION ledger_lines_balance(accounts text[], amounts bigint[]) RETURNS boolean
        LANGUAGE sql IMMUTABLE
        AS $$ SELECT cardinality(accounts) = cardinality(amounts) AND cardinality(amounts) >= 2
                     AND array_position(amounts, 0::bigint) IS NULL
                     AND (SELECT sum(a) FROM unnest(amounts) AS a) = 0 $$`);
    await queryRunner.query(`
      ALTER TABLE ledger_journals
        ALTER COLUMN accounts SET NOT NULL,
        ALTER COLUMN amounts SET NOT NULL,
        ADD CONSTRAINT ledger_journals_balance CHECK (ledger_lines_balance(accounts, amounts))`);
    await queryRunner.query(`DROP TABLE ledger_entries`);
    await queryRunner.query(`
      CREATE VIEW ledger_entries AS
        SELECT j.id AS journal_id, (e.line - 1)::int AS line, e.account, e.amount
          FROM ledger_journals j, unnest(j.accounts, j.amounts) WITH ORDINALITY AS e(account, amount, line)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER VIEW ledger_entries RENAME TO ledger_lines`);
    await queryRunner.query(`
      CREATE TABLE ledger_entries (
        journal_id uuid NOT NULL,
        line       integer NOT NULL,
        account    text NOT NULL,
        amount     bigint NOT NULL CHECK (amount <> 0),
        PRIMARY KEY (journal_id, line)
      )`);
    await queryRunner.query(`INSERT INTO ledger_entries SELECT journal_id, line, account, amount FROM ledger_lines`);
    await queryRunner.query(`CREATE INDEX ledger_entries_account ON ledger_entries (account)`);
    await queryRunner.query(`DROP VIEW ledger_lines`);
    await queryRunner.query(
      `ALTER TABLE ledger_journals DROP CONSTRAINT ledger_journals_balance, DROP COLUMN accounts, DROP COLUMN amounts`,
    );
    await queryRunner.query(`DROP FUNCTION ledger_lines_balance(text[], bigint[])`);
  }
}
