import { DomainError } from '../errors';
import { compareIsoDates, type IsoDate } from '../iso-date';

/**
 * The benefit amounts of docs/rules.md ("Benefits") as dated data: a new regulation is a new row with its
 * `effectiveFrom`, and a claim is computed with the row in force on its incident date. Amounts are whole
 * rupiah; rates are basis points (10,000 = 100%).
 */
export interface ScholarshipLevel {
  level: 'KINDERGARTEN' | 'PRIMARY' | 'JUNIOR_SECONDARY' | 'SENIOR_SECONDARY' | 'HIGHER_EDUCATION';
  perYear: number;
  years: number;
}

export interface BenefitRuleSet {
  effectiveFrom: IsoDate;
  source: string;
  jkm: {
    lumpSum: number;
    /** 24 monthly payments of Rp500,000, paid at once. */
    periodicMonths: number;
    periodicMonthly: number;
    funeral: number;
    /** Death within this many completed months of membership: funeral costs only (docs/rules.md: check). */
    funeralOnlyBeforeMonths: number;
  };
  scholarship: {
    maxChildren: number;
    /** Children below this age. */
    childAgeBelow: number;
    /** JKM: the member must have contributed this many months; JKK death/total disability: no minimum. */
    jkmMinimumContributionMonths: number;
    /** The most a child receives over all levels and years (the regulation states it beside the table). */
    maxPerChild: number;
    levels: readonly ScholarshipLevel[];
  };
  jkk: {
    /** Maximum reimbursed per means of transport of the injured. */
    transportCaps: Readonly<Record<'land' | 'sea' | 'air', number>>;
    /** Caps of docs/rules.md's "other caps" (check). */
    otherCaps: Readonly<Record<'homeCare' | 'dentures' | 'hearingAid' | 'glasses', number>>;
    /** STMB: the full rate for the first `fullRateDays` days off work, then the later rate; a day is 1/`dayBasis` of a month. */
    temporaryIncapacity: { fullRateDays: number; fullRateBp: number; laterRateBp: number; dayBasis: number };
    partialDisabilityMonths: number;
    totalDisability: { rateBp: number; months: number };
    death: { incomeMonths: number; minimum: number; periodic: number; funeral: number };
  };
  jht: {
    /** Age at which the balance is paid out. */
    payableAge: number;
    /**
     * The yearly development return credited to the balance. Left at 0: BPJS declares it each year after
     * the fact, and the claims service only knows the contributions (see the JHT component's rule text).
     */
    developmentReturnBp: number;
  };
  deadlines: {
    /** JKK: 5 years after the accident. JKM and JHT: none (docs/rules.md, Claims). */
    jkkYears: number;
  };
}

const PP_82_2019: BenefitRuleSet = Object.freeze({
  effectiveFrom: '2019-12-02',
  source: 'PP 44/2015 as amended by PP 82/2019; PP 46/2015; Permenaker 5/2021',
  jkm: { lumpSum: 20_000_000, periodicMonths: 24, periodicMonthly: 500_000, funeral: 10_000_000, funeralOnlyBeforeMonths: 3 },
  scholarship: {
    maxChildren: 2,
    childAgeBelow: 23,
    jkmMinimumContributionMonths: 36,
    maxPerChild: 87_000_000,
    levels: [
      { level: 'KINDERGARTEN', perYear: 1_500_000, years: 2 },
      { level: 'PRIMARY', perYear: 1_500_000, years: 6 },
      { level: 'JUNIOR_SECONDARY', perYear: 2_000_000, years: 3 },
      { level: 'SENIOR_SECONDARY', perYear: 3_000_000, years: 3 },
      { level: 'HIGHER_EDUCATION', perYear: 12_000_000, years: 5 },
    ],
  },
  jkk: {
    transportCaps: { land: 5_000_000, sea: 2_000_000, air: 10_000_000 },
    otherCaps: { homeCare: 20_000_000, dentures: 5_000_000, hearingAid: 2_500_000, glasses: 1_000_000 },
    temporaryIncapacity: { fullRateDays: 360, fullRateBp: 10_000, laterRateBp: 5_000, dayBasis: 30 },
    partialDisabilityMonths: 80,
    totalDisability: { rateBp: 7_000, months: 80 },
    death: { incomeMonths: 48, minimum: 20_000_000, periodic: 12_000_000, funeral: 10_000_000 },
  },
  jht: { payableAge: 56, developmentReturnBp: 0 },
  deadlines: { jkkYears: 5 },
} satisfies BenefitRuleSet);

/** Every rule set, oldest first. */
export const BENEFIT_RULE_SETS: readonly BenefitRuleSet[] = Object.freeze([PP_82_2019]);

/** The rules in force on a date; DomainError RULES_NOT_IN_FORCE before the first row. */
export function benefitRulesOn(date: IsoDate, sets: readonly BenefitRuleSet[] = BENEFIT_RULE_SETS): BenefitRuleSet {
  const inForce = sets.filter((set) => compareIsoDates(set.effectiveFrom, date) <= 0);
  if (!inForce.length) throw new DomainError('RULES_NOT_IN_FORCE', `no benefit rules were in force on ${date}`, 'incidentDate');
  return inForce[inForce.length - 1];
}

/**
 * The most a child can receive in scholarships over all levels (Rp87,000,000 under PP 82/2019): the stated
 * maximum, or the table's years at their amounts if those come to less.
 */
export function scholarshipMaximumPerChild(rules: BenefitRuleSet): number {
  const table = rules.scholarship.levels.reduce((sum, level) => sum + level.perYear * level.years, 0);
  return Math.min(rules.scholarship.maxPerChild, table);
}
