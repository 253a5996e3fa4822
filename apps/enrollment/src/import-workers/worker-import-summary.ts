import type { Starter } from '../domain/region-access';
import type { WorkerImportEntity } from './worker-import.entity';
import type { WorkerImportSummaryView } from './worker-import.view';

/** Who started an import, when it was recorded (imports older than the audit trail have no starter). */
export function starterOfImport(found: WorkerImportEntity): Starter | undefined {
  return found.startedBySubject && found.startedByClient ? { subject: found.startedBySubject, clientId: found.startedByClient } : undefined;
}

/** An import's progress as the API answers it, without its refused rows' reasons. */
export function workerImportSummary(found: WorkerImportEntity): WorkerImportSummaryView {
  return {
    id: found.id,
    status: found.status,
    total: found.total,
    processed: found.processed,
    enrolled: found.enrolled,
    duplicates: found.duplicates,
    failed: found.failed,
    receivedAt: found.receivedAt.toISOString(),
    finishedAt: found.finishedAt?.toISOString() ?? null,
    failure: found.failure,
    startedBy: starterOfImport(found) ?? null,
  };
}
