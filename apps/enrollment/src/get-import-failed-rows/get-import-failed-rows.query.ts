import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import type { Caller } from '@jaring/platform';
import { ALREADY_REGISTERED, FAILED_ROWS_HEADER, failedRowLine } from '../domain/failed-rows-csv';
import type { StagedRow } from '../domain/import-csv';
import { GetWorkerImportQuery } from '../get-worker-import/get-worker-import.query';
import { PersonalDataProtector, sealContext } from '../personal-data/personal-data-protector';

const PAGE = 1000;
/** Spreadsheet programs take a file as UTF-8 (names with accents) when it starts with the byte order mark; the import accepts it. */
const BYTE_ORDER_MARK = '\uFEFF';

/** The file of an import's refused rows, to stream: its name and its lines. */
export interface FailedRowsFile {
  filename: string;
  lines: AsyncIterable<string>;
}

interface KeptRow {
  row_number: number;
  sealed: Buffer;
  duplicate: boolean;
  reasons: Array<{ field: string; reason: string }>;
}

/**
 * `GET /v1/worker-imports/{id}/failed-rows`: the import's refused rows and its duplicates as a CSV file to fix
 * and upload again (domain/failed-rows-csv.ts), read from the rows kept sealed after the import finished, a
 * thousand at a time. Who may follow the import may have it (another's import, or an unknown id: 404). While
 * the import runs: 409 `import-running` (a partial file would look complete). After the purge: 410
 * `failed-rows-purged` (an import with nothing refused still answers its header: nothing to fix).
 */
@Injectable()
export class GetImportFailedRowsQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly imports: GetWorkerImportQuery,
    private readonly protector: PersonalDataProtector,
  ) {}

  async file(id: string, caller: Caller): Promise<FailedRowsFile> {
    const found = await this.imports.followed(id, caller);
    if (found.status === 'RUNNING') {
      throw UseCaseError.conflict('the import is still running: its refused rows can be had once it has finished', {
        type: 'import-running',
        title: 'Import still running',
      });
    }
    if (found.failedRowsPurgedAt && found.failed + found.duplicates > 0) {
      throw UseCaseError.gone(
        `the refused rows of this import were deleted on ${found.failedRowsPurgedAt.toISOString().slice(0, 10)}: they are kept for a limited time after an import finishes`,
        { type: 'failed-rows-purged', title: 'Refused rows deleted' },
      );
    }
    return { filename: `import-${id}-failed-rows.csv`, lines: this.lines(id) };
  }

  private async *lines(importId: string): AsyncIterable<string> {
    yield `${BYTE_ORDER_MARK}${FAILED_ROWS_HEADER}\r\n`;
    for (let after = 0; ;) {
      const rows = await this.dataSource.query<KeptRow[]>(
        `SELECT r.row_number, r.sealed, r.duplicate,
                coalesce(json_agg(json_build_object('field', e.field, 'reason', e.reason) ORDER BY e.position)
                           FILTER (WHERE e.row_number IS NOT NULL), '[]') AS reasons
           FROM worker_import_rows r
           LEFT JOIN worker_import_errors e ON e.import_id = r.import_id AND e.row_number = r.row_number
          WHERE r.import_id = $1 AND r.row_number > $2
          GROUP BY r.row_number, r.sealed, r.duplicate
          ORDER BY r.row_number LIMIT $3`,
        [importId, after, PAGE],
      );
      if (!rows.length) return;
      yield rows.map((row) => `${this.line(importId, row)}\r\n`).join('');
      after = rows[rows.length - 1].row_number;
    }
  }

  private line(importId: string, row: KeptRow): string {
    const staged = this.protector.openJson<StagedRow>(row.sealed, sealContext.importRow(importId, row.row_number));
    return failedRowLine(staged.fields ?? {}, row.duplicate ? [ALREADY_REGISTERED] : row.reasons);
  }
}
