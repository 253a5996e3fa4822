import { runMigrationsCommand } from '@jaring/platform';
import { EnrollmentConfig } from './enrollment.config';
import { ENROLLMENT_MIGRATIONS } from './migrations';

/** `node dist/apps/enrollment/src/migrate.js`: the enrollment database's migrations, as the deployment's migration job runs them. */
void runMigrationsCommand(EnrollmentConfig, ENROLLMENT_MIGRATIONS, { idempotency: true });
