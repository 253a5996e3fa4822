import { latePenalty, workingDaysAfter, type IsoDate } from '@jaring/domain';

/** Where an open claim stands against its service level on a day (docs/rules.md, "Service levels and late payment"). */
export interface ServiceLevelStanding {
  /** Past its due date. */
  overdue: boolean;
  /** Working days after the due date, up to the day: 0 until it is late. */
  workingDaysOverdue: number;
  /**
   * Working days from the day up to the due date: 3 on the Monday of a Thursday due date, 0 on the due date,
   * minus the working days overdue once late. Null for a claim with no due date yet (documents missing, or ineligible).
   */
  workingDaysLeft: number | null;
  /** The late-payment penalty a payout batch made on the day would add: the batch's own computation. */
  latePenaltyAccrued: number;
}

export function serviceLevelStanding(benefitTotal: number, dueOn: IsoDate | null, today: IsoDate): ServiceLevelStanding {
  if (!dueOn) return { overdue: false, workingDaysOverdue: 0, workingDaysLeft: null, latePenaltyAccrued: 0 };
  const workingDaysOverdue = workingDaysAfter(dueOn, today);
  return {
    overdue: dueOn < today,
    workingDaysOverdue,
    workingDaysLeft: dueOn >= today ? workingDaysAfter(today, dueOn) : -workingDaysOverdue,
    latePenaltyAccrued: latePenalty(benefitTotal, dueOn, today).amount,
  };
}
