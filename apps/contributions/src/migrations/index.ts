import { IdempotencyKeysTable1764100000100 } from '@jaring/platform';
import { ContributionsSchema1764200000000 } from './contributions-schema';
import { WorkerGates1764200000100 } from './worker-gates';

/** The service's own contributions database's migrations, in order. They run when the service starts, after
 * the messaging tables (outbox, inbox) that every service has. */
export const CONTRIBUTIONS_MIGRATIONS: Function[] = [
  IdempotencyKeysTable1764100000100,
  ContributionsSchema1764200000000,
  WorkerGates1764200000100,
];
