import { Money, type BenefitComponent } from '@jaring/domain';

/**
 * The worker's own contributions for months after the death, refunded by contributions (docs/rules.md, refund),
 * are paid "with the claim": to the death claim's payee, on the claim's payout as a component of their own,
 * never mixed with the benefit. Pure: the batch and the claim view read the rows, this decides.
 */
export const CONTRIBUTION_REFUND = 'CONTRIBUTION_REFUND';

/** The component a payout line carries for the refunds it pays; none when there is nothing to pay. */
export function contributionRefundComponent(amounts: readonly number[]): BenefitComponent | undefined {
  const total = Money.sum(amounts.map((a) => Money.of(a))).amount;
  if (total === 0) return undefined;
  return {
    code: CONTRIBUTION_REFUND,
    name: 'Contributions refunded for months after the death',
    amount: total,
    rule: 'Paid with the death claim to its payee (docs/rules.md, refund)',
  };
}

/** A refund as stored, with the state of the payout line carrying it (none yet, or the latest). */
export interface RefundOnRecord {
  refundId: string;
  period: string;
  amount: number;
  lineStatus: string | null;
  paidOn: string | null;
}

export type RefundStatus = 'OWED' | 'SCHEDULED' | 'PAID';

export interface RefundsStanding {
  owed: number;
  scheduled: number;
  paid: number;
  items: Array<{ refundId: string; period: string; amount: number; status: RefundStatus }>;
}

/** Where each refund stands: paid by the bank, on a line waiting for it, or owed (never put on a line, or its line failed). */
export function refundsStanding(refunds: readonly RefundOnRecord[]): RefundsStanding {
  const items = [...refunds]
    .sort((a, b) => a.period.localeCompare(b.period) || a.refundId.localeCompare(b.refundId))
    .map((r) => ({ refundId: r.refundId, period: r.period, amount: r.amount, status: statusOf(r) }));
  const sum = (status: RefundStatus) => items.filter((i) => i.status === status).reduce((total, i) => total + i.amount, 0);
  return { owed: sum('OWED'), scheduled: sum('SCHEDULED'), paid: sum('PAID'), items };
}

function statusOf(refund: RefundOnRecord): RefundStatus {
  if (refund.paidOn !== null || refund.lineStatus === 'PAID') return 'PAID';
  return refund.lineStatus === 'PENDING' ? 'SCHEDULED' : 'OWED';
}
