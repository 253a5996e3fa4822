import { IdempotencyKeysTable1764100000100, runMigrationsCommand } from '@jaring/platform';
import { SubsidiesConfig } from './subsidies.config';
import { SUBSIDIES_MIGRATIONS } from './migrations';

/**
 * `node dist/apps/subsidies/src/migrate.js`: the subsidies database's migrations, as the deployment's migration job runs them.
 * The command adds only the messaging tables: the idempotency keys, which serviceFoundation adds at start, are named
 * here so that the job applies the same migrations, in the same order, as the service.
 */
void runMigrationsCommand(SubsidiesConfig, [IdempotencyKeysTable1764100000100, ...SUBSIDIES_MIGRATIONS]);
