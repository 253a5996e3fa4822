import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per worker that a registration or a sponsorship grant has touched: both write it first (see
 * `passWorkerGates`), so the two transactions of one worker run one after the other.
 */
export class WorkerGates1764200000100 implements MigrationInterface {
  name = 'WorkerGates1764200000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE worker_gates (worker_id uuid PRIMARY KEY)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE worker_gates`);
  }
}
