import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BaseServiceConfig } from '../config/base-service.config';
import { databaseUrlFor } from './database-url';
import { ensureDatabaseExists } from './ensure-database';
import { typeOrmOptions, type EntityList, type MigrationList } from './typeorm-options';

export interface DatabaseModuleOptions {
  entities: EntityList;
  migrations: MigrationList;
  poolSize?: number;
}

/**
 * The service's TypeORM connection, from the injected `BaseServiceConfig` (`DATABASE_URL` +
 * `databaseName`): creates the database if missing, then connects and runs the migrations.
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
            await ensureDatabaseExists(config.DATABASE_URL, config.databaseName);
            return {
              ...typeOrmOptions({
                url: databaseUrlFor(config.DATABASE_URL, config.databaseName),
                entities: options.entities,
                migrations: options.migrations,
                poolSize: options.poolSize,
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
