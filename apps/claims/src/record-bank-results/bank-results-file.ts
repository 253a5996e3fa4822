import { CsvError, parse } from 'csv-parse/sync';
import type { FieldError } from '@jaring/platform';

/** The columns of the bank's results file, as its header names them (docs/api.md, "Bank results"). */
export const BANK_RESULTS_COLUMNS = ['line_id', 'status', 'reason', 'bank_reference'] as const;
export type BankResultsColumn = (typeof BANK_RESULTS_COLUMNS)[number];

/** A row of the file, as the JSON body's result it stands for (still to be validated like one). */
export interface BankResultRow {
  lineId: string;
  status: string;
  reason?: string;
  bankReference?: string;
}

/** Where a result's field is in the file: `rows.<n>.<column>`, row 1 being the first after the header. */
export const COLUMN_OF_FIELD: Readonly<Record<keyof BankResultRow, BankResultsColumn>> = {
  lineId: 'line_id',
  status: 'status',
  reason: 'reason',
  bankReference: 'bank_reference',
};

export const rowField = (row: number, column: string): string => `rows.${row}.${column}`;

export type ParsedBankResults = { ok: true; rows: BankResultRow[] } | { ok: false; errors: FieldError[] };

/**
 * Reads the bank's results file: UTF-8 CSV (RFC 4180 quoting, a byte-order mark allowed), a header naming the
 * four columns in any order, then one row per answered line. Empty cells are absent values. Only the file's
 * shape is judged here (header, cells per row, CSV syntax), each error naming its row and column; the values
 * are then validated as the JSON body's are.
 */
export function parseBankResultsFile(text: string): ParsedBankResults {
  let records: string[][];
  try {
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { ok: false, errors: [syntaxError(error, text)] };
  }
  const [header, ...data] = records;
  if (!header)
    return { ok: false, errors: [{ field: 'header', reason: `the file is empty: it needs the header ${BANK_RESULTS_COLUMNS.join(',')}` }] };
  const headerErrors = checkHeader(header);
  if (headerErrors.length) return { ok: false, errors: headerErrors };
  if (!data.length) return { ok: false, errors: [{ field: 'rows', reason: 'the file has a header but no results' }] };

  const position = Object.fromEntries(header.map((name, index) => [name, index])) as Record<BankResultsColumn, number>;
  const errors: FieldError[] = [];
  const rows = data.map((cells, index) => {
    if (cells.length !== header.length)
      errors.push({ field: `rows.${index + 1}`, reason: `the row has ${cells.length} cells, the header ${header.length}` });
    const cell = (column: BankResultsColumn) => cells[position[column]] || undefined;
    return {
      lineId: cell('line_id') ?? '',
      status: cell('status') ?? '',
      ...(cell('reason') !== undefined ? { reason: cell('reason') } : {}),
      ...(cell('bank_reference') !== undefined ? { bankReference: cell('bank_reference') } : {}),
    };
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

function checkHeader(header: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  // never the cell itself: a file sent without its header starts with a row of the bank's data
  header.forEach((name, index) => {
    if (!(BANK_RESULTS_COLUMNS as readonly string[]).includes(name))
      errors.push({ field: 'header', reason: `column ${index + 1} is none of ${BANK_RESULTS_COLUMNS.join(', ')}` });
  });
  for (const column of BANK_RESULTS_COLUMNS) {
    const count = header.filter((name) => name === column).length;
    if (count !== 1) errors.push({ field: 'header', reason: `the column ${column} ${count ? 'appears more than once' : 'is missing'}` });
  }
  return errors;
}

/**
 * A syntax error at its row and column, from csv-parse's position (records read before it, the field's index);
 * never its message, which quotes the file's content.
 */
function syntaxError(error: CsvError, text: string): FieldError {
  const { records, column } = error as CsvError & { records?: number; column?: number };
  const reason = `not valid CSV (${error.code})`;
  if (!records) return { field: 'header', reason };
  const [header = []]: string[][] = parse(text, { bom: true, trim: true, to_line: 1 });
  const name = typeof column === 'number' ? header[column] : undefined;
  return { field: name ? rowField(records, name) : `rows.${records}`, reason };
}
