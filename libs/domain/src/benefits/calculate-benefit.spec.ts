import { DomainError } from '../errors';
import { benefitRulesOn, scholarshipMaximumPerChild } from './benefit-rules';
import { calculateBenefit, type BenefitInput } from './calculate-benefit';

// Every expected figure below is worked out by hand from docs/rules.md ("Benefits"), not from the code.
const on = '2026-07-01';
const amounts = (input: BenefitInput) => Object.fromEntries(calculateBenefit(input).components.map((c) => [c.code, c.amount]));
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return DomainError.is(error) ? `${error.code}:${error.field}` : String(error);
  }
  return 'no error';
};

describe('JKM (death not from a work accident)', () => {
  it('pays Rp20,000,000 lump sum + Rp12,000,000 periodic (24 × Rp500,000) + Rp10,000,000 funeral = Rp42,000,000', () => {
    const benefit = calculateBenefit({ type: 'JKM', kind: 'DEATH', on, membershipMonths: 12 });
    expect(benefit.total).toBe(42_000_000);
    expect(amounts({ type: 'JKM', kind: 'DEATH', on, membershipMonths: 12 })).toEqual({
      JKM_LUMP_SUM: 20_000_000,
      JKM_PERIODIC: 12_000_000,
      JKM_FUNERAL: 10_000_000,
    });
    expect(benefit.components.every((c) => c.name && c.rule)).toBe(true);
  });

  it('pays the funeral costs only (Rp10,000,000, marked check) for a death within the first 3 months of membership', () => {
    const early = calculateBenefit({ type: 'JKM', kind: 'DEATH', on, membershipMonths: 2 });
    expect(early.total).toBe(10_000_000);
    expect(early.components).toEqual([expect.objectContaining({ code: 'JKM_FUNERAL', amount: 10_000_000, check: true })]);
    expect(calculateBenefit({ type: 'JKM', kind: 'DEATH', on, membershipMonths: 0 }).total).toBe(10_000_000);
    // 3 completed months is no longer "within the first 3 months"
    expect(calculateBenefit({ type: 'JKM', kind: 'DEATH', on, membershipMonths: 3 }).total).toBe(42_000_000);
  });

  it('gives the scholarship right (2 children, at most Rp87,000,000 each) after 3 years of contributions, not in the total', () => {
    // 2 × 1.5M + 6 × 1.5M + 3 × 2M + 3 × 3M + 5 × 12M = 3 + 9 + 6 + 9 + 60 = 87 million
    expect(scholarshipMaximumPerChild(benefitRulesOn(on))).toBe(87_000_000);
    const after3Years = calculateBenefit({ type: 'JKM', kind: 'DEATH', on, membershipMonths: 40, contributionMonths: 36 });
    expect(after3Years.scholarship).toMatchObject({ eligible: true, maxChildren: 2, maxPerChild: 87_000_000 });
    expect(after3Years.total).toBe(42_000_000);
    const before = calculateBenefit({ type: 'JKM', kind: 'DEATH', on, membershipMonths: 40, contributionMonths: 35 });
    expect(before.scholarship).toMatchObject({ eligible: false, maxPerChild: 0 });
  });

  it('needs the months of membership', () => {
    expect(codeOf(() => calculateBenefit({ type: 'JKM', kind: 'DEATH', on }))).toBe('BENEFIT_INPUT_MISSING:membershipMonths');
  });
});

describe('JKK (work accident)', () => {
  it('pays medical care as claimed, with no cap', () => {
    expect(calculateBenefit({ type: 'JKK', kind: 'MEDICAL', on, medicalCosts: 7_500_000 }).total).toBe(7_500_000);
    expect(calculateBenefit({ type: 'JKK', kind: 'MEDICAL', on, medicalCosts: 350_000_000 }).total).toBe(350_000_000);
    expect(codeOf(() => calculateBenefit({ type: 'JKK', kind: 'MEDICAL', on }))).toBe('BENEFIT_INPUT_MISSING:medicalCosts');
  });

  it('caps the transport of the injured: land Rp5,000,000, sea Rp2,000,000, air Rp10,000,000', () => {
    const input: BenefitInput = {
      type: 'JKK',
      kind: 'MEDICAL',
      on,
      medicalCosts: 1_000_000,
      transportCosts: { land: 6_000_000, sea: 1_500_000, air: 12_000_000 },
    };
    expect(amounts(input)).toEqual({
      JKK_MEDICAL: 1_000_000,
      JKK_TRANSPORT_LAND: 5_000_000,
      JKK_TRANSPORT_SEA: 1_500_000,
      JKK_TRANSPORT_AIR: 10_000_000,
    });
    expect(calculateBenefit(input).total).toBe(17_500_000);
  });

  it('caps home care Rp20,000,000, dentures Rp5,000,000, hearing aid Rp2,500,000, glasses Rp1,000,000 (check)', () => {
    const input: BenefitInput = {
      type: 'JKK',
      kind: 'MEDICAL',
      on,
      medicalCosts: 0,
      otherCosts: { homeCare: 25_000_000, dentures: 4_000_000, hearingAid: 3_000_000, glasses: 1_200_000 },
    };
    expect(amounts(input)).toEqual({
      JKK_MEDICAL: 0,
      JKK_HOME_CARE: 20_000_000,
      JKK_DENTURES: 4_000_000,
      JKK_HEARING_AID: 2_500_000,
      JKK_GLASSES: 1_000_000,
    });
    expect(calculateBenefit(input).components.filter((c) => c.check)).toHaveLength(4);
  });

  it('pays temporary incapacity (STMB) at 100% of the monthly income per day / 30 for the first 12 months', () => {
    // Rp1,000,000 / 30 × 45 days = Rp1,500,000
    expect(calculateBenefit({ type: 'JKK', kind: 'TEMPORARY_INCAPACITY', on, incomeNominal: 1_000_000, daysUnableToWork: 45 }).total).toBe(
      1_500_000,
    );
    // one day: 33,333.33 → 33,333; two days: 66,666.67 → 66,667 (half up)
    expect(calculateBenefit({ type: 'JKK', kind: 'TEMPORARY_INCAPACITY', on, incomeNominal: 1_000_000, daysUnableToWork: 1 }).total).toBe(
      33_333,
    );
    expect(calculateBenefit({ type: 'JKK', kind: 'TEMPORARY_INCAPACITY', on, incomeNominal: 1_000_000, daysUnableToWork: 2 }).total).toBe(
      66_667,
    );
  });

  it('pays STMB at 50% after the first 12 months (360 days)', () => {
    // 360 days × 2,000,000/30 = 24,000,000; 40 days × 50% × 2,000,000/30 = 1,333,333.33 → 1,333,333
    const input: BenefitInput = { type: 'JKK', kind: 'TEMPORARY_INCAPACITY', on, incomeNominal: 2_000_000, daysUnableToWork: 400 };
    expect(amounts(input)).toEqual({ JKK_TEMPORARY_INCAPACITY: 24_000_000, JKK_TEMPORARY_INCAPACITY_LATER: 1_333_333 });
    expect(calculateBenefit(input).total).toBe(25_333_333);
  });

  it('pays permanent partial disability at the table percentage × 80 × monthly income', () => {
    // 10% × 80 × 2,000,000 = 16,000,000; 2.5% × 80 × 1,000,000 = 2,000,000
    expect(
      calculateBenefit({ type: 'JKK', kind: 'PERMANENT_PARTIAL_DISABILITY', on, incomeNominal: 2_000_000, disabilityPercent: 10 }).total,
    ).toBe(16_000_000);
    expect(
      calculateBenefit({ type: 'JKK', kind: 'PERMANENT_PARTIAL_DISABILITY', on, incomeNominal: 1_000_000, disabilityPercent: 2.5 }).total,
    ).toBe(2_000_000);
    expect(
      codeOf(() =>
        calculateBenefit({ type: 'JKK', kind: 'PERMANENT_PARTIAL_DISABILITY', on, incomeNominal: 1_000_000, disabilityPercent: 120 }),
      ),
    ).toBe('BENEFIT_INPUT_INVALID:disabilityPercent');
  });

  it('pays permanent total disability at 70% × 80 × monthly income (56 ×), with the scholarship right', () => {
    const benefit = calculateBenefit({ type: 'JKK', kind: 'PERMANENT_TOTAL_DISABILITY', on, incomeNominal: 2_000_000 });
    expect(benefit.total).toBe(112_000_000);
    expect(benefit.scholarship).toMatchObject({ eligible: true, maxPerChild: 87_000_000 });
  });

  it('pays a work-accident death 48 × income (at least Rp20,000,000) + Rp12,000,000 periodic + Rp10,000,000 funeral', () => {
    // 48 × 1,000,000 = 48,000,000 + 12,000,000 + 10,000,000 = 70,000,000
    expect(amounts({ type: 'JKK', kind: 'DEATH', on, incomeNominal: 1_000_000 })).toEqual({
      JKK_DEATH_LUMP_SUM: 48_000_000,
      JKK_DEATH_PERIODIC: 12_000_000,
      JKK_DEATH_FUNERAL: 10_000_000,
    });
    // 48 × 2,950,000 = 141,600,000 → 163,600,000
    expect(calculateBenefit({ type: 'JKK', kind: 'DEATH', on, incomeNominal: 2_950_000 }).total).toBe(163_600_000);
    // The floor: 48 × 400,000 = 19,200,000 < 20,000,000 (no bracket is that low; the rule still holds)
    expect(calculateBenefit({ type: 'JKK', kind: 'DEATH', on, incomeNominal: 400_000 }).total).toBe(42_000_000);
    expect(calculateBenefit({ type: 'JKK', kind: 'DEATH', on, incomeNominal: 1_000_000 }).scholarship).toMatchObject({ eligible: true });
  });

  it('adds the medical costs a disability or death claim carries', () => {
    expect(
      calculateBenefit({ type: 'JKK', kind: 'PERMANENT_TOTAL_DISABILITY', on, incomeNominal: 1_000_000, medicalCosts: 3_000_000 }).total,
    ).toBe(59_000_000);
  });

  it('needs the income and the kind-specific figure', () => {
    expect(codeOf(() => calculateBenefit({ type: 'JKK', kind: 'DEATH', on }))).toBe('BENEFIT_INPUT_MISSING:incomeNominal');
    expect(codeOf(() => calculateBenefit({ type: 'JKK', kind: 'TEMPORARY_INCAPACITY', on, incomeNominal: 1_000_000 }))).toBe(
      'BENEFIT_INPUT_MISSING:daysUnableToWork',
    );
    expect(codeOf(() => calculateBenefit({ type: 'JKK', kind: 'PERMANENT_PARTIAL_DISABILITY', on, incomeNominal: 1_000_000 }))).toBe(
      'BENEFIT_INPUT_MISSING:disabilityPercent',
    );
  });
});

describe('JHT (old-age savings)', () => {
  it('pays the contributions paid (the development return left out)', () => {
    const benefit = calculateBenefit({ type: 'JHT', kind: 'SAVINGS', on, jhtContributions: 480_000 });
    expect(benefit).toEqual({ total: 480_000, components: [expect.objectContaining({ code: 'JHT_BALANCE', amount: 480_000 })] });
    expect(benefit.components[0].rule).toMatch(/development return is not included/);
  });
});

describe('rule selection', () => {
  it('refuses kinds a programme does not have, and dates before the rules were in force', () => {
    expect(codeOf(() => calculateBenefit({ type: 'JKM', kind: 'MEDICAL', on, medicalCosts: 1 }))).toBe('KIND_NOT_FOR_TYPE:kind');
    expect(codeOf(() => calculateBenefit({ type: 'JKM', kind: 'DEATH', on: '2019-12-01', membershipMonths: 12 }))).toBe(
      'RULES_NOT_IN_FORCE:incidentDate',
    );
    expect(benefitRulesOn('2019-12-02').jkm.lumpSum).toBe(20_000_000);
  });
});
