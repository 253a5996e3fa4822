/**
 * A sponsor's part of a contribution refunded by contributions (a month paid for a period after the worker's
 * death): whether it may be credited back to the programme's budget. Pure, judged on the sponsored month.
 */

/** The sponsored month as subsidies recorded it. */
export interface RefundedMonth {
  authorisationId: string | null;
  authorisedAmount: number | null;
  refundId: string | null;
}

/** What contributions refunds of it. */
export interface SponsorRefund {
  refundId: string;
  amount: number;
  authorisationId?: string;
}

export type RefundDecision =
  /** Credit the amount back to the budget (SPENT → AVAILABLE). */
  | { decision: 'CREDIT' }
  /** This refund was credited already (the same refund under a new event id): nothing moves. */
  | { decision: 'ALREADY_CREDITED' }
  /** Not a refund this budget can take: refused whole, with the reason (the event is dead-lettered). */
  | { decision: 'REFUSE'; reason: string };

export function refundDecision(month: RefundedMonth | undefined, refund: SponsorRefund): RefundDecision {
  if (!month) return { decision: 'REFUSE', reason: 'no month of this sponsorship for that period' };
  if (month.refundId === refund.refundId) return { decision: 'ALREADY_CREDITED' };
  if (month.refundId !== null) return { decision: 'REFUSE', reason: `the month was refunded already (refund ${month.refundId})` };
  if (month.authorisationId === null || month.authorisedAmount === null) {
    return { decision: 'REFUSE', reason: 'the programme never paid that month' };
  }
  if (refund.authorisationId !== undefined && refund.authorisationId !== month.authorisationId) {
    return { decision: 'REFUSE', reason: `the month was paid under authorisation ${month.authorisationId}` };
  }
  if (refund.amount > month.authorisedAmount) {
    return { decision: 'REFUSE', reason: `refunds ${refund.amount}, more than the ${month.authorisedAmount} the programme paid` };
  }
  return { decision: 'CREDIT' };
}
