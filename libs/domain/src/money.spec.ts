import { errorCode } from '../test/error-code';
import { Money } from './money';

describe('Money', () => {
  describe('of', () => {
    it('accepts whole rupiah, including zero and negatives', () => {
      expect(Money.of(16_800).amount).toBe(16_800);
      expect(Money.of(0).isZero()).toBe(true);
      expect(Money.of(-6_800).amount).toBe(-6_800);
      expect(Money.of(Number.MAX_SAFE_INTEGER).amount).toBe(Number.MAX_SAFE_INTEGER);
    });

    it('refuses fractions, NaN and infinities', () => {
      expect(errorCode(() => Money.of(0.5))).toBe('MONEY_NOT_INTEGER');
      expect(errorCode(() => Money.of(16_800.01))).toBe('MONEY_NOT_INTEGER');
      expect(errorCode(() => Money.of(Number.NaN))).toBe('MONEY_NOT_INTEGER');
      expect(errorCode(() => Money.of(Number.POSITIVE_INFINITY))).toBe('MONEY_NOT_INTEGER');
      expect(errorCode(() => Money.of('100' as unknown as number))).toBe('MONEY_NOT_INTEGER');
    });

    it('refuses integers beyond the exact range', () => {
      expect(errorCode(() => Money.of(2 ** 53))).toBe('MONEY_OUT_OF_RANGE');
      expect(errorCode(() => Money.of(-(2 ** 53)))).toBe('MONEY_OUT_OF_RANGE');
    });

    it('names the field in the error', () => {
      expect(() => Money.of(1.5, 'declaredIncome')).toThrow(expect.objectContaining({ field: 'declaredIncome' }));
    });

    it('normalises -0 to 0', () => {
      expect(Object.is(Money.of(-0).amount, 0)).toBe(true);
    });

    it('is immutable', () => {
      const money = Money.of(10);
      expect(() => {
        (money as unknown as { amount: number }).amount = 11;
      }).toThrow(TypeError);
      expect(Object.isFrozen(Money.ZERO)).toBe(true);
    });
  });

  describe('arithmetic', () => {
    it('adds and subtracts: JKK 10,000 + JKM 6,800 = 16,800 (docs/rules.md minimum)', () => {
      const total = Money.of(10_000).add(Money.of(6_800));
      expect(total.amount).toBe(16_800);
      expect(total.add(Money.of(20_000)).amount).toBe(36_800); // with JHT
      expect(Money.of(6_800).subtract(Money.of(10_000)).amount).toBe(-3_200);
    });

    it('multiplies by whole factors: 5,606 workers × 7 months × Rp16,800 = Rp659,265,600 (docs/rules.md)', () => {
      expect(Money.of(16_800).multiply(5_606).multiply(7).amount).toBe(659_265_600);
      expect(Money.of(16_800).multiply(0).isZero()).toBe(true);
      expect(Money.of(16_800).multiply(-1).amount).toBe(-16_800);
    });

    it('refuses fractional factors', () => {
      expect(errorCode(() => Money.of(100).multiply(0.5))).toBe('MONEY_FACTOR_INVALID');
    });

    it('refuses results beyond the exact range instead of losing precision', () => {
      const max = Money.of(Number.MAX_SAFE_INTEGER);
      expect(errorCode(() => max.add(Money.of(1)))).toBe('MONEY_OUT_OF_RANGE');
      expect(errorCode(() => Money.of(-Number.MAX_SAFE_INTEGER).subtract(Money.of(1)))).toBe('MONEY_OUT_OF_RANGE');
      expect(errorCode(() => max.multiply(2))).toBe('MONEY_OUT_OF_RANGE');
    });

    it('sums a list, and the empty list is zero', () => {
      expect(Money.sum([Money.of(10_000), Money.of(6_800), Money.of(20_000)]).amount).toBe(36_800);
      expect(Money.sum([]).isZero()).toBe(true);
    });

    it('negates and takes absolute values', () => {
      expect(Money.of(5).negate().amount).toBe(-5);
      expect(Money.of(-5).abs().amount).toBe(5);
      expect(Money.of(0).negate().isZero()).toBe(true);
    });
  });

  describe('percentOf (basis points)', () => {
    it('JKK is 1% (100 bp) of the nominal value: Rp1,000,000 → Rp10,000', () => {
      expect(Money.of(1_000_000).percentOf(100).amount).toBe(10_000);
    });

    it('JHT is 2% (200 bp): Rp2,000,000 → Rp40,000', () => {
      expect(Money.of(2_000_000).percentOf(200).amount).toBe(40_000);
    });

    it('the top bracket: 1% of Rp20,700,000 is the press maximum JKK of Rp207,000', () => {
      expect(Money.of(20_700_000).percentOf(100).amount).toBe(207_000);
    });

    it('the PP 50/2025 discount: 50% (5,000 bp) of Rp16,800 is Rp8,400', () => {
      expect(Money.of(16_800).percentOf(5_000).amount).toBe(8_400);
    });

    it('rounds half up to whole rupiah', () => {
      expect(Money.of(50).percentOf(100).amount).toBe(1); // 0.5 → 1
      expect(Money.of(49).percentOf(100).amount).toBe(0); // 0.49 → 0
      expect(Money.of(1_234_567).percentOf(100).amount).toBe(12_346); // 12,345.67
      expect(Money.of(1_234_550).percentOf(100).amount).toBe(12_346); // 12,345.5
      expect(Money.of(1_234_549).percentOf(100).amount).toBe(12_345); // 12,345.49
      expect(Money.of(6_801).percentOf(5_000).amount).toBe(3_401); // 3,400.5
    });

    it('rounds negative amounts as the mirror image, so a reversal is an exact negation', () => {
      expect(Money.of(-50).percentOf(100).amount).toBe(-1);
      expect(Money.of(-49).percentOf(100).amount).toBe(0);
      expect(Money.of(-6_801).percentOf(5_000).amount).toBe(-3_401);
    });

    it('handles 0% and 100% and more', () => {
      expect(Money.of(16_800).percentOf(0).isZero()).toBe(true);
      expect(Money.of(16_800).percentOf(10_000).amount).toBe(16_800);
      expect(Money.of(16_800).percentOf(15_000).amount).toBe(25_200);
    });

    it('stays exact where amount × rate exceeds 2^53', () => {
      // 9,007,199,254,740,991 × 1 bp / 10,000 = 900,719,925,474.0991 → 900,719,925,474
      expect(Money.of(Number.MAX_SAFE_INTEGER).percentOf(1).amount).toBe(900_719_925_474);
    });

    it('refuses fractional or negative basis points', () => {
      expect(errorCode(() => Money.of(100).percentOf(1.5))).toBe('RATE_INVALID');
      expect(errorCode(() => Money.of(100).percentOf(-100))).toBe('RATE_INVALID');
    });
  });

  describe('allocate and split', () => {
    it('splits without losing a rupiah, leftovers to the first parts', () => {
      expect(
        Money.of(100)
          .split(3)
          .map((m) => m.amount),
      ).toEqual([34, 33, 33]);
      expect(
        Money.of(16_800)
          .split(2)
          .map((m) => m.amount),
      ).toEqual([8_400, 8_400]);
      expect(
        Money.of(2)
          .split(3)
          .map((m) => m.amount),
      ).toEqual([1, 1, 0]);
    });

    it('allocates in proportion to weights, summing to the whole', () => {
      const parts = Money.of(16_801).allocate([70, 30]);
      expect(parts.map((m) => m.amount)).toEqual([11_761, 5_040]); // 11,760.7 and 5,040.3
      expect(Money.sum(parts).amount).toBe(16_801);
    });

    it('gives nothing to a zero weight, not even a leftover rupiah', () => {
      expect(
        Money.of(5)
          .allocate([0, 1, 1])
          .map((m) => m.amount),
      ).toEqual([0, 3, 2]);
    });

    it('splits a negative amount as the mirror image', () => {
      expect(
        Money.of(-100)
          .split(3)
          .map((m) => m.amount),
      ).toEqual([-34, -33, -33]);
    });

    it('refuses empty, all-zero, negative or fractional weights and bad part counts', () => {
      expect(errorCode(() => Money.of(1).allocate([]))).toBe('ALLOCATION_INVALID');
      expect(errorCode(() => Money.of(1).allocate([0, 0]))).toBe('ALLOCATION_INVALID');
      expect(errorCode(() => Money.of(1).allocate([1, -1]))).toBe('ALLOCATION_INVALID');
      expect(errorCode(() => Money.of(1).allocate([0.5]))).toBe('ALLOCATION_INVALID');
      expect(errorCode(() => Money.of(1).split(0))).toBe('ALLOCATION_INVALID');
    });
  });

  describe('comparisons and predicates', () => {
    const small = Money.of(6_800);
    const big = Money.of(10_000);

    it('compares', () => {
      expect(small.compareTo(big)).toBe(-1);
      expect(big.compareTo(small)).toBe(1);
      expect(small.compareTo(Money.of(6_800))).toBe(0);
      expect(small.equals(Money.of(6_800))).toBe(true);
      expect(small.lessThan(big)).toBe(true);
      expect(small.lessThanOrEqual(Money.of(6_800))).toBe(true);
      expect(big.greaterThan(small)).toBe(true);
      expect(big.greaterThanOrEqual(big)).toBe(true);
      expect(Money.min(big, small).equals(small)).toBe(true);
      expect(Money.max(small, big, Money.ZERO).equals(big)).toBe(true);
    });

    it('knows its sign', () => {
      expect(Money.of(-1).isNegative()).toBe(true);
      expect(Money.of(0).isNegative()).toBe(false);
      expect(Money.of(0).isZero()).toBe(true);
      expect(Money.of(1).isPositive()).toBe(true);
      expect(Money.zero().isPositive()).toBe(false);
    });
  });

  describe('output', () => {
    it('serialises to a plain integer', () => {
      expect(JSON.stringify({ total: Money.of(16_800) })).toBe('{"total":16800}');
    });

    it('formats Indonesian style', () => {
      expect(Money.of(16_800).format()).toBe('Rp16.800');
      expect(Money.of(42_000_000).format()).toBe('Rp42.000.000');
      expect(Money.of(659_265_600).format()).toBe('Rp659.265.600');
      expect(Money.of(6_800).toString()).toBe('Rp6.800');
      expect(Money.of(999).format()).toBe('Rp999');
      expect(Money.of(0).format()).toBe('Rp0');
      expect(Money.of(-16_800).format()).toBe('-Rp16.800');
    });
  });
});
