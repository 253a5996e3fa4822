/**
 * The worker import file (docs/api.md, "Worker import"): UTF-8 CSV, a header row naming these columns in any
 * order, `programs` separated by `;`. Pure functions: the header check and a row as a registration input.
 *
 * A file of refused rows (failed-rows-csv.ts) can be uploaded again as it is: its extra column `errors` is
 * accepted and ignored, and a value it wrote behind an apostrophe (so that a spreadsheet does not run it as
 * a formula) is read without it.
 */
export const IMPORT_COLUMNS = [
  'nik',
  'fullName',
  'birthDate',
  'phone',
  'regionCode',
  'occupation',
  'declaredMonthlyIncome',
  'programs',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** The column a file of refused rows adds (their reasons): accepted in an upload, and ignored. */
export const ERRORS_COLUMN = 'errors';

/**
 * What an uploaded row becomes before validation: the fields, or why the row could not even be read (with
 * what could be placed of it, for the file of refused rows; rows staged before that have no fields).
 */
export type StagedRow = { fields: Record<ImportColumn, string> } | { unreadable: string; fields?: Record<ImportColumn, string> };

/** Where each column stands in the file, and how many fields a row has. */
export interface ImportHeader {
  positions: Record<ImportColumn, number>;
  width: number;
}

/** The position of each column in the file, or the reasons the header is not the expected one. */
export function readHeader(header: readonly string[]): ({ ok: true } & ImportHeader) | { ok: false; reasons: string[] } {
  const names = header.map((name) => name.trim());
  const reasons: string[] = [];
  const unknown = names.filter((name) => !(IMPORT_COLUMNS as readonly string[]).includes(name) && name !== ERRORS_COLUMN);
  const missing = IMPORT_COLUMNS.filter((column) => !names.includes(column));
  const repeated = [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
  if (missing.length) reasons.push(`missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  // Unknown names are quoted cut short: a file without a header has personal data in its first row.
  if (unknown.length) reasons.push(`unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.map(quoteShort).join(', ')}`);
  if (repeated.length) reasons.push(`repeated column${repeated.length > 1 ? 's' : ''}: ${repeated.join(', ')}`);
  if (reasons.length) return { ok: false, reasons };
  return {
    ok: true,
    positions: Object.fromEntries(IMPORT_COLUMNS.map((column) => [column, names.indexOf(column)])) as Record<ImportColumn, number>,
    width: names.length,
  };
}

/**
 * A row's fields by column. A row with another number of fields than the header is unreadable; its fields
 * are still placed by position (missing ones empty, extra ones dropped) for the file of refused rows.
 */
export function stageRecord(record: readonly string[], header: ImportHeader): StagedRow {
  const fields = Object.fromEntries(
    IMPORT_COLUMNS.map((column) => [column, withoutFormulaGuard(record[header.positions[column]] ?? '')]),
  ) as Record<ImportColumn, string>;
  if (record.length !== header.width) return { unreadable: `the row has ${record.length} fields; the header has ${header.width}`, fields };
  return { fields };
}

/**
 * A value without the apostrophe a file of refused rows puts before values a spreadsheet would run as a
 * formula (`'=…`, `'+62…`). No valid value starts with an apostrophe (a name starts with a letter), so one
 * leading apostrophe is always dropped: spreadsheet users also type one to keep a NIK's or a phone number's
 * leading zero.
 */
function withoutFormulaGuard(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}

/**
 * A row's text fields as the JSON body POST /v1/workers would receive, so the same rules judge both: the
 * income as a number when it is written as one (else left as text, to be refused as not a whole number),
 * the programmes split on `;`.
 */
export function registrationInputOf(fields: Record<ImportColumn, string>): Record<string, unknown> {
  const income = fields.declaredMonthlyIncome;
  return {
    nik: fields.nik,
    fullName: fields.fullName,
    birthDate: fields.birthDate,
    phone: fields.phone,
    regionCode: fields.regionCode,
    occupation: fields.occupation,
    declaredMonthlyIncome: /^-?\d+(\.\d+)?$/.test(income) ? Number(income) : income,
    programs: fields.programs
      .split(';')
      .map((code) => code.trim())
      .filter((code) => code.length > 0),
  };
}

function quoteShort(name: string): string {
  return JSON.stringify(name.length > 3 ? `${name.slice(0, 3)}...` : name);
}
