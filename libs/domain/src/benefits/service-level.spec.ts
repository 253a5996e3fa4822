import { addWorkingDays, latePenalty, payoutDueDate, workingDaysAfter } from './service-level';

// Working days skip weekends and the 2026 national holidays (SKB 3 Menteri 2025): 16 June (1 Muharam),
// 17 August (Independence), 19 March (Nyepi), 21-22 March (Idul Fitri)...
describe('service levels: due dates in working days after the documents are complete', () => {
  it('gives JKM 3 working days: complete Monday 8 June 2026 → Thursday 11 June', () => {
    expect(payoutDueDate('JKM', '2026-06-08')).toBe('2026-06-11');
  });

  it('gives JKK 7 working days, skipping the weekend and 16 June (1 Muharam): Wed 10 June → Mon 22 June', () => {
    // Thu 11, Fri 12, Mon 15, (Tue 16 holiday), Wed 17, Thu 18, Fri 19, Mon 22
    expect(payoutDueDate('JKK', '2026-06-10')).toBe('2026-06-22');
  });

  it('gives JHT 5 working days, skipping 17 August: Wed 12 August → Thu 20 August', () => {
    // Thu 13, Fri 14, (Mon 17 holiday), Tue 18, Wed 19, Thu 20
    expect(payoutDueDate('JHT', '2026-08-12')).toBe('2026-08-20');
  });

  it('never counts the starting day, and moves a Friday to the Monday', () => {
    expect(addWorkingDays('2026-06-12', 1)).toBe('2026-06-15');
    expect(addWorkingDays('2026-06-12', 0)).toBe('2026-06-12');
    expect(workingDaysAfter('2026-06-12', '2026-06-12')).toBe(0);
    expect(workingDaysAfter('2026-06-12', '2026-06-15')).toBe(1);
  });
});

describe('late payment: 1% of the benefit per working day late', () => {
  it('owes nothing when paid on or before the due date', () => {
    expect(latePenalty(42_000_000, '2026-06-11', '2026-06-11')).toEqual({ daysLate: 0, amount: 0 });
    expect(latePenalty(42_000_000, '2026-06-11', '2026-06-09')).toEqual({ daysLate: 0, amount: 0 });
  });

  it('owes 3% for a payment three working days late (due Wed 10 June, paid Mon 15 June): Rp1,260,000 on Rp42,000,000', () => {
    const penalty = latePenalty(42_000_000, '2026-06-10', '2026-06-15');
    expect(penalty).toMatchObject({ daysLate: 3, amount: 1_260_000 });
    expect(penalty.component).toMatchObject({ code: 'LATE_PAYMENT_PENALTY', amount: 1_260_000 });
  });

  it('rounds half up to whole rupiah', () => {
    // 1% of 33,350 = 333.5 → 334
    expect(latePenalty(33_350, '2026-06-10', '2026-06-11').amount).toBe(334);
  });
});
