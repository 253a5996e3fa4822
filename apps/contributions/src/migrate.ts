import { runMigrationsCommand } from '@jaring/platform';
import { ContributionsConfig } from './contributions.config';
import { CONTRIBUTIONS_MIGRATIONS } from './migrations';

/** `node dist/apps/contributions/src/migrate.js`: the contributions database's migrations, as the deployment's migration job runs them. */
void runMigrationsCommand(ContributionsConfig, CONTRIBUTIONS_MIGRATIONS, { idempotency: true });
