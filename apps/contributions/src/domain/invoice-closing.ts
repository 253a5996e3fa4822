/**
 * docs/rules.md, refunds: an invoice that can no longer be paid (a period after the worker's death, the open
 * months of a lapsed membership) is closed. When nothing was paid on it, it is voided; when something was, each
 * payer's part goes back to its payer, so that money is never kept for a month nobody is covered for, nor lost
 * with a voided invoice. Pure: the handlers read the invoices and write what this decides.
 */

/** What was paid on an invoice, by whom: its lines, the sponsored programmes, each party's total. */
export interface PaidSoFar {
  lines: Array<{ program: string; amount: number }>;
  sponsoredPrograms: string[];
  workerPaid: number;
  sponsorPaid: number;
}

/** One payer's part of an invoice to give back: its party and the programme lines it paid. */
export interface RefundPart {
  part: 'WORKER' | 'SPONSOR';
  amount: number;
  lines: Array<{ program: string; amount: number }>;
}

export type InvoiceClosing = { action: 'VOID' } | { action: 'REFUND'; parts: RefundPart[] };

/** Closes an invoice: voided when nothing was paid on it, else refunded part by part. */
export function closingOf(invoice: PaidSoFar): InvoiceClosing {
  if (invoice.workerPaid === 0 && invoice.sponsorPaid === 0) return { action: 'VOID' };
  return { action: 'REFUND', parts: paidParts(invoice) };
}

/**
 * The parts paid on an invoice, the worker's first. A part is paid whole, so what a party paid is exactly its
 * lines: the sponsor's the sponsored programmes', the worker's the others.
 */
export function paidParts(invoice: PaidSoFar): RefundPart[] {
  const parts: RefundPart[] = [];
  const linesOf = (sponsored: boolean) =>
    invoice.lines.filter((l) => invoice.sponsoredPrograms.includes(l.program) === sponsored && l.amount > 0);
  for (const [part, paid, sponsored] of [
    ['WORKER', invoice.workerPaid, false],
    ['SPONSOR', invoice.sponsorPaid, true],
  ] as const) {
    if (paid === 0) continue;
    const lines = linesOf(sponsored);
    const total = lines.reduce((sum, l) => sum + l.amount, 0);
    if (total !== paid) throw new Error(`the ${part.toLowerCase()}'s part paid ${paid}, not its lines' ${total}`);
    parts.push({ part, amount: paid, lines });
  }
  return parts;
}
