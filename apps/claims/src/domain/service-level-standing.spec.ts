import { latePenalty } from '@jaring/domain';
import { serviceLevelStanding } from './service-level-standing';

// A JKM claim of Rp42,000,000 whose documents were complete on Monday 20 July 2026: due Thursday 23 July.
describe("an open claim's standing against its service level", () => {
  const benefit = 42_000_000;

  it('counts the working days left up to the due date, and owes nothing before it', () => {
    expect(serviceLevelStanding(benefit, '2026-07-23', '2026-07-20')).toEqual({
      overdue: false,
      workingDaysOverdue: 0,
      workingDaysLeft: 3,
      latePenaltyAccrued: 0,
    });
    // on the due date: nothing left, not late yet
    expect(serviceLevelStanding(benefit, '2026-07-23', '2026-07-23')).toEqual({
      overdue: false,
      workingDaysOverdue: 0,
      workingDaysLeft: 0,
      latePenaltyAccrued: 0,
    });
  });

  it('skips the weekend: on Friday 17 July, Monday 20 to Thursday 23 are 4 working days', () => {
    expect(serviceLevelStanding(benefit, '2026-07-23', '2026-07-17').workingDaysLeft).toBe(4);
  });

  it('once late, counts working days overdue (negative days left) and the penalty a batch would add that day', () => {
    // Tuesday 28 July: Friday 24, Monday 27 and Tuesday 28 late, 1% a day of Rp42,000,000
    expect(serviceLevelStanding(benefit, '2026-07-23', '2026-07-28')).toEqual({
      overdue: true,
      workingDaysOverdue: 3,
      workingDaysLeft: -3,
      latePenaltyAccrued: 1_260_000,
    });
    expect(serviceLevelStanding(benefit, '2026-07-23', '2026-07-28').latePenaltyAccrued).toBe(
      latePenalty(benefit, '2026-07-23', '2026-07-28').amount,
    );
  });

  it('has no standing without a due date (documents missing, or an ineligible claim)', () => {
    expect(serviceLevelStanding(benefit, null, '2026-07-28')).toEqual({
      overdue: false,
      workingDaysOverdue: 0,
      workingDaysLeft: null,
      latePenaltyAccrued: 0,
    });
  });
});
