import { runMigrationsCommand } from '@jaring/platform';
import { ClaimsConfig } from './claims.config';
import { CLAIMS_MIGRATIONS } from './migrations';

/** `node dist/apps/claims/src/migrate.js`: the claims database's migrations, as the deployment's migration job runs them. */
void runMigrationsCommand(ClaimsConfig, CLAIMS_MIGRATIONS, { idempotency: true });
