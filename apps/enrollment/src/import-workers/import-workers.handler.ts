import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { CsvError, parse } from 'csv-parse';
import { DataSource, type QueryRunner } from 'typeorm';
import type { Clock } from '@jaring/domain';
import { actorOf, type Caller, CLOCK, Problem, problemType, regionsVisibleTo } from '@jaring/platform';
import { type ImportHeader, readHeader, stageRecord } from '../domain/import-csv';
import { EnrollmentConfig } from '../enrollment.config';
import { GetWorkerImportDto } from '../get-worker-import/get-worker-import.dto';
import { GetWorkerImportQuery } from '../get-worker-import/get-worker-import.query';
import { PersonalDataProtector, sealContext } from '../personal-data/personal-data-protector';
import { importTooLarge, openCsvUpload } from './csv-upload';
import { ImportProcessor } from './import-processor';
import type { WorkerImportView } from './worker-import.view';

const STAGE_BATCH = 2000;
/** One CSV record longer than this is not a worker: a broken quote swallowing the file, or not a CSV. */
const MAX_RECORD_BYTES = 64 * 1024;

const malformed = (detail: string, errors?: Array<{ field: string; reason: string }>) =>
  Problem.badRequest(detail, { type: problemType('malformed-import-file'), errors });

/**
 * Receives a worker import: the CSV is parsed while it streams in (csv-parse), its header checked at once,
 * and its rows staged, sealed, 2,000 per statement, in ONE transaction with the import itself. When the
 * upload has fully arrived and passed (header, CSV syntax, size and row limits) the transaction commits
 * and the caller answers 202; a refused file leaves nothing behind. Enrolment then runs in the background
 * from the staged rows (ImportProcessor), which survive a restart.
 *
 * Why stage instead of enrolling while the bytes arrive: the answer to the upload must say whether the
 * file as a whole was accepted (a 413 at row 100,001 must not leave 100,000 workers enrolled), the client
 * should not hold a connection open for the whole enrolment, and a crash mid-way must resume, not restart.
 *
 * The refusals of the file itself (413, 415, a malformed upload) are the HTTP layer's answers, thrown as
 * problems while the request body is read.
 *
 * The import remembers who started it (subject and client: each worker it enrols is recorded in the audit
 * trail under that caller) and the regions that caller serves: an agent's row of another region is refused
 * with its reason, the other rows still enrolled.
 */
@Injectable()
export class ImportWorkersHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly protector: PersonalDataProtector,
    private readonly config: EnrollmentConfig,
    private readonly processor: ImportProcessor,
    private readonly status: GetWorkerImportQuery,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `POST /v1/worker-imports`: the file received and staged, its enrolment started; the import as it stands. */
  async importFile(request: IncomingMessage, caller: Caller): Promise<WorkerImportView> {
    const { id } = await this.receive(request, this.clock.now(), caller);
    this.processor.start(id);
    return this.status.get(id, new GetWorkerImportDto(), caller);
  }

  /** Receives and stages the file (see above); enrolment is not started. */
  async receive(request: IncomingMessage, receivedAt: Date, caller: Caller): Promise<{ id: string; total: number }> {
    const startedBy = actorOf(caller);
    const regions = regionsVisibleTo(caller);
    const parser = parse({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, max_record_size: MAX_RECORD_BYTES });
    // Until the rows are read below, a refusal (413, 415) destroys the parser with no reader attached: this
    // listener keeps that from being an unhandled 'error'; the reader then gets the error from the stream.
    parser.on('error', () => undefined);
    const upload = await openCsvUpload(request, this.config.IMPORT_MAX_BYTES, parser);
    const importId = randomUUID();
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      await runner.query(
        `INSERT INTO worker_imports (id, status, total, file_bytes, file_sha256, received_at, started_by_subject, started_by_client, served_regions)
         VALUES ($1, 'RUNNING', 0, 0, repeat('0', 64), $2, $3, $4, $5)`,
        [importId, receivedAt, startedBy.subject, startedBy.clientId, regions ?? null],
      );
      const total = await this.stageRows(runner, importId, parser);
      await upload.finished;
      const { size, sha256 } = upload.summary();
      await runner.query('UPDATE worker_imports SET total = $2, file_bytes = $3, file_sha256 = $4 WHERE id = $1', [
        importId,
        total,
        size,
        sha256,
      ]);
      await runner.commitTransaction();
      return { id: importId, total };
    } catch (error) {
      upload.abandon();
      parser.destroy();
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw asProblem(error);
    } finally {
      await runner.release();
    }
  }

  private async stageRows(runner: QueryRunner, importId: string, records: AsyncIterable<string[]>): Promise<number> {
    let header: ImportHeader | undefined;
    let batch: Array<{ row: number; sealed: Buffer }> = [];
    let rows = 0;
    for await (const record of records) {
      if (!header) {
        const read = readHeader(record);
        if (!read.ok)
          throw malformed(
            `the first row must be the header ${'nik,fullName,birthDate,phone,regionCode,occupation,declaredMonthlyIncome,programs'} (any order)`,
            read.reasons.map((reason) => ({ field: 'header', reason })),
          );
        header = read;
        continue;
      }
      rows++;
      if (rows > this.config.IMPORT_MAX_ROWS)
        throw importTooLarge(`the file has more than ${this.config.IMPORT_MAX_ROWS.toLocaleString('en')} rows, the limit of one import`);
      batch.push({ row: rows, sealed: this.protector.sealJson(stageRecord(record, header), sealContext.importRow(importId, rows)) });
      if (batch.length >= STAGE_BATCH) {
        await stage(runner, importId, batch);
        batch = [];
      }
    }
    if (!header) throw malformed('the file is empty: it needs the header row and at least one worker');
    if (rows === 0) throw malformed('the file has a header but no workers');
    await stage(runner, importId, batch);
    return rows;
  }
}

async function stage(runner: QueryRunner, importId: string, batch: Array<{ row: number; sealed: Buffer }>): Promise<void> {
  if (!batch.length) return;
  await runner.query('INSERT INTO worker_import_rows (import_id, row_number, sealed) SELECT $1, * FROM unnest($2::int[], $3::bytea[])', [
    importId,
    batch.map((b) => b.row),
    batch.map((b) => b.sealed),
  ]);
}

/** CSV syntax errors by their code and line: csv-parse's messages quote the file's content. */
function asProblem(error: unknown): unknown {
  if (error instanceof CsvError) {
    return malformed(`the file is not valid CSV: ${error.code} near line ${(error as CsvError & { lines?: number }).lines ?? '?'}`);
  }
  return error;
}
