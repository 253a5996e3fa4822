import type { Period } from '@jaring/domain';

/** Whether a billing run requested over HTTP may bill `requested`, and why not. */
export type BillingRunPeriodCheck = { allowed: true } | { allowed: false; reason: string };

/**
 * An operator may start the billing run of the current period (by the service's clock) or of the next one
 * (to issue invoices a few days early), and no other: a run of a past period would bill workers for months
 * they were never asked to pay on time, a run far ahead would issue invoices nobody can price yet (rates and
 * discounts are dated data). The scheduled runs always bill the current period and are not asked.
 */
export function checkBillingRunPeriod(requested: Period, current: Period): BillingRunPeriodCheck {
  if (requested.equals(current) || requested.equals(current.next())) return { allowed: true };
  const allowed = `${current.toString()} (the current period) or ${current.next().toString()} (the next)`;
  return {
    allowed: false,
    reason: `${requested.isBefore(current) ? 'a past period' : 'a period too far ahead'}: only ${allowed} may be billed`,
  };
}
