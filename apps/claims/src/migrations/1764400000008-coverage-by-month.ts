import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A covered month is one row with its programmes (`programs`), not one row per programme: a worker's month of
 * JKK and JKM wrote two rows here, one of the largest costs of a month for the whole platform after the inbox's
 * (issue 18). The rows already there are folded together.
 */
export class CoverageByMonth1764400000008 implements MigrationInterface {
  name = 'CoverageByMonth1764400000008';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`
      CREATE TABLE coverage_months (
        worker_id uuid   NOT NULL,
        period    text   NOT NULL CHECK (period ~ '^\\d{4}-\\d{2}$'),
        programs  text[] NOT NULL CHECK (cardinality(programs) > 0 AND programs <@ ARRAY['JKK', 'JKM', 'JHT']),
        PRIMARY KEY (worker_id, period)
      )`);
    await q(`
      INSERT INTO coverage_months (worker_id, period, programs)
      SELECT worker_id, period, array_agg(program ORDER BY program) FROM coverage_periods GROUP BY worker_id, period`);
    await q(`DROP TABLE coverage_periods`);
    await q(`ALTER TABLE coverage_months RENAME TO coverage_periods`);
    await q(`ALTER TABLE coverage_periods RENAME CONSTRAINT coverage_months_pkey TO coverage_periods_pkey`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`ALTER TABLE coverage_periods RENAME TO coverage_months`);
    await q(`
      CREATE TABLE coverage_periods (
        worker_id uuid NOT NULL,
        period    text NOT NULL CHECK (period ~ '^\\d{4}-\\d{2}$'),
        program   text NOT NULL CHECK (program IN ('JKK', 'JKM', 'JHT')),
        PRIMARY KEY (worker_id, program, period)
      )`);
    await q(`INSERT INTO coverage_periods SELECT worker_id, period, unnest(programs) FROM coverage_months`);
    await q(`DROP TABLE coverage_months`);
  }
}
