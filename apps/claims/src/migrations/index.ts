import { IdempotencyKeysTable1764100000100 } from '@jaring/platform';
import { ClaimsTables1764400000000 } from './1764400000000-claims-tables';

/** The service's own claims database's migrations, in order. They run when the service starts, after
 * the messaging tables (outbox, inbox) that every service has. */
export const CLAIMS_MIGRATIONS: Function[] = [IdempotencyKeysTable1764100000100, ClaimsTables1764400000000];
