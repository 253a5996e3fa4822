import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The claims service's tables:
 * - read models of other services' events: `workers` (with heirs, by keyed NIK hash only),
 *   `worker_terms` (declared income and programmes from a period on), `coverage_periods`, `coverage_lapses`;
 * - `claims` (claimant data sealed), `claim_audit` (append-only: a trigger refuses UPDATE, DELETE, TRUNCATE);
 * - payouts: `payout_batches`, `payout_lines` (a claim has at most one live or paid line), and the
 *   double-entry `ledger_entries` (append-only as well; ids chosen by the caller, so a replay posts nothing).
 */
export class ClaimsTables1764400000000 implements MigrationInterface {
  name = 'ClaimsTables1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`
      CREATE TABLE workers (
        worker_id         uuid PRIMARY KEY,
        membership_number text NOT NULL,
        nik_hash          text NOT NULL,
        birth_date        date NOT NULL,
        registered_on     date NOT NULL,
        occupation        text NOT NULL,
        heirs             jsonb NOT NULL DEFAULT '[]',
        deregistered_on   date
      )`);
    await q(`
      CREATE TABLE worker_terms (
        worker_id               uuid NOT NULL,
        effective_from          text NOT NULL CHECK (effective_from ~ '^\\d{4}-\\d{2}$'),
        declared_monthly_income bigint NOT NULL CHECK (declared_monthly_income >= 0),
        programs                text[] NOT NULL,
        PRIMARY KEY (worker_id, effective_from)
      )`);
    await q(`
      CREATE TABLE coverage_periods (
        worker_id uuid NOT NULL,
        period    text NOT NULL CHECK (period ~ '^\\d{4}-\\d{2}$'),
        program   text NOT NULL CHECK (program IN ('JKK', 'JKM', 'JHT')),
        PRIMARY KEY (worker_id, program, period)
      )`);
    await q(`
      CREATE TABLE coverage_lapses (
        event_id         uuid PRIMARY KEY,
        worker_id        uuid NOT NULL,
        lapsed_on        date NOT NULL,
        last_covered_day date,
        reason           text NOT NULL
      )`);
    await q(`CREATE INDEX coverage_lapses_worker ON coverage_lapses (worker_id, lapsed_on)`);

    await q(`
      CREATE TABLE claims (
        id                    uuid PRIMARY KEY,
        worker_id             uuid NOT NULL,
        type                  text NOT NULL CHECK (type IN ('JKM', 'JKK', 'JHT')),
        kind                  text NOT NULL,
        incident_date         date NOT NULL,
        submitted_on          date NOT NULL,
        submitted_at          timestamptz NOT NULL,
        claimant_relationship text NOT NULL,
        claimant_nik_hash     text NOT NULL,
        claimant_sealed       bytea NOT NULL,
        bank_account_sealed   bytea NOT NULL,
        bank_account_masked   text NOT NULL,
        details               jsonb NOT NULL,
        eligible              boolean NOT NULL,
        reasons               jsonb NOT NULL,
        benefit               jsonb NOT NULL,
        benefit_total         bigint NOT NULL CHECK (benefit_total >= 0),
        status                text NOT NULL CHECK (status IN ('SUBMITTED', 'VERIFIED', 'APPROVED', 'REJECTED', 'PAID')),
        once_key              text,
        documents             text[] NOT NULL DEFAULT '{}',
        documents_complete_on date,
        due_on                date,
        verified_by           text,
        approved_by           text,
        rejection_reason      text,
        payout_hold           text,
        paid_on               date,
        paid_amount           bigint,
        late_penalty          bigint
      )`);
    // One death paid once, one JHT balance paid once: the business key behind the 409.
    await q(
      `CREATE UNIQUE INDEX claims_once_per_worker ON claims (worker_id, once_key) WHERE once_key IS NOT NULL AND eligible AND status <> 'REJECTED'`,
    );
    await q(`CREATE INDEX claims_worker ON claims (worker_id)`);
    await q(`CREATE INDEX claims_open_due ON claims (due_on) WHERE status IN ('SUBMITTED', 'VERIFIED', 'APPROVED') AND due_on IS NOT NULL`);
    await q(`CREATE INDEX claims_approved ON claims (id) WHERE status = 'APPROVED'`);

    await q(`
      CREATE TABLE claim_audit (
        id          bigserial PRIMARY KEY,
        claim_id    uuid NOT NULL REFERENCES claims (id),
        at          timestamptz NOT NULL,
        actor       text NOT NULL,
        actor_roles text[] NOT NULL DEFAULT '{}',
        action      text NOT NULL,
        from_status text,
        to_status   text,
        reason      text,
        details     jsonb NOT NULL DEFAULT '{}'
      )`);
    await q(`CREATE INDEX claim_audit_claim ON claim_audit (claim_id, id)`);
    await q(`
      CREATE FUNCTION refuse_change_of_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);

    await q(`
      CREATE TABLE payout_batches (
        id          uuid PRIMARY KEY,
        created_on  date NOT NULL,
        created_at  timestamptz NOT NULL,
        created_by  text NOT NULL,
        status      text NOT NULL CHECK (status IN ('OPEN', 'SETTLED')),
        line_count  integer NOT NULL CHECK (line_count > 0),
        total       bigint NOT NULL CHECK (total > 0)
      )`);
    await q(`
      CREATE TABLE payout_lines (
        id                  uuid PRIMARY KEY,
        batch_id            uuid NOT NULL REFERENCES payout_batches (id),
        line_no             integer NOT NULL,
        claim_id            uuid NOT NULL REFERENCES claims (id),
        worker_id           uuid NOT NULL,
        benefit_amount      bigint NOT NULL CHECK (benefit_amount > 0),
        late_penalty        bigint NOT NULL CHECK (late_penalty >= 0),
        days_late           integer NOT NULL CHECK (days_late >= 0),
        amount              bigint NOT NULL CHECK (amount = benefit_amount + late_penalty),
        components          jsonb NOT NULL,
        bank_account_sealed bytea NOT NULL,
        status              text NOT NULL CHECK (status IN ('PENDING', 'PAID', 'FAILED')),
        failure_reason      text,
        bank_reference      text,
        answered_at         timestamptz,
        UNIQUE (batch_id, line_no),
        UNIQUE (batch_id, claim_id)
      )`);
    // Never paid twice: a claim has at most one line that is waiting for the bank or paid.
    await q(`CREATE UNIQUE INDEX payout_lines_live_per_claim ON payout_lines (claim_id) WHERE status IN ('PENDING', 'PAID')`);
    await q(`CREATE INDEX payout_lines_batch ON payout_lines (batch_id, line_no)`);

    await q(`
      CREATE TABLE ledger_entries (
        id             text PRIMARY KEY,
        batch_id       uuid NOT NULL REFERENCES payout_batches (id),
        line_id        uuid NOT NULL REFERENCES payout_lines (id),
        debit_account  text NOT NULL,
        credit_account text NOT NULL,
        amount         bigint NOT NULL CHECK (amount > 0),
        posted_at      timestamptz NOT NULL,
        CHECK (debit_account <> credit_account)
      )`);
    await q(`CREATE INDEX ledger_entries_line ON ledger_entries (line_id)`);

    for (const table of ['claim_audit', 'ledger_entries']) {
      await q(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only()`,
      );
      await q(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'ledger_entries',
      'payout_lines',
      'payout_batches',
      'claim_audit',
      'claims',
      'coverage_lapses',
      'coverage_periods',
      'worker_terms',
      'workers',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query('DROP FUNCTION refuse_change_of_append_only()');
  }
}
