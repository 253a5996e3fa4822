import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every write through the API says who made it: the caller's subject (an identity provider's `sub`, or
 * `api-key:<key id>` for a funder's key) and the client it came through (an OAuth client id, or
 * `funder:<funder id>`). Identifiers only, never a name. Rows written before callers were known keep NULL.
 */
export class WritesNameTheirCallers1764510000007 implements MigrationInterface {
  name = 'WritesNameTheirCallers1764510000007';

  async up(queryRunner: QueryRunner): Promise<void> {
    const columns: Array<[table: string, verbs: string[]]> = [
      ['funders', ['registered']],
      ['api_keys', ['issued', 'revoked']],
      ['webhook_endpoints', ['registered', 'disabled']],
      ['programmes', ['opened']],
      ['nominations', ['nominated']],
    ];
    for (const [table, verbs] of columns) {
      const added = verbs.flatMap((verb) => [`ADD COLUMN ${verb}_by_subject text`, `ADD COLUMN ${verb}_by_client text`]);
      await queryRunner.query(`ALTER TABLE ${table} ${added.join(', ')}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE nominations DROP COLUMN nominated_by_subject, DROP COLUMN nominated_by_client');
    await queryRunner.query('ALTER TABLE programmes DROP COLUMN opened_by_subject, DROP COLUMN opened_by_client');
    await queryRunner.query(
      `ALTER TABLE webhook_endpoints DROP COLUMN registered_by_subject, DROP COLUMN registered_by_client,
       DROP COLUMN disabled_by_subject, DROP COLUMN disabled_by_client`,
    );
    await queryRunner.query(
      `ALTER TABLE api_keys DROP COLUMN issued_by_subject, DROP COLUMN issued_by_client, DROP COLUMN revoked_by_subject, DROP COLUMN revoked_by_client`,
    );
    await queryRunner.query('ALTER TABLE funders DROP COLUMN registered_by_subject, DROP COLUMN registered_by_client');
  }
}
