import { calculateBenefit } from './calculate-benefit';
import { noHeirBenefit } from './no-heir';

const on = '2026-07-10';

describe('noHeirBenefit (docs/rules.md, "no heir")', () => {
  it('pays only the JKM funeral costs, Rp10,000,000, of the Rp42,000,000', () => {
    const full = calculateBenefit({ type: 'JKM', kind: 'DEATH', on, membershipMonths: 40 });
    expect(full.total).toBe(42_000_000);
    const benefit = noHeirBenefit(full);
    expect(benefit.total).toBe(10_000_000);
    expect(benefit.components.map((c) => [c.code, c.amount])).toEqual([['JKM_FUNERAL', 10_000_000]]);
    expect(benefit.components[0].rule).toContain('No heir on record');
    expect(benefit.scholarship).toBeUndefined();
  });

  it('pays only the JKK death funeral costs, however high the income', () => {
    const full = calculateBenefit({ type: 'JKK', kind: 'DEATH', on, incomeNominal: 5_000_000 });
    expect(full.total).toBe(240_000_000 + 12_000_000 + 10_000_000);
    expect(noHeirBenefit(full)).toMatchObject({ total: 10_000_000, components: [{ code: 'JKK_DEATH_FUNERAL', amount: 10_000_000 }] });
  });

  it('pays nothing for a benefit with no funeral costs', () => {
    expect(noHeirBenefit(calculateBenefit({ type: 'JHT', kind: 'DEATH', on, jhtContributions: 500_000 }))).toEqual({
      total: 0,
      components: [],
    });
  });
});
