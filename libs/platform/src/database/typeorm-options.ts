import type { DataSourceOptions } from 'typeorm';
import { TypeOrmLogger } from './typeorm-logger';

/** The entities TypeORM takes: classes, `EntitySchema`s or glob paths, as an array or a named map. */
export type EntityList = NonNullable<DataSourceOptions['entities']>;
/** The migrations TypeORM takes: classes or glob paths, as an array or a named map. */
export type MigrationList = NonNullable<DataSourceOptions['migrations']>;
/** A service's migration classes, in order (the platform puts the migrations of its own tables before them). */
export type MigrationClasses = Array<Exclude<Extract<MigrationList, readonly unknown[]>[number], string>>;

export interface TypeOrmOptionsInput {
  /** URL of the service's own database (see `databaseUrlFor`). */
  url: string;
  entities: EntityList;
  migrations: MigrationList;
  /** Shown in `pg_stat_activity`, to tell the services' connections apart. */
  applicationName?: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Run pending migrations when connecting (default true; a deployment's migration job sets it false). */
  migrationsRun?: boolean;
}

type PostgresOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

/**
 * TypeORM options for a service's PostgreSQL database:
 * - the schema comes from migrations only (`synchronize: false`), run at start-up, each migration in its
 *   own transaction (`migrationsTransactionMode: 'each'`: a failed one leaves the earlier ones applied
 *   and itself cleanly rolled back);
 * - `uuidExtension: 'pgcrypto'` makes generated uuid columns default to `gen_random_uuid()`, built into
 *   PostgreSQL 13+ (TypeORM 1.x still defaults to uuid-ossp's `uuid_generate_v4()`), and
 *   `installExtensions: false` stops TypeORM from running CREATE EXTENSION at every connection: the
 *   migrations create what they need;
 * - errors, slow queries (over 1 s) and migrations are logged through the app's logger, never queries
 *   with their parameters (personal data).
 */
export function typeOrmOptions(input: TypeOrmOptionsInput): PostgresOptions {
  return {
    type: 'postgres',
    url: input.url,
    entities: input.entities,
    migrations: input.migrations,
    synchronize: false,
    migrationsRun: input.migrationsRun ?? true,
    migrationsTransactionMode: 'each',
    poolSize: input.poolSize ?? 10,
    applicationName: input.applicationName,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: ['error'],
    logger: new TypeOrmLogger(),
    maxQueryExecutionTime: 1000,
  };
}
