import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The contributions database. Periods are `YYYY-MM` text (they sort as they read); money is bigint
 * rupiah. Invariants the database itself guards:
 * - one live invoice per worker and period (a partial unique index: a VOIDed invoice may be re-issued);
 * - a payment from a channel is recorded once per (channel, externalReference), a funder's payment once
 *   per authorisation (its id is the authorisation id);
 * - nothing pays an invoice beyond what it owes (CHECKs on the paid columns);
 * - ledger journals are written once (the payment id is the journal id).
 * The high-volume child tables (allocations, ledger entries) have no foreign keys: their rows are only
 * ever written in the transaction that writes their payment and journal, and a payment writes about ten
 * rows, so every per-row check and index counts (see the benchmark).
 */
export class ContributionsSchema1764200000000 implements MigrationInterface {
  name = 'ContributionsSchema1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE accounts (
        worker_id         uuid PRIMARY KEY,
        membership_number text NOT NULL,
        region_code       text NOT NULL,
        occupation        text NOT NULL,
        status            text NOT NULL CHECK (status IN ('PENDING_PAYMENT', 'ACTIVE', 'LAPSED', 'DEREGISTERED')),
        registered_on     date NOT NULL,
        billing_from      text NOT NULL,
        paid_through      text,
        lapses_on         date,
        lapsed_on         date,
        deregistered_on   date,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now()
      ) WITH (fillfactor = 80)`);
    // No index but the key: every payment updates its account (paid_through, lapses_on), and with no other
    // index those updates are HOT (in place). The lapse job reads the table once per run instead.
    await queryRunner.query(`
      CREATE TABLE account_terms (
        worker_id               uuid NOT NULL REFERENCES accounts (worker_id),
        effective_from          text NOT NULL,
        declared_monthly_income bigint NOT NULL CHECK (declared_monthly_income >= 0),
        programs                text[] NOT NULL,
        PRIMARY KEY (worker_id, effective_from)
      )`);
    await queryRunner.query(`
      CREATE TABLE sponsorships (
        sponsorship_id uuid PRIMARY KEY,
        worker_id      uuid NOT NULL,
        programme_id   uuid NOT NULL,
        funder_id      uuid NOT NULL,
        funder_type    text NOT NULL,
        payer          text NOT NULL,
        programs       text[] NOT NULL,
        first_period   text NOT NULL,
        last_period    text NOT NULL,
        granted_at     timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX sponsorships_worker ON sponsorships (worker_id, first_period)`);
    await queryRunner.query(`
      CREATE TABLE invoices (
        id                      uuid PRIMARY KEY,
        worker_id               uuid NOT NULL REFERENCES accounts (worker_id),
        period                  text NOT NULL,
        amount                  bigint NOT NULL CHECK (amount >= 0),
        payer                   text NOT NULL,
        status                  text NOT NULL CHECK (status IN ('ISSUED', 'PAID', 'OVERDUE', 'VOID')),
        due_date                date NOT NULL,
        lines                   jsonb NOT NULL,
        declared_monthly_income bigint NOT NULL,
        bracket_nominal         bigint NOT NULL,
        discount_rule           text,
        sponsorship_id          uuid,
        sponsored_programs      text[] NOT NULL DEFAULT '{}',
        sponsored_amount        bigint NOT NULL DEFAULT 0,
        sponsor_paid            bigint NOT NULL DEFAULT 0,
        worker_paid             bigint NOT NULL DEFAULT 0,
        issued_at               timestamptz NOT NULL,
        paid_at                 timestamptz,
        voided_at               timestamptz,
        void_reason             text,
        replaced_by             uuid,
        CHECK (sponsored_amount BETWEEN 0 AND amount),
        CHECK (sponsor_paid BETWEEN 0 AND sponsored_amount),
        CHECK (worker_paid BETWEEN 0 AND amount - sponsored_amount)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX invoices_one_per_worker_period ON invoices (worker_id, period) WHERE status <> 'VOID'`);
    await queryRunner.query(`CREATE INDEX invoices_issued_due ON invoices (due_date) WHERE status = 'ISSUED'`);
    await queryRunner.query(`
      CREATE TABLE payments (
        id                 uuid PRIMARY KEY,
        worker_id          uuid NOT NULL,
        amount             bigint NOT NULL CHECK (amount > 0),
        source             text NOT NULL CHECK (source IN ('CHANNEL', 'FUNDER')),
        paid_by            text NOT NULL,
        channel            text,
        external_reference text,
        months_ahead       integer,
        authorisation_id   uuid,
        sponsorship_id     uuid,
        funder_id          uuid,
        received_at        timestamptz NOT NULL,
        -- A funder's payment takes its authorisation's id as its own: the primary key guards it.
        CHECK (authorisation_id IS NULL OR authorisation_id = id)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX payments_channel_reference ON payments (channel, external_reference) WHERE channel IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX payments_worker ON payments (worker_id)`);
    await queryRunner.query(`
      CREATE TABLE payment_allocations (
        payment_id uuid NOT NULL,
        invoice_id uuid NOT NULL,
        period     text NOT NULL,
        amount     bigint NOT NULL CHECK (amount > 0),
        PRIMARY KEY (payment_id, invoice_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE ledger_journals (
        id        uuid PRIMARY KEY,
        kind      text NOT NULL,
        posted_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ledger_entries (
        journal_id uuid NOT NULL,
        line       integer NOT NULL,
        account    text NOT NULL,
        amount     bigint NOT NULL CHECK (amount <> 0),
        PRIMARY KEY (journal_id, line)
      )`);
    await queryRunner.query(`CREATE INDEX ledger_entries_account ON ledger_entries (account)`);
    await queryRunner.query(`
      CREATE TABLE billing_runs (
        id              uuid PRIMARY KEY,
        period          text NOT NULL,
        status          text NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
        trigger         text NOT NULL,
        workers_billed  integer NOT NULL DEFAULT 0,
        invoices_issued integer NOT NULL DEFAULT 0,
        started_at      timestamptz NOT NULL,
        finished_at     timestamptz,
        error           text
      )`);
    await queryRunner.query(`CREATE INDEX billing_runs_period ON billing_runs (period, started_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'billing_runs',
      'ledger_entries',
      'ledger_journals',
      'payment_allocations',
      'payments',
      'invoices',
      'sponsorships',
      'account_terms',
      'accounts',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
