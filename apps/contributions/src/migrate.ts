import { IdempotencyKeysTable1764100000100, runMigrationsCommand } from '@jaring/platform';
import { ContributionsConfig } from './contributions.config';
import { CONTRIBUTIONS_MIGRATIONS } from './migrations';

/**
 * `node dist/apps/contributions/src/migrate.js`: the contributions database's migrations, as the deployment's
 * migration job runs them. The job adds only the messaging tables by itself, so the idempotency keys (which
 * `serviceFoundation({ idempotency: true })` adds when the service starts) are named here, in the same order.
 */
void runMigrationsCommand(ContributionsConfig, [IdempotencyKeysTable1764100000100, ...CONTRIBUTIONS_MIGRATIONS]);
