import { Period } from '@jaring/domain';

/**
 * docs/rules.md, refunds: when a membership ends, its invoices that can no longer be paid are closed. When nothing
 * was paid on one, it is voided; when something was, each payer's part goes back to its payer, so that money is
 * never kept for a month nobody is covered in, nor lost with a voided invoice. Pure: the handlers read the
 * invoices and write what this decides.
 */

/** Why a membership's months were closed: the invoices' `void_reason` and the refunds' `reason`. */
export const CLOSING_REASONS = ['WORKER_DIED', 'DEREGISTERED', 'LAPSED'] as const;
export type ClosingReason = (typeof CLOSING_REASONS)[number];

/** Whether an invoice's `void_reason` says the end of its membership closed it (not, say, a sponsored invoice replacing it). */
export function isClosingReason(reason: string | null): reason is ClosingReason {
  return (CLOSING_REASONS as readonly string[]).includes(reason ?? '');
}

/** How a membership ended: a death or a leaving in its last month, or a lapse. */
export type MembershipEnd = { reason: 'WORKER_DIED' | 'DEREGISTERED'; lastMonth: Period } | { reason: 'LAPSED' };

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

/** An invoice as the end of its membership finds it: its period, its status and what each party paid on it. */
export interface InvoiceAtEnd extends PaidSoFar {
  period: string;
  status: string;
}

export type InvoiceOnEnd = { action: 'KEEP' } | InvoiceClosing;

/**
 * What the end of a membership does to one invoice. A paid month after the last month of a death or a leaving is
 * closed: nobody was covered in it. An open month is closed when nobody can pay it any more: after a leaving or a
 * lapse every open month (the worker is refused, the sponsor's reservations released), after a death the months
 * after the month of death (a sponsor still pays the months the member was alive in). Every other invoice is kept,
 * an invoice already voided or refunded among them (the same end told twice changes nothing).
 */
export function invoiceOnEnd(invoice: InvoiceAtEnd, end: MembershipEnd): InvoiceOnEnd {
  const afterTheEnd = 'lastMonth' in end && Period.parse(invoice.period).isAfter(end.lastMonth);
  const open = ['ISSUED', 'OVERDUE'].includes(invoice.status);
  const closed = invoice.status === 'PAID' ? afterTheEnd : open && (end.reason !== 'WORKER_DIED' || afterTheEnd);
  return closed ? closingOf(invoice) : { action: 'KEEP' };
}

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
