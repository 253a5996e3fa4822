import { compareIsoDates, type IsoDate, Period } from '@jaring/domain';
import type { PaidBy } from './paid-by';

/**
 * A worker's coverage month by month (docs/api.md, "Coverage month by month"), from what contributions
 * keeps: each period's invoice, the parts of payments applied to it, the membership's end. Pure: the query
 * reads the rows, this decides.
 */
export const TIMELINE_MAX_MONTHS = 36;
/** Without `from`, a year: the 11 months before `to`, and `to`. */
const DEFAULT_MONTHS = 12;

/** An invoice of one of the months. */
export interface TimelineInvoice {
  id: string;
  period: string;
  status: string;
  amount: number;
  issuedAt: Date;
}

/** What one payer paid on one invoice (a payment's parts, summed per payer and sponsorship). */
export interface TimelinePart {
  invoiceId: string;
  payer: PaidBy;
  sponsorshipId: string | null;
  amount: number;
  /** When the first of those payments came: parts are listed in that order. */
  firstReceivedAt: Date;
}

export interface TimelineMonth {
  period: string;
  /** The whole month covered: its invoice paid in full, and the membership not ended before the month's last day. */
  covered: boolean;
  /** The month's invoice (the live one; the latest voided one when only voided ones exist); null when not billed. */
  invoiceStatus: string | null;
  amount: number | null;
  paidBy: Array<{ payer: PaidBy; amount: number; sponsorshipId?: string }>;
}

/**
 * The months asked for: `to` by default the current period; `from` by default the 11 months before `to`,
 * or the membership's first month when later (never after `to`). At most 36 months, `from` not after `to`.
 */
export function timelineRange(
  asked: { from?: string; to?: string },
  current: Period,
  membershipStart: Period,
): { from: Period; to: Period } | { errors: Array<{ field: string; reason: string }> } {
  const to = asked.to ? Period.parse(asked.to, 'to') : current;
  if (asked.from === undefined) {
    const yearBefore = to.minusMonths(DEFAULT_MONTHS - 1);
    const from = yearBefore.isBefore(membershipStart) ? membershipStart : yearBefore;
    return { from: from.isAfter(to) ? to : from, to };
  }
  const from = Period.parse(asked.from, 'from');
  if (from.isAfter(to)) return { errors: [{ field: 'from', reason: `from must not be after to (${to.toString()})` }] };
  if (from.monthsUntil(to) >= TIMELINE_MAX_MONTHS) {
    return { errors: [{ field: 'from', reason: `from must be at most ${TIMELINE_MAX_MONTHS} months up to to (${to.toString()})` }] };
  }
  return { from, to };
}

export function coverageTimeline(
  range: { from: Period; to: Period },
  invoices: readonly TimelineInvoice[],
  parts: readonly TimelinePart[],
  deregisteredOn: IsoDate | null,
): TimelineMonth[] {
  const periods = Period.sequence(range.from, range.from.monthsUntil(range.to) + 1);
  return periods.map((period) => {
    const invoice = invoiceOfMonth(invoices.filter((candidate) => candidate.period === period.toString()));
    if (!invoice) return { period: period.toString(), covered: false, invoiceStatus: null, amount: null, paidBy: [] };
    const endedWithin = deregisteredOn !== null && compareIsoDates(deregisteredOn, period.lastDay()) < 0;
    const paidBy = parts
      .filter((part) => part.invoiceId === invoice.id)
      .sort((a, b) => a.firstReceivedAt.getTime() - b.firstReceivedAt.getTime() || a.payer.localeCompare(b.payer))
      .map((part) => ({ payer: part.payer, amount: part.amount, ...(part.sponsorshipId ? { sponsorshipId: part.sponsorshipId } : {}) }));
    return {
      period: period.toString(),
      covered: invoice.status === 'PAID' && !endedWithin,
      invoiceStatus: invoice.status,
      amount: invoice.amount,
      paidBy,
    };
  });
}

/** The live invoice of a month (one at most), else the latest voided one. */
function invoiceOfMonth(invoices: readonly TimelineInvoice[]): TimelineInvoice | undefined {
  const live = invoices.find((invoice) => invoice.status !== 'VOID');
  if (live) return live;
  return [...invoices].sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime())[0];
}
