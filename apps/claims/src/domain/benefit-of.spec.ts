import { calculateBenefit } from '@jaring/domain';
import { benefitOf, incomeNominalOf, jhtMonthlyContribution } from './benefit-of';

describe('benefit of a claim or an estimate', () => {
  it("reads income as its bracket's nominal value, and JHT as 2% of it", () => {
    expect(incomeNominalOf(500_000, '2026-07')).toBe(1_000_000);
    expect(jhtMonthlyContribution(500_000, '2026-07')).toBe(20_000);
  });

  it('computes with the rules of @jaring/domain, the declared income turned into its nominal value', () => {
    const details = { medicalCosts: 7_500_000 };
    expect(benefitOf({ type: 'JKK', kind: 'MEDICAL', on: '2026-07-10', declaredMonthlyIncome: 500_000, details })).toEqual(
      calculateBenefit({ type: 'JKK', kind: 'MEDICAL', on: '2026-07-10', incomeNominal: 1_000_000, ...details }),
    );
  });
});
