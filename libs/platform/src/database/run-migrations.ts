import { DataSource } from 'typeorm';
import type { BaseServiceConfig } from '../config/base-service.config';
import { DatabaseSettings } from '../config/database-settings';
import type { ConfigClass } from '../config/load-config';
import { loadConfig } from '../config/load-config';
import { databaseUrlFor } from './database-url';
import { ensureDatabaseExists } from './ensure-database';
import { serviceMigrations, type ServiceMigrationsOptions } from './service-migrations';
import { typeOrmOptions, type MigrationClasses } from './typeorm-options';

/**
 * The session-level advisory lock the migration command holds while it migrates (one key per database, and
 * each service has its own database): pods of one release starting together, each with the migration as its
 * init container, migrate one after the other, and all but the first find nothing pending.
 */
export const MIGRATION_LOCK = 0x4a41_5249_4e47; // "JARING"

/**
 * Applies the service's pending migrations under the migration lock: creates the database if missing,
 * waits for the lock (`onWait` is told when another holds it), migrates, releases. Returns the names of
 * the migrations applied. Two connections: the lock's and the migrations'.
 */
export async function applyMigrations(
  settings: DatabaseSettings,
  migrations: MigrationClasses,
  options: ServiceMigrationsOptions & { onWait?: () => void } = {},
): Promise<string[]> {
  await ensureDatabaseExists(settings.databaseServerUrl, settings.databaseName);
  const dataSource = new DataSource({
    ...typeOrmOptions({
      url: databaseUrlFor(settings.databaseServerUrl, settings.databaseName),
      entities: [],
      migrations: serviceMigrations(migrations, options),
      migrationsRun: false,
      poolSize: 2,
      applicationName: `jaring-${settings.serviceName}-migrations`,
    }),
  });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    const [{ locked }] = (await lock.query('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK])) as Array<{ locked: boolean }>;
    if (!locked) {
      options.onWait?.();
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    }
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    // closing the session releases the lock too, should the unlock fail
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}

/**
 * A service's migrations as a one-off command (`node dist/apps/<service>/src/migrate.js`: the init container
 * of the service's pods in Kubernetes): applies what is pending under the migration lock, prints what it did,
 * exits non-zero on failure. It reads the database settings only (`DatabaseSettings`: DATABASE_URL or
 * DATABASE_URL_FILE, DATABASE_NAME, DATABASE_CA_FILE), so the container that runs it holds no other secret.
 * `options` as the service's `serviceFoundation` has them, so the command applies the same migrations in the
 * same order as a service that runs them at start.
 */
export async function runMigrationsCommand<C extends BaseServiceConfig>(
  configClass: ConfigClass<C>,
  migrations: MigrationClasses,
  options: ServiceMigrationsOptions = {},
): Promise<void> {
  const serviceName = new configClass().serviceName;
  const log = (level: string, message: string, extra: Record<string, unknown> = {}) =>
    process[level === 'log' ? 'stdout' : 'stderr'].write(`${JSON.stringify({ level, service: serviceName, message, ...extra })}\n`);
  try {
    const settings = loadConfig(
      class extends DatabaseSettings {
        override readonly serviceName = serviceName;
      },
    );
    const applied = await applyMigrations(settings, migrations, {
      ...options,
      onWait: () => log('log', 'another instance is migrating this database: waiting for its migration lock'),
    });
    log('log', 'migrations applied', { applied });
  } catch (error) {
    log('fatal', `migrations failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
