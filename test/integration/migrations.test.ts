import { Client } from 'pg';
import { applyMigrations, DatabaseSettings, loadConfig, MIGRATION_LOCK, serviceMigrations } from '@jaring/platform';
import { CLAIMS_MIGRATIONS } from '../../apps/claims/src/migrations';
import { databaseUrlFor, freshDatabase, testInfrastructure } from '../support/infrastructure';
import { waitFor } from '../support/wait-for';

/**
 * The migration command as the pods' init containers run it: several at once on one database (a rollout
 * starting three pods), each applying what is pending under the migration lock.
 */
const DATABASE = 'jaring_migration_lock';
class ClaimsDatabase extends DatabaseSettings {
  override readonly serviceName = 'claims';
}
const settings = () => loadConfig(ClaimsDatabase, { DATABASE_URL: testInfrastructure().databaseUrl, DATABASE_NAME: DATABASE });
const allMigrations = serviceMigrations(CLAIMS_MIGRATIONS, { idempotency: true }).map((migration) => migration.name);

async function appliedInDatabase(): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrlFor(testInfrastructure().databaseUrl, DATABASE) });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
    return rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

describe('the migration command', () => {
  beforeEach(() => freshDatabase(DATABASE));

  it('run by three pods at once applies every migration once: one applies them all, the others find none pending', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => applyMigrations(settings(), CLAIMS_MIGRATIONS, { idempotency: true })));
    expect(runs.map((applied) => applied.length).sort()).toEqual([0, 0, allMigrations.length]);
    expect(runs.find((applied) => applied.length > 0)).toEqual(allMigrations);
    expect(await appliedInDatabase()).toEqual(allMigrations);
  });

  it('waits while another holds the migration lock, then migrates', async () => {
    const holder = new Client({ connectionString: databaseUrlFor(testInfrastructure().databaseUrl, DATABASE) });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      let waiting = false;
      const run = applyMigrations(settings(), CLAIMS_MIGRATIONS, { idempotency: true, onWait: () => (waiting = true) });
      await waitFor(() => waiting, 'the command to find the lock taken');
      const { rows } = await holder.query<{ table: string | null }>(`SELECT to_regclass('migrations')::text AS table`);
      expect(rows).toEqual([{ table: null }]);
      await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      expect(await run).toEqual(allMigrations);
    } finally {
      await holder.end();
    }
    expect(await appliedInDatabase()).toEqual(allMigrations);
  });
});
