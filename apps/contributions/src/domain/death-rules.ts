import { type IsoDate, Period } from '@jaring/domain';
import { type InvoiceAtEnd, type InvoiceOnEnd, invoiceOnEnd } from './invoice-closing';

/**
 * docs/rules.md, "refund": a death ends the membership with the month of death. That month stays as it is
 * (paid, it is covered: the death itself happened in it); nothing is billed for a later period; an invoice of
 * a later period is closed (`invoice-closing.ts`): voided when nothing was paid on it, and when something was,
 * each payer's part goes back to its payer. Pure: the handler reads the invoices and writes what this decides.
 */

/** The last month of a membership ended by a death on `diedOn`. */
export function lastMonthOfLife(diedOn: IsoDate): Period {
  return Period.fromDate(diedOn);
}

/** Whether a period comes after the month of death (so is neither billed nor kept paid). */
export function isAfterDeath(period: Period | string, diedOn: IsoDate): boolean {
  return (typeof period === 'string' ? Period.parse(period) : period).isAfter(lastMonthOfLife(diedOn));
}

/**
 * What a death on `diedOn` does to one invoice: periods up to the month of death are kept; a later one is
 * closed (`invoiceOnEnd`: voided when nothing was paid on it, else refunded part by part).
 */
export function invoiceOnDeath(invoice: InvoiceAtEnd, diedOn: IsoDate): InvoiceOnEnd {
  return invoiceOnEnd(invoice, { reason: 'WORKER_DIED', lastMonth: lastMonthOfLife(diedOn) });
}
