import { Period } from '@jaring/domain';
import { scheduleChange, settled, termsIn, type TermsState } from './terms';

const july = Period.parse('2026-07');
const base: TermsState = { current: { declaredMonthlyIncome: 1_000_000, programs: ['JKK', 'JKM'] } };

describe('changes of income and programmes apply from the next period', () => {
  it('schedules a change for the next period and leaves the current one alone', () => {
    const { state, announce } = scheduleChange(base, { declaredMonthlyIncome: 2_000_000 }, july);
    expect(announce).toEqual({
      terms: { declaredMonthlyIncome: 2_000_000, programs: ['JKK', 'JKM'] },
      effectiveFrom: Period.parse('2026-08'),
    });
    expect(termsIn(state, july).declaredMonthlyIncome).toBe(1_000_000);
    expect(termsIn(state, Period.parse('2026-08')).declaredMonthlyIncome).toBe(2_000_000);
    expect(settled(state, Period.parse('2026-09'))).toEqual({ current: { declaredMonthlyIncome: 2_000_000, programs: ['JKK', 'JKM'] } });
  });

  it('adds a second change in the same month to the first', () => {
    const first = scheduleChange(base, { declaredMonthlyIncome: 2_000_000 }, july).state;
    const { state, announce } = scheduleChange(first, { programs: ['JKK', 'JKM', 'JHT'] }, july);
    expect(announce?.terms).toEqual({ declaredMonthlyIncome: 2_000_000, programs: ['JKK', 'JKM', 'JHT'] });
    expect(state.next?.from.toString()).toBe('2026-08');
  });

  it('announces nothing when nothing changes', () => {
    expect(scheduleChange(base, { declaredMonthlyIncome: 1_000_000 }, july)).toEqual({ state: base });
  });

  it('cancels a scheduled change when changed back, and says so', () => {
    const first = scheduleChange(base, { declaredMonthlyIncome: 2_000_000 }, july).state;
    const { state, announce } = scheduleChange(first, { declaredMonthlyIncome: 1_000_000 }, july);
    expect(state).toEqual(base);
    expect(announce?.terms.declaredMonthlyIncome).toBe(1_000_000);
  });

  it('takes a change scheduled earlier as the current terms once its period has come', () => {
    const first = scheduleChange(base, { declaredMonthlyIncome: 2_000_000 }, july).state;
    const { state, announce } = scheduleChange(first, { programs: ['JKK', 'JKM', 'JHT'] }, Period.parse('2026-09'));
    expect(state.current.declaredMonthlyIncome).toBe(2_000_000);
    expect(state.next?.from.toString()).toBe('2026-10');
    expect(announce?.effectiveFrom.toString()).toBe('2026-10');
  });
});
