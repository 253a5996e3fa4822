import type { MigrationInterface } from 'typeorm';
import { AuditFields1764200000200 } from './audit-fields';
import { ContributionsSchema1764200000000 } from './contributions-schema';
import { OpenInvoices1764200000500 } from './open-invoices';
import { PackedJournals1764200000400 } from './packed-journals';
import { WorkerDeaths1764200000300 } from './worker-deaths';
import { WorkerGates1764200000100 } from './worker-gates';

/** The service's own contributions database's migrations, in order. They run when the service starts, after
 * the messaging tables (outbox, inbox) and the idempotency keys that `serviceFoundation` adds first. */
export const CONTRIBUTIONS_MIGRATIONS: Array<new () => MigrationInterface> = [
  ContributionsSchema1764200000000,
  WorkerGates1764200000100,
  AuditFields1764200000200,
  WorkerDeaths1764200000300,
  PackedJournals1764200000400,
  OpenInvoices1764200000500,
];
