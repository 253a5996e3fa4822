import { DataSource } from 'typeorm';
import type { BaseServiceConfig } from '../config/base-service.config';
import type { ConfigClass } from '../config/load-config';
import { loadConfig } from '../config/load-config';
import { databaseUrlFor } from './database-url';
import { ensureDatabaseExists } from './ensure-database';
import { serviceMigrations, type ServiceMigrationsOptions } from './service-migrations';
import { typeOrmOptions, type MigrationClasses } from './typeorm-options';

/**
 * A service's migrations as a one-off command (the Kubernetes migration job): creates the database if
 * missing, applies what is pending, prints what it did, exits non-zero on failure. Only the migration
 * settings are needed: DATABASE_URL (and DATABASE_NAME). `options` as the service's `serviceFoundation` has them,
 * so the job applies the same migrations in the same order as a service that runs them at start.
 */
export async function runMigrationsCommand<C extends BaseServiceConfig>(
  configClass: ConfigClass<C>,
  migrations: MigrationClasses,
  options: ServiceMigrationsOptions = {},
): Promise<void> {
  try {
    const config = loadConfig(configClass, { KAFKA_BROKERS: 'unused:9092', ...process.env });
    await ensureDatabaseExists(config.DATABASE_URL, config.databaseName);
    const dataSource = new DataSource({
      ...typeOrmOptions({
        url: databaseUrlFor(config.DATABASE_URL, config.databaseName),
        entities: [],
        migrations: serviceMigrations(migrations, options),
        migrationsRun: false,
        applicationName: `jaring-${config.serviceName}-migrations`,
      }),
    });
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
    process.stdout.write(
      `${JSON.stringify({ level: 'log', service: config.serviceName, message: 'migrations applied', applied: applied.map((m) => m.name) })}\n`,
    );
  } catch (error) {
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', message: `migrations failed: ${error instanceof Error ? error.message : String(error)}` })}\n`,
    );
    process.exitCode = 1;
  }
}
