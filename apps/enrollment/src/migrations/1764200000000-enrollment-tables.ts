import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workers, heirs and bulk imports. Personal data is stored sealed with AES-256-GCM: a worker's NIK, name
 * and phone number together in `personal_sealed` (one cipher operation per worker: an import of 18,000
 * rows pays for it 18,000 times, not 54,000), an heir's NIK and name likewise, staged import rows whole.
 * A NIK is found by its keyed hash (`nik_hash`), whose unique index is what makes "one membership per
 * NIK" hold under concurrent requests and re-uploaded files.
 */
export class EnrollmentTables1764200000000 implements MigrationInterface {
  name = 'EnrollmentTables1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Membership numbers: a 10-digit serial (then a check digit), never reused, never colliding.
    await queryRunner.query(
      `CREATE SEQUENCE membership_serial AS bigint START WITH 1000000000 MINVALUE 1000000000 MAXVALUE 9999999999 NO CYCLE`,
    );
    await queryRunner.query(`
      CREATE TABLE workers (
        id                            uuid PRIMARY KEY,
        membership_number             char(11)    NOT NULL,
        nik_hash                      char(64)    NOT NULL,
        personal_sealed               bytea       NOT NULL,
        gender                        char(1)     NOT NULL CHECK (gender IN ('F', 'M')),
        birth_date                    date        NOT NULL,
        region_code                   char(4)     NOT NULL,
        occupation                    text        NOT NULL,
        declared_monthly_income       bigint      NOT NULL CHECK (declared_monthly_income > 0),
        programs                      text[]      NOT NULL,
        next_declared_monthly_income  bigint      CHECK (next_declared_monthly_income > 0),
        next_programs                 text[],
        next_terms_from               char(7),
        status                        text        NOT NULL CHECK (status IN ('PENDING_PAYMENT', 'ACTIVE', 'LAPSED', 'DEREGISTERED')),
        coverage_end                  date,
        registered_on                 date        NOT NULL,
        deregistered_on               date,
        deregistration_reason         text,
        import_id                     uuid,
        created_at                    timestamptz NOT NULL DEFAULT now(),
        updated_at                    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT workers_membership_number_key UNIQUE (membership_number),
        CONSTRAINT workers_nik_hash_key UNIQUE (nik_hash),
        CONSTRAINT workers_next_terms_complete CHECK (
          (next_terms_from IS NULL AND next_programs IS NULL AND next_declared_monthly_income IS NULL) OR
          (next_terms_from IS NOT NULL AND next_programs IS NOT NULL AND next_declared_monthly_income IS NOT NULL))
      )`);
    // Search filters on region, status and occupation, each page in registration (membership number) order.
    await queryRunner.query(`CREATE INDEX workers_by_region ON workers (region_code, membership_number)`);
    await queryRunner.query(`CREATE INDEX workers_by_status ON workers (status, membership_number)`);
    await queryRunner.query(`CREATE INDEX workers_by_occupation ON workers (occupation, membership_number)`);

    await queryRunner.query(`
      CREATE TABLE heirs (
        id                uuid PRIMARY KEY,
        worker_id         uuid     NOT NULL REFERENCES workers (id),
        position          smallint NOT NULL,
        relationship      text     NOT NULL,
        nik_hash          char(64) NOT NULL,
        personal_sealed   bytea    NOT NULL,
        gender            char(1)  NOT NULL CHECK (gender IN ('F', 'M')),
        birth_date        date     NOT NULL,
        CONSTRAINT heirs_worker_nik_key UNIQUE (worker_id, nik_hash),
        CONSTRAINT heirs_worker_position_key UNIQUE (worker_id, position)
      )`);

    await queryRunner.query(`
      CREATE TABLE worker_imports (
        id           uuid PRIMARY KEY,
        status       text        NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
        total        integer     NOT NULL,
        processed    integer     NOT NULL DEFAULT 0,
        enrolled     integer     NOT NULL DEFAULT 0,
        duplicates   integer     NOT NULL DEFAULT 0,
        failed       integer     NOT NULL DEFAULT 0,
        -- the staged rows up to this row number are processed (moved on with each batch, under the row lock)
        processed_through integer NOT NULL DEFAULT 0,
        file_bytes   bigint      NOT NULL,
        file_sha256  char(64)    NOT NULL,
        failure      text,
        received_at  timestamptz NOT NULL,
        finished_at  timestamptz
      )`);
    // The uploaded rows, sealed, until the import is finished (then deleted: they hold personal data).
    await queryRunner.query(`
      CREATE TABLE worker_import_rows (
        import_id   uuid    NOT NULL REFERENCES worker_imports (id) ON DELETE CASCADE,
        row_number  integer NOT NULL,
        sealed      bytea   NOT NULL,
        PRIMARY KEY (import_id, row_number)
      )`);
    await queryRunner.query(`
      CREATE TABLE worker_import_errors (
        import_id   uuid     NOT NULL REFERENCES worker_imports (id) ON DELETE CASCADE,
        row_number  integer  NOT NULL,
        position    smallint NOT NULL,
        field       text     NOT NULL,
        reason      text     NOT NULL,
        PRIMARY KEY (import_id, row_number, position)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE worker_import_errors`);
    await queryRunner.query(`DROP TABLE worker_import_rows`);
    await queryRunner.query(`DROP TABLE worker_imports`);
    await queryRunner.query(`DROP TABLE heirs`);
    await queryRunner.query(`DROP TABLE workers`);
    await queryRunner.query(`DROP SEQUENCE membership_serial`);
  }
}
