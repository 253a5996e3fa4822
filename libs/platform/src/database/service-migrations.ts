import { MESSAGING_MIGRATIONS } from '@jaring/messaging';
import { IdempotencyKeysTable1764100000100 } from '../idempotency/idempotency-keys.migration';
import type { MigrationClasses } from './typeorm-options';

export interface ServiceMigrationsOptions {
  /** The service takes an `Idempotency-Key` on money-moving routes: its table comes after the messaging tables. */
  idempotency?: boolean;
}

/**
 * Every migration of a service's database, in order: the messaging tables (outbox, inbox and their cursors), the idempotency
 * keys where the service has them, then the service's own. The running service (`serviceFoundation`) and the
 * deployment's migration job (`runMigrationsCommand`) both take the list from here, so they cannot differ.
 */
export function serviceMigrations(own: MigrationClasses, options: ServiceMigrationsOptions = {}): MigrationClasses {
  return [...MESSAGING_MIGRATIONS, ...(options.idempotency ? [IdempotencyKeysTable1764100000100] : []), ...own];
}
