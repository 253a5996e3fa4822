import { runMigrationsCommand } from '@jaring/platform';
import { SubsidiesConfig } from './subsidies.config';
import { SUBSIDIES_MIGRATIONS } from './migrations';

/** `node dist/apps/subsidies/src/migrate.js`: the subsidies database's migrations, as the deployment's migration job runs them. */
void runMigrationsCommand(SubsidiesConfig, SUBSIDIES_MIGRATIONS, { idempotency: true });
