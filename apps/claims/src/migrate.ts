import { IdempotencyKeysTable1764100000100, runMigrationsCommand } from '@jaring/platform';
import { ClaimsConfig } from './claims.config';
import { CLAIMS_MIGRATIONS } from './migrations';

/**
 * `node dist/apps/claims/src/migrate.js`: the claims database's migrations, as the deployment's migration job
 * runs them (replicas start with RUN_MIGRATIONS=false). The idempotency keys' table is named here: the
 * service adds it through `serviceFoundation`'s `idempotency` option, which this command does not read.
 */
void runMigrationsCommand(ClaimsConfig, [IdempotencyKeysTable1764100000100, ...CLAIMS_MIGRATIONS]);
