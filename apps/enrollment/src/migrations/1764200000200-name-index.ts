import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worker search by name (docs/api.md, "Worker search"): names are sealed, so they are found through a
 * blind index, `name_index`, the keyed hashes (HMAC-SHA256) of the name's folded words, with a GIN index
 * for "holds every word asked for" (`@>`). Heirs are not searched.
 *
 * The hashes need a key the database never sees, so this migration cannot fill them for the workers already
 * registered: the column stays NULL for those until the service, at start, computes them in batches
 * (NameIndexBackfill). Until then such a worker is found by membership number or NIK, not by name.
 */
export class NameIndex1764200000200 implements MigrationInterface {
  name = 'NameIndex1764200000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE workers ADD COLUMN name_index bytea[]`);
    await queryRunner.query(`CREATE INDEX workers_by_name_word ON workers USING gin (name_index)`);
    // what the backfill looks for at every start: cheap once nothing is left
    await queryRunner.query(`CREATE INDEX workers_without_name_index ON workers (id) WHERE name_index IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX workers_without_name_index`);
    await queryRunner.query(`DROP INDEX workers_by_name_word`);
    await queryRunner.query(`ALTER TABLE workers DROP COLUMN name_index`);
  }
}
