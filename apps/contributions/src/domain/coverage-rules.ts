import { addDays, compareIsoDates, type IsoDate, Period } from '@jaring/domain';
import { isAfterDeath } from './death-rules';

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

/**
 * The last covered day of a membership ended by deregistration on `deregisteredOn`: coverage ends with the
 * membership, even inside a paid month. None when nothing was paid.
 */
export function lastCoveredDayOnDeregistration(lastPaid: Period | null, deregisteredOn: IsoDate): IsoDate | null {
  if (!lastPaid) return null;
  const paidUntil = lastPaid.lastDay();
  return compareIsoDates(paidUntil, deregisteredOn) <= 0 ? paidUntil : deregisteredOn;
}

/** A worker's account as stored: the membership and its dates (periods as `YYYY-MM`, days as `YYYY-MM-DD`). */
export interface AccountStanding {
  status: string;
  billingFrom: string;
  paidThrough: string | null;
  lapsesOn: IsoDate | null;
  lapsedOn: IsoDate | null;
  deregisteredOn: IsoDate | null;
  /** Set when the worker died: coverage ends with the month of death (domain/death-rules.ts). */
  diedOn?: IsoDate | null;
}

/** A paid (covered) period and the programmes its invoice paid for. */
export interface PaidPeriod {
  period: string;
  programs: string[];
}

/** What a claim asks of a day (docs/api.md, Coverage shape). */
export interface CoverageOnDay {
  date: IsoDate;
  covered: boolean;
  programs: string[];
  status: string;
  paidUntil: IsoDate | null;
  periods: string[];
  graceUntil: IsoDate | null;
  lapsesOn: IsoDate | null;
  lapsedOn: IsoDate | null;
  /** The date of death, when the worker died. */
  diedOn: IsoDate | null;
}

/**
 * Whether a worker was covered on `date`: its period was paid (docs/rules.md: an unpaid period is not
 * covered) and the membership had not ended by deregistration. `paid` lists the paid periods, oldest first.
 */
export function coverageOn(date: IsoDate, account: AccountStanding, paid: PaidPeriod[]): CoverageOnDay {
  // Coverage ends with the membership (deregistration), even inside a paid month.
  // A death ends it with the month of death: that month stays covered when paid, no later one is.
  const ended =
    (account.deregisteredOn !== null && compareIsoDates(date, account.deregisteredOn) > 0) ||
    (account.diedOn ? isAfterDeath(Period.fromDate(date), account.diedOn) : false);
  const onDate = ended ? undefined : paid.find((row) => row.period === Period.fromDate(date).toString());
  const open = account.status === 'ACTIVE' || account.status === 'PENDING_PAYMENT';
  const lastPaid = account.paidThrough ? Period.parse(account.paidThrough) : null;
  return {
    date,
    covered: onDate !== undefined,
    programs: onDate ? onDate.programs : [],
    status: account.status,
    paidUntil: paidUntilOf(lastPaid),
    periods: paid.map((row) => row.period),
    graceUntil: open ? arrearsPayableUntil(Period.parse(account.billingFrom), lastPaid) : null,
    lapsesOn: open ? account.lapsesOn : null,
    lapsedOn: account.lapsedOn,
    diedOn: account.diedOn ?? null,
  };
}
