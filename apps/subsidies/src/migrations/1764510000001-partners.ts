import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Funders and their API keys (only a SHA-256 hash is kept). */
export class Partners1764510000001 implements MigrationInterface {
  name = 'Partners1764510000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE funders (
        id          uuid PRIMARY KEY,
        name        text NOT NULL,
        type        text NOT NULL CHECK (type IN ('APBN', 'APBD_PROVINCE', 'APBD_REGENCY', 'CSR')),
        -- A province's APBD is bounded by its 2-digit province code, a regency's by its 4-digit code.
        region_code text CHECK (region_code ~ '^\\d{2}(\\d{2})?$'),
        created_at  timestamptz NOT NULL DEFAULT now(),
        CHECK ((type IN ('APBD_PROVINCE', 'APBD_REGENCY')) = (region_code IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id         uuid PRIMARY KEY,
        funder_id  uuid NOT NULL REFERENCES funders (id),
        key_hash   char(64) NOT NULL UNIQUE,
        prefix     text NOT NULL,
        name       text,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX api_keys_funder ON api_keys (funder_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api_keys');
    await queryRunner.query('DROP TABLE funders');
  }
}
