import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workers as enrollment announces them (the read model eligibility is decided on), nominations, and
 * sponsorships with their months. `sponsored_months` has one row per worker and period, whichever
 * programme pays it: its primary key is the rule "several programmes may fund one worker's months in
 * turn, never the same month twice". Periods are text (`YYYY-MM` sorts as it reads), the type the
 * events and the batch statements' arrays use, so comparisons stay index-friendly. Sponsorships leave
 * room in their pages (fillfactor) for the in-place updates of their counters month after month.
 */
export class Sponsorships1764510000003 implements MigrationInterface {
  name = 'Sponsorships1764510000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE workers (
        worker_id               uuid PRIMARY KEY,
        membership_number       text NOT NULL,
        region_code             text NOT NULL,
        occupation              text NOT NULL,
        declared_monthly_income bigint NOT NULL,
        programs                text[] NOT NULL,
        registered_on           date NOT NULL,
        deregistered_on         date
      )`);
    await queryRunner.query(`CREATE INDEX workers_membership_number ON workers (membership_number)`);
    await queryRunner.query(`
      CREATE TABLE sponsorships (
        id               uuid PRIMARY KEY,
        programme_id     uuid NOT NULL REFERENCES programmes (id),
        funder_id        uuid NOT NULL,
        funder_type      text NOT NULL,
        worker_id        uuid NOT NULL REFERENCES workers (worker_id),
        months           integer NOT NULL CHECK (months > 0),
        programs         text[] NOT NULL,
        first_period     text NOT NULL CHECK (first_period ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        last_period      text NOT NULL CHECK (last_period >= first_period),
        reserved_amount  bigint NOT NULL CHECK (reserved_amount >= 0),
        -- The closing figures, set when the sponsorship ends (the months hold the running ones).
        months_paid      integer,
        spent_amount     bigint,
        released_amount  bigint,
        status           text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'ENDED')),
        end_reason       text CHECK (end_reason IN ('MONTHS_USED', 'WORKER_DEREGISTERED', 'PROGRAMME_ENDED')),
        ended_on         date,
        -- The worker as the grant saw them: the impact report counts by these.
        region_code      text NOT NULL,
        occupation       text NOT NULL,
        granted_on       date NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        UNIQUE (programme_id, worker_id),
        CHECK (months_paid <= months)
      ) WITH (fillfactor = 85)`);
    await queryRunner.query(`CREATE INDEX sponsorships_worker ON sponsorships (worker_id)`);
    await queryRunner.query(`
      CREATE TABLE sponsored_months (
        worker_id         uuid NOT NULL,
        period            text NOT NULL CHECK (period ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        sponsorship_id    uuid NOT NULL REFERENCES sponsorships (id),
        reserved_amount   bigint NOT NULL CHECK (reserved_amount >= 0),
        -- Derived from (sponsorship, period), so unique by the primary key; not indexed, so that
        -- authorising a month is an in-place (HOT) update that touches no index.
        authorisation_id  uuid,
        invoice_id        uuid,
        authorised_amount bigint,
        released          boolean NOT NULL DEFAULT false,
        PRIMARY KEY (worker_id, period)
      ) WITH (fillfactor = 70)`);
    await queryRunner.query(`CREATE INDEX sponsored_months_sponsorship ON sponsored_months (sponsorship_id, period)`);
    await queryRunner.query(`
      CREATE TABLE nominations (
        id                uuid PRIMARY KEY,
        programme_id      uuid NOT NULL REFERENCES programmes (id),
        worker_id         uuid,
        membership_number text,
        status            text NOT NULL CHECK (status IN ('PENDING', 'GRANTED', 'REFUSED')),
        reason            text,
        sponsorship_id    uuid,
        created_at        timestamptz NOT NULL DEFAULT now(),
        decided_at        timestamptz,
        CHECK (worker_id IS NOT NULL OR membership_number IS NOT NULL)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX nominations_programme_worker ON nominations (programme_id, worker_id) WHERE worker_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX nominations_pending_worker ON nominations (worker_id) WHERE status = 'PENDING'`);
    await queryRunner.query(`CREATE INDEX nominations_pending_membership ON nominations (membership_number) WHERE status = 'PENDING'`);
    await queryRunner.query(`
      CREATE TABLE refused_grants (
        programme_id uuid NOT NULL REFERENCES programmes (id),
        worker_id    uuid NOT NULL,
        reason       text NOT NULL,
        refused_on   date NOT NULL,
        PRIMARY KEY (programme_id, worker_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['refused_grants', 'nominations', 'sponsored_months', 'sponsorships', 'workers'])
      await queryRunner.query(`DROP TABLE ${table}`);
  }
}
