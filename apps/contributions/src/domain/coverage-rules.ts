import { addDays, type IsoDate, Period } from '@jaring/domain';

/**
 * docs/rules.md, "Paying and coverage" (marked "check"): unpaid months may be paid late for at most 3 months
 * counted from the end of coverage, and more than 3 consecutive unpaid months end the membership.
 *
 * With `lastPaid` the latest paid period of the current membership, the months lastPaid+1 .. lastPaid+3
 * may still be paid; on the first day of lastPaid+4 (more than 3 unpaid months) the member lapses. A
 * member who never paid counts from the first billed period: billingFrom .. billingFrom+2 are the 3
 * months, the lapse comes on the first day of billingFrom+3.
 */
export const ARREARS_MONTHS = 3;

export function firstUnpaidPeriod(billingFrom: Period, lastPaid: Period | null): Period {
  return lastPaid && !lastPaid.isBefore(billingFrom) ? lastPaid.next() : billingFrom;
}

/** The day the membership lapses if nothing more is paid. */
export function lapseDateOf(billingFrom: Period, lastPaid: Period | null): IsoDate {
  return firstUnpaidPeriod(billingFrom, lastPaid).plusMonths(ARREARS_MONTHS).firstDay();
}

/** The last day arrears can still be paid: the day before the lapse. */
export function arrearsPayableUntil(billingFrom: Period, lastPaid: Period | null): IsoDate {
  return addDays(lapseDateOf(billingFrom, lastPaid), -1);
}

/** Paid until the end of the latest paid period (null when nothing is paid). */
export function paidUntilOf(lastPaid: Period | null): IsoDate | null {
  return lastPaid ? lastPaid.lastDay() : null;
}
