import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BaseServiceConfig } from '../config/base-service.config';
import { databaseUrlFor } from './database-url';
import { ensureDatabaseExists } from './ensure-database';
import { typeOrmOptions, type EntityList, type MigrationList } from './typeorm-options';

export interface DatabaseModuleOptions {
  entities: EntityList;
  migrations: MigrationList;
}

/**
 * The service's TypeORM connection, from the injected `BaseServiceConfig` (`DATABASE_URL` +
 * `databaseName`, over verified TLS with `DATABASE_CA_FILE`, `DATABASE_POOL_SIZE` connections): creates the
 * database if missing, then connects and runs the migrations (unless `RUN_MIGRATIONS=false`).
 * Needs `ServiceConfigModule.forRoot(config)` (or `PlatformModule.forRoot`) in the app.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [BaseServiceConfig],
          useFactory: async (config: BaseServiceConfig) => {
            await ensureDatabaseExists(config.databaseServerUrl, config.databaseName);
            return {
              ...typeOrmOptions({
                url: databaseUrlFor(config.databaseServerUrl, config.databaseName),
                entities: options.entities,
                migrations: options.migrations,
                poolSize: config.DATABASE_POOL_SIZE,
                applicationName: `jaring-${config.serviceName}`,
                migrationsRun: config.RUN_MIGRATIONS,
              }),
              // @nestjs/typeorm retries 9 times, 3 s apart, by default: too slow to notice a wrong URL.
              retryAttempts: 5,
              retryDelay: 1000,
            };
          },
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
