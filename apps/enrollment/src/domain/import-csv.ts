/**
 * The worker import file (docs/api.md, "Worker import"): UTF-8 CSV, a header row naming these columns in any
 * order, `programs` separated by `;`. Pure functions: the header check and a row as a registration input.
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

/** What an uploaded row becomes before validation: the fields, or why the row could not even be read. */
export type StagedRow = { fields: Record<ImportColumn, string> } | { unreadable: string };

/** The position of each column in the file, or the reasons the header is not the expected one. */
export function readHeader(
  header: readonly string[],
): { ok: true; positions: Record<ImportColumn, number> } | { ok: false; reasons: string[] } {
  const names = header.map((name) => name.trim());
  const reasons: string[] = [];
  const unknown = names.filter((name) => !(IMPORT_COLUMNS as readonly string[]).includes(name));
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
  };
}

export function stageRecord(record: readonly string[], positions: Record<ImportColumn, number>): StagedRow {
  const width = Object.keys(positions).length;
  if (record.length !== width) return { unreadable: `the row has ${record.length} fields; the header has ${width}` };
  return {
    fields: Object.fromEntries(IMPORT_COLUMNS.map((column) => [column, record[positions[column]]])) as Record<ImportColumn, string>,
  };
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
