import { isWorkingDay, NATIONAL_HOLIDAYS } from '../contributions/due-date';
import { DomainError } from '../errors';
import { addDays, compareIsoDates, type IsoDate } from '../iso-date';
import { Money } from '../money';
import type { BenefitComponent } from './calculate-benefit';
import type { ClaimType } from './claim-types';

/**
 * Service levels (docs/rules.md, Claims, firm): paid within 3 working days (JKM), 7 (JKK), 5 (JHT) after the
 * documents are complete; paying later owes the claimant 1% of the benefit per day late.
 * "Day late" is read as a working day late, the unit the service level itself is counted in (our
 * reading: the rule does not say; calendar days would add the weekends).
 * Working days are Monday to Friday less the national holidays of the shared table (`NATIONAL_HOLIDAYS`,
 * data to maintain: each year's SKB 3 Menteri).
 */
export const SERVICE_LEVEL_WORKING_DAYS: Readonly<Record<ClaimType, number>> = Object.freeze({ JKM: 3, JKK: 7, JHT: 5 });
export const LATE_PENALTY_BP_PER_DAY = 100;

/** The `count`-th working day after `date` (`date` itself never counts): a Friday + 1 is the Monday. */
export function addWorkingDays(date: IsoDate, count: number, holidays: readonly IsoDate[] = NATIONAL_HOLIDAYS): IsoDate {
  if (!Number.isSafeInteger(count) || count < 0)
    throw new DomainError('WORKING_DAYS_INVALID', `working days must be a non-negative integer, got ${count}`);
  let day = date;
  for (let left = count; left > 0;) {
    day = addDays(day, 1);
    if (isWorkingDay(day, holidays)) left -= 1;
  }
  return day;
}

/** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
export function workingDaysAfter(from: IsoDate, to: IsoDate, holidays: readonly IsoDate[] = NATIONAL_HOLIDAYS): number {
  let count = 0;
  for (let day = addDays(from, 1); compareIsoDates(day, to) <= 0; day = addDays(day, 1)) {
    if (isWorkingDay(day, holidays)) count += 1;
  }
  return count;
}

/** The day a claim must be paid by. */
export function payoutDueDate(type: ClaimType, documentsCompleteOn: IsoDate, holidays?: readonly IsoDate[]): IsoDate {
  return addWorkingDays(documentsCompleteOn, SERVICE_LEVEL_WORKING_DAYS[type], holidays);
}

export interface LatePenalty {
  daysLate: number;
  amount: number;
  component?: BenefitComponent;
}

/** What paying on `paidOn` adds to a benefit due on `dueOn`: 1% of the benefit per working day late, rounded half up. */
export function latePenalty(benefitTotal: number, dueOn: IsoDate, paidOn: IsoDate, holidays?: readonly IsoDate[]): LatePenalty {
  const daysLate = workingDaysAfter(dueOn, paidOn, holidays);
  if (daysLate === 0) return { daysLate, amount: 0 };
  const amount = Money.of(benefitTotal).percentOf(LATE_PENALTY_BP_PER_DAY * daysLate).amount;
  return {
    daysLate,
    amount,
    component: {
      code: 'LATE_PAYMENT_PENALTY',
      name: 'Compensation for late payment',
      amount,
      rule: `${LATE_PENALTY_BP_PER_DAY / 100}% of the benefit ${Money.of(benefitTotal).format()} × ${daysLate} working days late (due ${dueOn}, paid ${paidOn})`,
    },
  };
}
