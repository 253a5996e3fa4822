import { refundDecision, type RefundedMonth } from './sponsor-refund';

const AUTHORISATION = '7d0f5c1e-1111-4a2b-8c3d-000000000001';
const REFUND = '7d0f5c1e-2222-4a2b-8c3d-000000000002';
const paid: RefundedMonth = { authorisationId: AUTHORISATION, authorisedAmount: 16_800, refundId: null };

describe('a sponsor refund', () => {
  it('is credited when the programme paid the month, up to what it paid', () => {
    expect(refundDecision(paid, { refundId: REFUND, amount: 16_800, authorisationId: AUTHORISATION })).toEqual({ decision: 'CREDIT' });
    expect(refundDecision(paid, { refundId: REFUND, amount: 10_000 })).toEqual({ decision: 'CREDIT' });
  });

  it('is credited once: the same refund again moves nothing', () => {
    expect(refundDecision({ ...paid, refundId: REFUND }, { refundId: REFUND, amount: 16_800 })).toEqual({ decision: 'ALREADY_CREDITED' });
  });

  it('is refused for a month unknown, unpaid, refunded by another refund, paid under another authorisation, or above what was paid', () => {
    const refund = { refundId: REFUND, amount: 16_800 };
    expect(refundDecision(undefined, refund)).toEqual({ decision: 'REFUSE', reason: 'no month of this sponsorship for that period' });
    expect(refundDecision({ authorisationId: null, authorisedAmount: null, refundId: null }, refund)).toEqual({
      decision: 'REFUSE',
      reason: 'the programme never paid that month',
    });
    expect(refundDecision({ ...paid, refundId: AUTHORISATION }, refund)).toEqual({
      decision: 'REFUSE',
      reason: `the month was refunded already (refund ${AUTHORISATION})`,
    });
    expect(refundDecision(paid, { ...refund, authorisationId: REFUND })).toEqual({
      decision: 'REFUSE',
      reason: `the month was paid under authorisation ${AUTHORISATION}`,
    });
    expect(refundDecision(paid, { ...refund, amount: 16_801 })).toEqual({
      decision: 'REFUSE',
      reason: 'refunds 16801, more than the 16800 the programme paid',
    });
  });
});
