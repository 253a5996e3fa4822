import { contributionRefundComponent, refundsStanding } from './contribution-refunds';

describe('contribution refunds paid with the death claim (docs/rules.md, refund)', () => {
  it('is one component of its own, the sum of the refunds, and none when nothing is owed', () => {
    expect(contributionRefundComponent([20_000, 36_800])).toEqual({
      code: 'CONTRIBUTION_REFUND',
      name: 'Contributions refunded for months after the death',
      amount: 56_800,
      rule: 'Paid with the death claim to its payee (docs/rules.md, refund)',
    });
    expect(contributionRefundComponent([])).toBeUndefined();
  });

  it('says of each refund whether it is owed, on a line waiting for the bank, or paid; a failed line owes it again', () => {
    expect(
      refundsStanding([
        { refundId: 'r3', period: '2027-02', amount: 36_800, lineStatus: 'FAILED', paidOn: null },
        { refundId: 'r1', period: '2027-01', amount: 20_000, lineStatus: null, paidOn: null },
        { refundId: 'r2', period: '2027-01', amount: 5_000, lineStatus: 'PENDING', paidOn: null },
        { refundId: 'r4', period: '2027-03', amount: 7_000, lineStatus: 'PAID', paidOn: '2027-03-02' },
      ]),
    ).toEqual({
      owed: 56_800,
      scheduled: 5_000,
      paid: 7_000,
      items: [
        { refundId: 'r1', period: '2027-01', amount: 20_000, status: 'OWED' },
        { refundId: 'r2', period: '2027-01', amount: 5_000, status: 'SCHEDULED' },
        { refundId: 'r3', period: '2027-02', amount: 36_800, status: 'OWED' },
        { refundId: 'r4', period: '2027-03', amount: 7_000, status: 'PAID' },
      ],
    });
  });
});
