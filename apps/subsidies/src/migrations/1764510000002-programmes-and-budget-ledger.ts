import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programmes and their budget ledger. The programme row carries the balances of its three budget
 * accounts (available, reserved, spent) so that one conditional UPDATE of one row both checks and moves
 * money, which is what keeps a budget from going below zero under concurrent grants; the CHECKs make
 * any bug that would break "reserved + spent + remaining = budget" fail instead of commit.
 * `budget_entries` is the double-entry journal behind those balances: every movement debits one account
 * and credits another (balance = credits - debits; FUNDING is the funder's commitment, at -budget).
 */
export class ProgrammesAndBudgetLedger1764510000002 implements MigrationInterface {
  name = 'ProgrammesAndBudgetLedger1764510000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE programmes (
        id                uuid PRIMARY KEY,
        funder_id         uuid NOT NULL REFERENCES funders (id),
        funder_type       text NOT NULL,
        name              text NOT NULL,
        budget            bigint NOT NULL CHECK (budget > 0),
        coverage_months   integer NOT NULL CHECK (coverage_months BETWEEN 1 AND 24),
        programs          text[] NOT NULL,
        regions           text[],
        occupations       text[],
        income_ceiling    bigint CHECK (income_ceiling > 0),
        quota             integer CHECK (quota > 0),
        starts_on         date NOT NULL,
        ends_on           date NOT NULL,
        selection         text NOT NULL CHECK (selection IN ('AUTOMATIC', 'NOMINATED')),
        available         bigint NOT NULL,
        reserved          bigint NOT NULL DEFAULT 0,
        spent             bigint NOT NULL DEFAULT 0,
        sponsored_workers integer NOT NULL DEFAULT 0,
        exhausted_on      date,
        created_at        timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on >= starts_on),
        CHECK (available >= 0 AND reserved >= 0 AND spent >= 0),
        CHECK (available + reserved + spent = budget),
        CHECK (quota IS NULL OR sponsored_workers <= quota)
      )`);
    await queryRunner.query(`CREATE INDEX programmes_funder ON programmes (funder_id, created_at)`);
    await queryRunner.query(`CREATE INDEX programmes_automatic ON programmes (starts_on, ends_on) WHERE selection = 'AUTOMATIC'`);
    await queryRunner.query(`
      CREATE TABLE budget_entries (
        id               uuid PRIMARY KEY,
        programme_id     uuid NOT NULL REFERENCES programmes (id),
        debit_account    text NOT NULL CHECK (debit_account IN ('FUNDING', 'AVAILABLE', 'RESERVED', 'SPENT')),
        credit_account   text NOT NULL CHECK (credit_account IN ('FUNDING', 'AVAILABLE', 'RESERVED', 'SPENT')),
        amount           bigint NOT NULL CHECK (amount > 0),
        kind             text NOT NULL CHECK (kind IN ('BUDGET', 'RESERVE', 'SPEND', 'RELEASE')),
        sponsorship_id   uuid,
        created_at       timestamptz NOT NULL DEFAULT now(),
        CHECK (debit_account <> credit_account)
      )`);
    await queryRunner.query(`CREATE INDEX budget_entries_programme ON budget_entries (programme_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE budget_entries');
    await queryRunner.query('DROP TABLE programmes');
  }
}
