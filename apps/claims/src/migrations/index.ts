import type { MigrationInterface } from 'typeorm';
import { ClaimsTables1764400000000 } from './1764400000000-claims-tables';
import { WhoIsCalling1764400000001 } from './1764400000001-who-is-calling';
import { ContributionRefunds1764400000002 } from './1764400000002-contribution-refunds';
import { PayoutSafety1764400000004 } from './1764400000004-payout-safety';
import { ClaimsWaitForFacts1764400000006 } from './1764400000006-claims-wait-for-facts';
import { CoverageByMonth1764400000008 } from './1764400000008-coverage-by-month';

/** The service's own claims database's migrations, in order. They run when the service starts, after
 * the messaging tables (outbox, inbox) and the idempotency keys that `serviceFoundation` adds. */
export const CLAIMS_MIGRATIONS: Array<new () => MigrationInterface> = [
  ClaimsTables1764400000000,
  WhoIsCalling1764400000001,
  ContributionRefunds1764400000002,
  PayoutSafety1764400000004,
  ClaimsWaitForFacts1764400000006,
  CoverageByMonth1764400000008,
];
