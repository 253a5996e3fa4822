import { errorCode } from '../../test/error-code';
import { quoteContribution, type QuoteInput } from './quote';

/** Expected figures are written from docs/rules.md ("Contributions", "Temporary discount"), not from the code. */
const base: QuoteInput = {
  declaredMonthlyIncome: 1_000_000,
  programs: ['JKK', 'JKM'],
  period: '2025-10',
  occupation: 'MARKET_TRADER',
  payer: 'SELF',
};

function quote(overrides: Partial<QuoteInput>) {
  return quoteContribution({ ...base, ...overrides });
}

function amounts(overrides: Partial<QuoteInput>): Record<string, number> {
  return Object.fromEntries(quote(overrides).lines.map((line) => [line.program, line.amount]));
}

describe('quoteContribution', () => {
  describe('full rates (outside any discount window)', () => {
    it('charges the minimum Rp16,800 at Rp1,000,000: JKK 10,000 + JKM 6,800', () => {
      const q = quote({});
      expect(q.bracketNominal).toBe(1_000_000);
      expect(q.lines).toEqual([
        { program: 'JKK', amount: 10_000, fullAmount: 10_000, discount: 0 },
        { program: 'JKM', amount: 6_800, fullAmount: 6_800, discount: 0 },
      ]);
      expect(q.total).toBe(16_800);
      expect(q.fullTotal).toBe(16_800);
      expect(q.discountRule).toBeUndefined();
    });

    it('adds JHT at 2%: Rp36,800 at Rp1,000,000', () => {
      expect(amounts({ programs: ['JKK', 'JKM', 'JHT'] })).toEqual({ JKK: 10_000, JKM: 6_800, JHT: 20_000 });
      expect(quote({ programs: ['JKK', 'JKM', 'JHT'] }).total).toBe(36_800);
    });

    it('confirms the Rp2,000,000 figures: 20,000 / 6,800 / 40,000', () => {
      expect(amounts({ declaredMonthlyIncome: 2_000_000, programs: ['JHT', 'JKM', 'JKK'] })).toEqual({
        JKK: 20_000,
        JKM: 6_800,
        JHT: 40_000,
      });
    });

    it('charges on the nominal value, not the declared income', () => {
      expect(amounts({ declaredMonthlyIncome: 1_150_000 })).toEqual({ JKK: 12_000, JKM: 6_800 });
    });

    it('caps JKK at Rp207,000 (top nominal Rp20,700,000)', () => {
      expect(amounts({ declaredMonthlyIncome: 500_000_000, programs: ['JKK', 'JKM', 'JHT'] })).toEqual({
        JKK: 207_000,
        JKM: 6_800,
        JHT: 414_000,
      });
    });

    it('lists the lines in the canonical order JKK, JKM, JHT', () => {
      expect(quote({ programs: ['JHT', 'JKM', 'JKK'] }).lines.map((l) => l.program)).toEqual(['JKK', 'JKM', 'JHT']);
    });
  });

  describe('PP 50/2025: JKK and JKM at 50%, JHT never', () => {
    it('makes the minimum Rp8,400 for a self-paying trader in 2026-11', () => {
      const q = quote({ period: '2026-11' });
      expect(q.lines).toEqual([
        { program: 'JKK', amount: 5_000, fullAmount: 10_000, discount: 5_000 },
        { program: 'JKM', amount: 3_400, fullAmount: 6_800, discount: 3_400 },
      ]);
      expect(q.total).toBe(8_400);
      expect(q.fullTotal).toBe(16_800);
      expect(q.discountRule).toMatchObject({
        id: 'PP50_2025_GENERAL',
        regulation: 'PP 50/2025',
        from: '2026-04',
        to: '2026-12',
        percentOff: 50,
      });
    });

    it('keeps JHT at the full 2%', () => {
      expect(amounts({ period: '2026-11', programs: ['JKK', 'JKM', 'JHT'] })).toEqual({ JKK: 5_000, JKM: 3_400, JHT: 20_000 });
    });

    it('is over for non-transport workers in 2027-01: Rp16,800 again', () => {
      expect(quote({ period: '2027-01' }).total).toBe(16_800);
    });

    it('runs April to December 2026 for non-transport workers', () => {
      expect(quote({ period: '2026-03' }).total).toBe(16_800);
      expect(quote({ period: '2026-04' }).total).toBe(8_400);
      expect(quote({ period: '2026-12' }).total).toBe(8_400);
    });

    it('runs January 2026 to March 2027 for transport workers (ojek, drivers, couriers)', () => {
      for (const occupation of ['OJEK_DRIVER', 'ONLINE_DRIVER', 'COURIER']) {
        expect(quote({ occupation, period: '2025-12' }).total).toBe(16_800);
        expect(quote({ occupation, period: '2026-01' }).total).toBe(8_400);
        expect(quote({ occupation, period: '2027-03' }).total).toBe(8_400);
        expect(quote({ occupation, period: '2027-04' }).total).toBe(16_800);
      }
      expect(quote({ occupation: 'OJEK_DRIVER', period: '2027-03' }).discountRule?.id).toBe('PP50_2025_TRANSPORT');
    });

    it('excludes government budgets (APBD, APBN): the full Rp16,800 throughout', () => {
      expect(quote({ period: '2026-11', payer: 'APBD' }).total).toBe(16_800);
      expect(quote({ period: '2026-11', payer: 'APBN' }).total).toBe(16_800);
      expect(quote({ period: '2026-11', payer: 'APBD' }).discountRule).toBeUndefined();
      expect(quote({ period: '2026-06', occupation: 'COURIER', payer: 'APBN' }).total).toBe(16_800);
    });

    it('gives CSR-funded members the discount', () => {
      expect(quote({ period: '2026-11', payer: 'CSR' }).total).toBe(8_400);
    });

    it('halves JKK on every bracket exactly (no rupiah lost)', () => {
      const q = quote({ period: '2026-11', declaredMonthlyIncome: 3_000_000 });
      expect(q.lines[0]).toEqual({ program: 'JKK', amount: 14_750, fullAmount: 29_500, discount: 14_750 });
    });
  });

  describe('refuses bad input, naming the field', () => {
    it.each([
      [{ declaredMonthlyIncome: -1 }, 'INCOME_INVALID', 'declaredMonthlyIncome'],
      [{ declaredMonthlyIncome: 1.5 }, 'INCOME_INVALID', 'declaredMonthlyIncome'],
      [{ programs: ['JKK'] }, 'PROGRAM_REQUIRED', 'programs'],
      [{ programs: ['JKK', 'JKM', 'JP'] }, 'PROGRAM_UNKNOWN', 'programs'],
      [{ occupation: 'ASTRONAUT' }, 'OCCUPATION_UNKNOWN', 'occupation'],
      [{ payer: 'BANK' }, 'PAYER_UNKNOWN', 'payer'],
      [{ period: '2026-13' }, 'PERIOD_INVALID', 'period'],
      [{ period: '2015-06' }, 'NO_RATE_IN_FORCE', 'period'],
    ] as Array<[Partial<QuoteInput>, string, string]>)('%j → %s', (overrides, code, field) => {
      expect(errorCode(() => quote(overrides))).toBe(code);
      expect(() => quote(overrides)).toThrow(expect.objectContaining({ field }));
    });
  });
});
