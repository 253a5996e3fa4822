import { jhtMonthlyContribution } from './benefit-of';
import { jhtPaid, termsIn, type WorkerTerms } from './worker-terms';

const terms: WorkerTerms[] = [
  { effectiveFrom: '2026-01', declaredMonthlyIncome: 1_000_000, programs: ['JKK', 'JKM', 'JHT'] },
  { effectiveFrom: '2026-04', declaredMonthlyIncome: 3_000_000, programs: ['JKK', 'JKM', 'JHT'] },
];

describe('worker terms', () => {
  it('finds the terms in force in a period: the latest change on or before it, else the first', () => {
    expect(termsIn(terms, '2026-03')?.declaredMonthlyIncome).toBe(1_000_000);
    expect(termsIn(terms, '2026-04')?.declaredMonthlyIncome).toBe(3_000_000);
    expect(termsIn(terms, '2027-01')?.declaredMonthlyIncome).toBe(3_000_000);
    expect(termsIn(terms, '2025-12')?.declaredMonthlyIncome).toBe(1_000_000);
    expect(termsIn([], '2026-01')).toBeUndefined();
  });

  it('adds up the JHT paid: each covered month at the income declared for it', () => {
    expect(jhtPaid(['2026-02', '2026-05'], terms)).toBe(
      jhtMonthlyContribution(1_000_000, '2026-02') + jhtMonthlyContribution(3_000_000, '2026-05'),
    );
    expect(jhtPaid([], terms)).toBe(0);
  });
});
