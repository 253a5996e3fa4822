import type { MigrationInterface } from 'typeorm';
import { Partners1764510000001 } from './1764510000001-partners';
import { ProgrammesAndBudgetLedger1764510000002 } from './1764510000002-programmes-and-budget-ledger';
import { Sponsorships1764510000003 } from './1764510000003-sponsorships';
import { Webhooks1764510000004 } from './1764510000004-webhooks';
import { Impact1764510000005 } from './1764510000005-impact';
import { MonthsCarryTheirSponsorship1764510000006 } from './1764510000006-months-carry-their-sponsorship';
import { WritesNameTheirCallers1764510000007 } from './1764510000007-writes-name-their-callers';
import { DeliveriesKeepTheAnswer1764510000008 } from './1764510000008-deliveries-keep-the-answer';
import { FunderCodes1764510000009 } from './1764510000009-funder-codes';
import { DeathsAndRefunds1764510000010 } from './1764510000010-deaths-and-refunds';

/** The service's own subsidies database's migrations, in order. They run when the service starts, after
 * the messaging tables (outbox, inbox) that every service has and the idempotency keys (serviceFoundation adds both). */
export const SUBSIDIES_MIGRATIONS: Array<new () => MigrationInterface> = [
  Partners1764510000001,
  ProgrammesAndBudgetLedger1764510000002,
  Sponsorships1764510000003,
  Webhooks1764510000004,
  Impact1764510000005,
  MonthsCarryTheirSponsorship1764510000006,
  WritesNameTheirCallers1764510000007,
  DeliveriesKeepTheAnswer1764510000008,
  FunderCodes1764510000009,
  DeathsAndRefunds1764510000010,
];
