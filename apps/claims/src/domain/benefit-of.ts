import {
  calculateBenefit,
  incomeBracketOf,
  Period,
  quoteContribution,
  type Benefit,
  type BenefitInput,
  type ClaimKind,
  type ClaimType,
  type IsoDate,
} from '@jaring/domain';

/** The figures of a claim's details that the benefit rules read (docs/api.md's claim `details`, estimates' query). */
export interface BenefitDetails {
  medicalCosts?: number;
  transportCosts?: { land?: number; sea?: number; air?: number };
  otherCosts?: { homeCare?: number; dentures?: number; hearingAid?: number; glasses?: number };
  daysUnableToWork?: number;
  disabilityPercent?: number;
}

export interface BenefitCircumstances {
  type: ClaimType;
  kind: ClaimKind;
  /** Whose rules and income bracket apply: the incident date (a claim) or today (an estimate). */
  on: IsoDate;
  declaredMonthlyIncome?: number;
  membershipMonths?: number;
  contributionMonths?: number;
  jhtContributions?: number;
  details: BenefitDetails;
}

/**
 * THE benefit of a claim and of an estimate: the same path from the declared income to the bracket's
 * nominal value (contributions' table) to the rules of `@jaring/domain`, so an estimate and the claim
 * that follows it cannot disagree.
 */
export function benefitOf(c: BenefitCircumstances): Benefit {
  const input: BenefitInput = {
    type: c.type,
    kind: c.kind,
    on: c.on,
    incomeNominal:
      c.declaredMonthlyIncome === undefined ? undefined : incomeNominalOf(c.declaredMonthlyIncome, Period.fromDate(c.on).toString()),
    membershipMonths: c.membershipMonths,
    contributionMonths: c.contributionMonths,
    jhtContributions: c.jhtContributions,
    ...c.details,
  };
  return calculateBenefit(input);
}

/** "Income" in the JKK formulas: the nominal value of the declared income's bracket (docs/rules.md). */
export function incomeNominalOf(declaredMonthlyIncome: number, period: string): number {
  return incomeBracketOf(declaredMonthlyIncome, Period.parse(period)).nominal;
}

/** The JHT contribution of one month (2% of the bracket's nominal value; never discounted): contributions' own quote. */
export function jhtMonthlyContribution(declaredMonthlyIncome: number, period: string): number {
  const quote = quoteContribution({ declaredMonthlyIncome, programs: ['JKK', 'JKM', 'JHT'], period, occupation: 'OTHER', payer: 'SELF' });
  return quote.lines.find((line) => line.program === 'JHT')!.amount;
}
