import type { MigrationInterface } from 'typeorm';
import { EnrollmentTables1764200000000 } from './1764200000000-enrollment-tables';
import { WorkerAudit1764200000100 } from './1764200000100-worker-audit';
import { NameIndex1764200000200 } from './1764200000200-name-index';
import { ImportFailedRows1764200000300 } from './1764200000300-import-failed-rows';
import { Deaths1764200000400 } from './1764200000400-deaths';

/** The service's own enrollment database's migrations, in order. They run when the service starts, after
 * the messaging tables (outbox, inbox) that every service has. */
export const ENROLLMENT_MIGRATIONS: Array<new () => MigrationInterface> = [
  EnrollmentTables1764200000000,
  WorkerAudit1764200000100,
  NameIndex1764200000200,
  ImportFailedRows1764200000300,
  Deaths1764200000400,
];
