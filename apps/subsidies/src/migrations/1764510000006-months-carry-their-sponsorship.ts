import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each sponsored month carries its sponsorship's programme, funder type and last period, so that
 * authorising a month reads no other row: what the authorisation announces and the budget it moves come
 * back from the month's own UPDATE (the hot path of the invoice batches). Filled from the sponsorships
 * for the months that exist already.
 */
export class MonthsCarryTheirSponsorship1764510000006 implements MigrationInterface {
  name = 'MonthsCarryTheirSponsorship1764510000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE sponsored_months ADD COLUMN programme_id uuid, ADD COLUMN funder_type text, ADD COLUMN last_period text`,
    );
    await queryRunner.query(`
      UPDATE sponsored_months m SET programme_id = s.programme_id, funder_type = s.funder_type, last_period = s.last_period
      FROM sponsorships s WHERE s.id = m.sponsorship_id`);
    await queryRunner.query(`
      ALTER TABLE sponsored_months ALTER COLUMN programme_id SET NOT NULL, ALTER COLUMN funder_type SET NOT NULL, ALTER COLUMN last_period SET NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sponsored_months DROP COLUMN programme_id, DROP COLUMN funder_type, DROP COLUMN last_period`);
  }
}
