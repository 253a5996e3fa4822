/** One transfer of a bank file. */
export interface BankTransfer {
  lineNo: number;
  reference: string;
  bankCode: string;
  accountNumber: string;
  accountName: string;
  amount: number;
}

export const BANK_FILE_HEADER = 'line_no,reference,bank_code,account_number,account_name,amount';

/**
 * The batch's bank transfer file (CSV, RFC 4180 quoting): a header, one row per transfer (each line of
 * the batch once, the line id as the reference the bank answers with), and a last control-total row
 * `TOTAL,<count>,<sum>` the bank checks the file against.
 */
export function bankFileCsv(transfers: readonly BankTransfer[]): string {
  const rows = transfers.map((t) => [t.lineNo, t.reference, t.bankCode, t.accountNumber, t.accountName, t.amount].map(csvField).join(','));
  const total = transfers.reduce((sum, t) => sum + t.amount, 0);
  return [BANK_FILE_HEADER, ...rows, `TOTAL,${transfers.length},${total}`].join('\r\n') + '\r\n';
}

function csvField(value: string | number): string {
  const text = String(value);
  // Quote what CSV needs quoted, and neutralise spreadsheet formulas in names (=, +, -, @ at the start).
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
