import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Clock, type IsoDate, todayOf } from '@jaring/domain';
import { type Actor, CLOCK } from '@jaring/platform';
import { registrationInputOf, type StagedRow } from '../domain/import-csv';
import { regionNotServed, regionNotServedReason, type RegionScope } from '../domain/region-access';
import { PersonalDataProtector, sealContext } from '../personal-data/personal-data-protector';
import { validateRegistration, type ValidRegistration } from '../validation/registration-validation';
import { registeredFields, WorkerAuditTrail } from '../workers/worker-audit';
import { type PreparedEnrolment, WorkerEnrolment } from '../workers/worker-enrolment';

const BATCH = 1000;
const MAX_ATTEMPTS = 5;

interface RowError {
  row: number;
  field: string;
  reason: string;
}

/** What an import was started with: who (the audit trail's actor of its workers) and in which regions. */
interface ImportStarter {
  actor: Actor;
  regions: RegionScope;
}

interface ImportState {
  status: string;
  processed_through: number;
  started_by_subject: string | null;
  started_by_client: string | null;
  served_regions: string[] | null;
}

/** The actor of an import received before imports recorded who started them. */
const UNRECORDED_STARTER: Actor = { subject: 'unrecorded', clientId: 'unrecorded' };

/** A batch of staged rows, judged and made ready to write (CPU work only, done without any lock). */
interface PreparedBatch {
  registeredOn: IsoDate;
  /** The batch is rows after `after`, up to and including `last`. */
  after: number;
  last: number;
  valid: Array<{ row: number; enrolment: PreparedEnrolment; fields: string[] }>;
  errors: RowError[];
}

/**
 * Enrols the staged rows of imports, 1,000 rows per transaction. A batch is first prepared without a
 * lock: rows opened, validated by the rules of POST /v1/workers, the valid ones hashed and sealed. Then,
 * in one transaction with the import's row locked: the valid rows enrolled with their events
 * (WorkerEnrolment), the others' reasons recorded, the counters and the import's cursor
 * (`processed_through`) moved on. A batch prepared from a cursor that has moved meanwhile (another
 * instance took it) is dropped, so no row is enrolled or counted twice. The next batch is prepared while
 * the database writes the current one, so Node's work and PostgreSQL's overlap on two cores.
 *
 * Rows are judged with the regions of whoever started the import: an agent's row of a region it does not
 * serve is refused (field `regionCode`). Each worker enrolled is recorded in the audit trail under the
 * import's starter, with the import's id, in the batch's transaction.
 *
 * A crash loses at most the batch in flight; an import found RUNNING at start-up resumes from its cursor.
 * When the cursor has passed the last row the import is DONE and its staged rows (personal data) deleted,
 * but for the refused ones and the duplicates (marked in their batch's transaction), kept for the file of
 * refused rows until the purge (FailedRowsPurge). Repeated failures mark it FAILED (what was enrolled stays
 * enrolled, the rows refused so far are kept the same way).
 */
@Injectable()
export class ImportProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ImportProcessor');
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly protector: PersonalDataProtector,
    private readonly enrolment: WorkerEnrolment,
    private readonly audit: WorkerAuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    void this.dataSource
      .query(`SELECT id FROM worker_imports WHERE status = 'RUNNING' ORDER BY received_at`)
      .then((rows: Array<{ id: string }>) => rows.forEach(({ id }) => this.start(id)))
      .catch((error: unknown) => this.logger.error({ message: 'could not look for unfinished imports', error: (error as Error).message }));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled(this.running.values());
  }

  /** Starts processing an import in the background (once per import in this process). */
  start(importId: string): void {
    if (this.running.has(importId) || this.stopping) return;
    const work = this.run(importId).finally(() => this.running.delete(importId));
    this.running.set(importId, work);
  }

  private async run(importId: string): Promise<void> {
    let attempts = 0;
    while (!this.stopping) {
      try {
        const [state] = await this.dataSource.query<Array<ImportState | undefined>>(
          'SELECT status, processed_through, started_by_subject, started_by_client, served_regions FROM worker_imports WHERE id = $1',
          [importId],
        );
        if (state?.status !== 'RUNNING') return;
        const starter = starterOf(state);
        let next = this.prepare(importId, state.processed_through, starter);
        for (;;) {
          const batch = await next;
          if (!batch) {
            await this.finish(importId);
            return;
          }
          next = this.prepare(importId, batch.last, starter);
          next.catch(() => undefined); // awaited on the next turn; if the write fails first, it is dropped
          const outcome = await this.write(importId, batch, starter);
          if (outcome === 'not-running') return;
          if (outcome === 'moved-on') break; // another instance took this batch: read the cursor again
          attempts = 0;
          if (this.stopping) return;
        }
      } catch (error) {
        attempts++;
        this.logger.warn({ message: 'import batch failed', importId, attempts, error: (error as Error).message });
        if (attempts >= MAX_ATTEMPTS) {
          await this.fail(importId).catch(() => undefined);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempts));
      }
    }
  }

  private async prepare(importId: string, after: number, starter: ImportStarter): Promise<PreparedBatch | undefined> {
    const staged = await this.dataSource.query<Array<{ row_number: number; sealed: Buffer }>>(
      'SELECT row_number, sealed FROM worker_import_rows WHERE import_id = $1 AND row_number > $2 ORDER BY row_number LIMIT $3',
      [importId, after, BATCH],
    );
    if (!staged.length) return undefined;
    const registeredOn = todayOf(this.clock);
    const valid: Array<{ row: number; registration: ValidRegistration }> = [];
    const errors: RowError[] = [];
    for (const { row_number: row, sealed } of staged) {
      const stagedRow = this.protector.openJson<StagedRow>(sealed, sealContext.importRow(importId, row));
      if ('unreadable' in stagedRow) {
        errors.push({ row, field: 'row', reason: stagedRow.unreadable });
        continue;
      }
      const input = registrationInputOf(stagedRow.fields);
      const validation = validateRegistration(input, registeredOn);
      const rowErrors = validation.ok ? [] : validation.errors;
      if (starter.regions && regionNotServed(starter.regions, input.regionCode) && !rowErrors.some((e) => e.field === 'regionCode')) {
        rowErrors.push({ field: 'regionCode', reason: regionNotServedReason(starter.regions) });
      }
      if (validation.ok && !rowErrors.length) valid.push({ row, registration: validation.value });
      else errors.push(...rowErrors.map((error) => ({ row, ...error })));
    }
    const enrolments = this.enrolment.prepare(valid.map((v) => v.registration));
    return {
      registeredOn,
      after,
      last: staged[staged.length - 1].row_number,
      valid: valid.map((v, i) => ({ row: v.row, enrolment: enrolments[i], fields: registeredFields(v.registration) })),
      errors,
    };
  }

  private async write(importId: string, batch: PreparedBatch, starter: ImportStarter): Promise<'written' | 'moved-on' | 'not-running'> {
    return this.dataSource.transaction(async (manager) => {
      const [current] = await manager.query<Array<{ status: string; processed_through: number } | undefined>>(
        'SELECT status, processed_through FROM worker_imports WHERE id = $1 FOR UPDATE',
        [importId],
      );
      if (current?.status !== 'RUNNING') return 'not-running';
      if (current.processed_through !== batch.after) return 'moved-on';
      const outcomes = await this.enrolment.write(
        manager,
        batch.valid.map((v) => v.enrolment),
        { registeredOn: batch.registeredOn, importId },
      );
      const audited = outcomes.flatMap((outcome, i) =>
        outcome.enrolled ? [{ workerId: outcome.workerId, action: 'REGISTERED' as const, fields: batch.valid[i].fields, importId }] : [],
      );
      await this.audit.record(manager, starter.actor, this.clock.now(), audited);
      const duplicates = batch.valid.filter((_, i) => !outcomes[i].enrolled).map((v) => v.row);
      if (duplicates.length) {
        await manager.query('UPDATE worker_import_rows SET duplicate = true WHERE import_id = $1 AND row_number = ANY($2::int[])', [
          importId,
          duplicates,
        ]);
      }
      const enrolled = audited.length;
      if (batch.errors.length) {
        const { errors } = batch;
        await manager.query(
          `INSERT INTO worker_import_errors (import_id, row_number, position, field, reason)
           SELECT $1, * FROM unnest($2::int[], $3::smallint[], $4::text[], $5::text[])`,
          [importId, errors.map((e) => e.row), positionsWithinRows(errors), errors.map((e) => e.field), errors.map((e) => e.reason)],
        );
      }
      const failed = new Set(batch.errors.map((e) => e.row)).size;
      await manager.query(
        `UPDATE worker_imports SET processed = processed + $2, enrolled = enrolled + $3, duplicates = duplicates + $4, failed = failed + $5, processed_through = $6
          WHERE id = $1`,
        [importId, batch.valid.length + failed, enrolled, batch.valid.length - enrolled, failed, batch.last],
      );
      return 'written';
    });
  }

  /** No row left after the cursor: DONE, and the staged rows go but for the refused ones and the duplicates. */
  private async finish(importId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [current] = await manager.query<Array<{ status: string; processed_through: number } | undefined>>(
        'SELECT status, processed_through FROM worker_imports WHERE id = $1 FOR UPDATE',
        [importId],
      );
      if (current?.status !== 'RUNNING') return;
      const left = await manager.query<unknown[]>('SELECT 1 FROM worker_import_rows WHERE import_id = $1 AND row_number > $2 LIMIT 1', [
        importId,
        current.processed_through,
      ]);
      if (left.length) return; // appeared since (cannot happen: staging commits before processing starts)
      await manager.query(`UPDATE worker_imports SET status = 'DONE', finished_at = $2 WHERE id = $1`, [importId, this.clock.now()]);
      await deleteRowsNotToFix(manager, importId);
    });
  }

  private async fail(importId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE worker_imports SET status = 'FAILED', failure = $2, finished_at = $3 WHERE id = $1 AND status = 'RUNNING'`,
        [
          importId,
          'processing stopped after repeated errors; the rows enrolled so far stay enrolled (see the service log)',
          this.clock.now(),
        ],
      );
      await deleteRowsNotToFix(manager, importId);
    });
  }
}

/**
 * Deletes a finished import's staged rows but for those to fix: the refused ones (with reasons) and the
 * duplicates. The enrolled rows go, and so do the rows a FAILED import never reached.
 */
async function deleteRowsNotToFix(manager: EntityManager, importId: string): Promise<void> {
  await manager.query(
    `DELETE FROM worker_import_rows r
      WHERE r.import_id = $1 AND NOT r.duplicate
        AND NOT EXISTS (SELECT 1 FROM worker_import_errors e WHERE e.import_id = r.import_id AND e.row_number = r.row_number)`,
    [importId],
  );
}

function starterOf(state: ImportState): ImportStarter {
  const actor =
    state.started_by_subject && state.started_by_client
      ? { subject: state.started_by_subject, clientId: state.started_by_client }
      : UNRECORDED_STARTER;
  return { actor, regions: state.served_regions ?? undefined };
}

/** Each error's place among its row's errors (errors arrive grouped by row). */
function positionsWithinRows(errors: RowError[]): number[] {
  let previousRow = -1;
  let position = 0;
  return errors.map((error) => {
    position = error.row === previousRow ? position + 1 : 0;
    previousRow = error.row;
    return position;
  });
}
