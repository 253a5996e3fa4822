import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who is calling (issue 15):
 * - `workers.region_code`: the regency a worker registered in (enrollment.worker.registered's `regionCode`),
 *   so that an agent submits and reads only the claims of its own regions' workers. Workers the read model
 *   held before have none on record (their events are not read again): agents do not see them, the back
 *   office does.
 * - `claim_audit.actor_client`: the OAuth client a decision came through, beside its subject (`actor`).
 *   Entries written before have none. Adding a column fires no row trigger: the trail stays append-only.
 */
export class WhoIsCalling1764400000001 implements MigrationInterface {
  name = 'WhoIsCalling1764400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE workers ADD COLUMN region_code text CHECK (region_code ~ '^\\d{4}$')`);
    await queryRunner.query(`ALTER TABLE claim_audit ADD COLUMN actor_client text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE claim_audit DROP COLUMN actor_client`);
    await queryRunner.query(`ALTER TABLE workers DROP COLUMN region_code`);
  }
}
