import { type IsoDate, Period } from '@jaring/domain';

/**
 * docs/rules.md, "refund": a death ends the membership with the month of death. That month stays as it is
 * (paid, it is covered: the death itself happened in it); nothing is billed for a later period; an invoice of
 * a later period is voided when nothing was paid on it, and when something was, each payer's part goes back
 * to its payer. Pure: the handler reads the invoices and writes what this decides.
 */

/** The last month of a membership ended by a death on `diedOn`. */
export function lastMonthOfLife(diedOn: IsoDate): Period {
  return Period.fromDate(diedOn);
}

/** Whether a period comes after the month of death (so is neither billed nor kept paid). */
export function isAfterDeath(period: Period | string, diedOn: IsoDate): boolean {
  return (typeof period === 'string' ? Period.parse(period) : period).isAfter(lastMonthOfLife(diedOn));
}

/** An invoice as a death finds it: its period, its status and what each party paid on it. */
export interface InvoiceAtDeath {
  period: string;
  status: string;
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

export type InvoiceOnDeath = { action: 'KEEP' } | { action: 'VOID' } | { action: 'REFUND'; parts: RefundPart[] };

/**
 * What a death on `diedOn` does to one invoice: periods up to the month of death are kept; a later one is
 * voided when nothing was paid on it, else refunded part by part (a part is paid whole, so what a party paid
 * is exactly its lines: the sponsor's the sponsored programmes', the worker's the others). An invoice already
 * voided or refunded is kept as it is.
 */
export function invoiceOnDeath(invoice: InvoiceAtDeath, diedOn: IsoDate): InvoiceOnDeath {
  if (!isAfterDeath(invoice.period, diedOn) || !['ISSUED', 'OVERDUE', 'PAID'].includes(invoice.status)) return { action: 'KEEP' };
  if (invoice.workerPaid === 0 && invoice.sponsorPaid === 0) return { action: 'VOID' };
  return { action: 'REFUND', parts: paidParts(invoice) };
}

/** The parts paid on an invoice, the worker's first. */
export function paidParts(invoice: Pick<InvoiceAtDeath, 'lines' | 'sponsoredPrograms' | 'workerPaid' | 'sponsorPaid'>): RefundPart[] {
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
