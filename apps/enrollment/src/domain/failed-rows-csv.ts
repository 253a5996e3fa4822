import { ERRORS_COLUMN, IMPORT_COLUMNS, type ImportColumn } from './import-csv';

/**
 * The file of an import's refused rows (docs/api.md, "Worker import"): the import's columns in docs/api.md's
 * order, then `errors`, each reason of the row as `field: reason` joined with `; `; one line per refused
 * row, its values as uploaded, so that it can be fixed and uploaded again as it is (the import ignores
 * `errors`). CSV by RFC 4180 (CRLF, quotes where needed).
 *
 * Formulas: a refused value may be anything, also `=HYPERLINK(…)`, and whoever opens the file in a
 * spreadsheet must not have it run. A value starting with = + - @, a tab or a carriage return is written
 * behind an apostrophe (`'+6281…`), which spreadsheets show as text; the import drops one leading
 * apostrophe from every value (import-csv.ts), so the value read back is the one uploaded.
 */
export const FAILED_ROWS_HEADER = [...IMPORT_COLUMNS, ERRORS_COLUMN].join(',');

/** One refused row: its values by column and its reasons. */
export function failedRowLine(
  fields: Partial<Record<ImportColumn, string>>,
  reasons: ReadonlyArray<{ field: string; reason: string }>,
): string {
  const values = IMPORT_COLUMNS.map((column) => fields[column] ?? '');
  const errors = reasons.map(({ field, reason }) => `${field}: ${reason}`).join('; ');
  return [...values, errors].map(csvCell).join(',');
}

/** The reason a row whose NIK was already registered is in the file (it is counted in `duplicates`). */
export const ALREADY_REGISTERED = { field: 'nik', reason: 'already registered' } as const;

const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
