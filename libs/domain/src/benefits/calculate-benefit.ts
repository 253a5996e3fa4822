import { DomainError } from '../errors';
import type { IsoDate } from '../iso-date';
import { Money } from '../money';
import { benefitRulesOn, scholarshipMaximumPerChild, type BenefitRuleSet } from './benefit-rules';
import { isKindOf, type ClaimKind, type ClaimType } from './claim-types';

/** One line of a benefit, worded so that a family can read it: what, how much, and by which rule. */
export interface BenefitComponent {
  /** Stable machine code, e.g. `JKM_LUMP_SUM`. */
  code: string;
  name: string;
  amount: number;
  rule: string;
  /** Present when docs/rules.md marks the rule "check" (our best reading, sources disagree). */
  check?: true;
}

/**
 * The scholarship right (paid per school year later, so not in the total): the same table a scholarship claim
 * is paid by (scholarship.ts), so that an estimate, the death claim and each school year's claim agree.
 */
export interface ScholarshipEntitlement {
  eligible: boolean;
  maxChildren: number;
  maxPerChild: number;
  /** Children under this age when the school year starts. */
  childAgeBelow: number;
  /** Per school level, the amount of a school year and how many years are paid (none when not eligible). */
  levels: Array<{ level: string; perYear: number; years: number }>;
  rule: string;
}

export interface Benefit {
  total: number;
  components: BenefitComponent[];
  scholarship?: ScholarshipEntitlement;
}

export interface BenefitInput {
  type: ClaimType;
  kind: ClaimKind;
  /** The day whose rules apply: a claim's incident date, or today for an estimate. */
  on: IsoDate;
  /** JKK: the income bracket's nominal value the contributions were paid on. */
  incomeNominal?: number;
  /** JKM: completed months of membership on the day of death. */
  membershipMonths?: number;
  /** JKM scholarship: months contributed (defaults to membershipMonths). */
  contributionMonths?: number;
  medicalCosts?: number;
  transportCosts?: { land?: number; sea?: number; air?: number };
  otherCosts?: { homeCare?: number; dentures?: number; hearingAid?: number; glasses?: number };
  daysUnableToWork?: number;
  /** Permanent partial disability, from the disability table, in percent with at most 2 decimals. */
  disabilityPercent?: number;
  /** JHT: the JHT contributions paid. */
  jhtContributions?: number;
}

const rp = (amount: number) => Money.of(amount).format();

/**
 * The benefit of a claim (or an estimate: the same function) under docs/rules.md, per component. Pure: the
 * income bracket, months of membership and JHT contributions are looked up by the caller. Throws
 * DomainError BENEFIT_INPUT_MISSING / BENEFIT_INPUT_INVALID naming the missing input.
 */
export function calculateBenefit(input: BenefitInput, rules: BenefitRuleSet = benefitRulesOn(input.on)): Benefit {
  if (!isKindOf(input.type, input.kind))
    throw new DomainError('KIND_NOT_FOR_TYPE', `${input.type} has no claims of kind ${String(input.kind)}`, 'kind');
  const components: BenefitComponent[] = [];
  let scholarship: ScholarshipEntitlement | undefined;
  switch (input.type) {
    case 'JKM':
      components.push(...jkmDeath(input, rules));
      scholarship = jkmScholarship(input, rules);
      break;
    case 'JKK':
      components.push(...jkkCosts(input, rules));
      components.push(...jkkMain(input, rules));
      if (input.kind === 'DEATH' || input.kind === 'PERMANENT_TOTAL_DISABILITY') scholarship = jkkScholarship(input.kind, rules);
      break;
    case 'JHT':
      components.push(jhtBalance(input, rules));
      break;
  }
  const total = Money.sum(components.map((c) => Money.of(c.amount))).amount;
  return scholarship ? { total, components, scholarship } : { total, components };
}

function jkmDeath(input: BenefitInput, rules: BenefitRuleSet): BenefitComponent[] {
  const months = required(input.membershipMonths, 'membershipMonths', { integer: true });
  const { jkm } = rules;
  const funeral: BenefitComponent = {
    code: 'JKM_FUNERAL',
    name: 'Funeral costs (biaya pemakaman)',
    amount: jkm.funeral,
    rule: `Fixed ${rp(jkm.funeral)}`,
  };
  if (months < jkm.funeralOnlyBeforeMonths) {
    return [
      {
        ...funeral,
        rule: `Death within the first ${jkm.funeralOnlyBeforeMonths} months of membership (${months} completed): the funeral costs only, ${rp(jkm.funeral)}`,
        check: true,
      },
    ];
  }
  const periodic = jkm.periodicMonths * jkm.periodicMonthly;
  return [
    { code: 'JKM_LUMP_SUM', name: 'Lump-sum death benefit (santunan sekaligus)', amount: jkm.lumpSum, rule: `Fixed ${rp(jkm.lumpSum)}` },
    {
      code: 'JKM_PERIODIC',
      name: 'Periodic benefit paid at once (santunan berkala)',
      amount: periodic,
      rule: `${jkm.periodicMonths} × ${rp(jkm.periodicMonthly)}`,
    },
    funeral,
  ];
}

function jkmScholarship(input: BenefitInput, rules: BenefitRuleSet): ScholarshipEntitlement {
  const contributed = input.contributionMonths ?? input.membershipMonths ?? 0;
  const minimum = rules.scholarship.jkmMinimumContributionMonths;
  const eligible = contributed >= minimum;
  return scholarship(
    rules,
    eligible,
    eligible
      ? `The member contributed ${contributed} months (at least ${minimum})`
      : `Needs at least ${minimum} months of contributions; the member contributed ${contributed}`,
  );
}

function jkkScholarship(kind: ClaimKind, rules: BenefitRuleSet): ScholarshipEntitlement {
  return scholarship(
    rules,
    true,
    `${kind === 'DEATH' ? 'Death from a work accident' : 'Permanent total disability'}: no minimum contribution period`,
  );
}

function scholarship(rules: BenefitRuleSet, eligible: boolean, why: string): ScholarshipEntitlement {
  const { maxChildren, childAgeBelow } = rules.scholarship;
  const maxPerChild = scholarshipMaximumPerChild(rules);
  return {
    eligible,
    maxChildren,
    maxPerChild: eligible ? maxPerChild : 0,
    childAgeBelow,
    levels: eligible ? rules.scholarship.levels.map(({ level, perYear, years }) => ({ level, perYear, years })) : [],
    rule: `${why}. Up to ${maxChildren} children under ${childAgeBelow}, claimed per school year, at most ${rp(maxPerChild)} a child`,
  };
}

/** Medical care, transport and aids: any JKK claim may carry the costs of the accident it reports. */
function jkkCosts(input: BenefitInput, rules: BenefitRuleSet): BenefitComponent[] {
  const out: BenefitComponent[] = [];
  if (input.kind === 'MEDICAL') required(input.medicalCosts, 'medicalCosts', { integer: true });
  if (input.medicalCosts !== undefined) {
    const amount = required(input.medicalCosts, 'medicalCosts', { integer: true });
    out.push({ code: 'JKK_MEDICAL', name: 'Medical care', amount, rule: 'As medically needed, no cap: the costs claimed' });
  }
  const transportNames = { land: 'land', sea: 'sea', air: 'air' } as const;
  for (const mode of Object.keys(transportNames) as Array<keyof typeof transportNames>) {
    const claimed = input.transportCosts?.[mode];
    if (claimed === undefined) continue;
    out.push(
      capped(
        `JKK_TRANSPORT_${mode.toUpperCase()}`,
        `Transport of the injured by ${mode}`,
        required(claimed, `transportCosts.${mode}`, { integer: true }),
        rules.jkk.transportCaps[mode],
      ),
    );
  }
  const otherNames = { homeCare: 'Home care', dentures: 'Dentures', hearingAid: 'Hearing aid', glasses: 'Glasses' } as const;
  for (const item of Object.keys(otherNames) as Array<keyof typeof otherNames>) {
    const claimed = input.otherCosts?.[item];
    if (claimed === undefined) continue;
    const code = `JKK_${item.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
    out.push({
      ...capped(code, otherNames[item], required(claimed, `otherCosts.${item}`, { integer: true }), rules.jkk.otherCaps[item]),
      check: true,
    });
  }
  return out;
}

function capped(code: string, name: string, claimed: number, cap: number): BenefitComponent {
  const amount = Math.min(claimed, cap);
  return { code, name, amount, rule: `Costs claimed ${rp(claimed)}, up to ${rp(cap)}` };
}

function jkkMain(input: BenefitInput, rules: BenefitRuleSet): BenefitComponent[] {
  const { jkk } = rules;
  switch (input.kind) {
    case 'MEDICAL':
      return [];
    case 'TEMPORARY_INCAPACITY':
      return temporaryIncapacity(income(input), required(input.daysUnableToWork, 'daysUnableToWork', { integer: true, min: 1 }), rules);
    case 'PERMANENT_PARTIAL_DISABILITY': {
      const nominal = income(input);
      const percent = required(input.disabilityPercent, 'disabilityPercent', { min: 0.01, max: 100 });
      const basisPoints = Math.round(percent * 100);
      if (Math.abs(basisPoints - percent * 100) > 1e-9)
        throw new DomainError('BENEFIT_INPUT_INVALID', 'disabilityPercent has at most 2 decimals', 'disabilityPercent');
      const amount = Money.of(nominal).multiply(jkk.partialDisabilityMonths).percentOf(basisPoints).amount;
      return [
        {
          code: 'JKK_PERMANENT_PARTIAL_DISABILITY',
          name: 'Permanent partial disability',
          amount,
          rule: `${percent}% (disability table) × ${jkk.partialDisabilityMonths} × monthly income ${rp(nominal)}`,
        },
      ];
    }
    case 'PERMANENT_TOTAL_DISABILITY': {
      const nominal = income(input);
      const { rateBp, months } = jkk.totalDisability;
      const amount = Money.of(nominal).multiply(months).percentOf(rateBp).amount;
      return [
        {
          code: 'JKK_PERMANENT_TOTAL_DISABILITY',
          name: 'Permanent total disability',
          amount,
          rule: `${rateBp / 100}% × ${months} × monthly income ${rp(nominal)}`,
        },
      ];
    }
    case 'DEATH': {
      const nominal = income(input);
      const { incomeMonths, minimum, periodic, funeral } = jkk.death;
      const multiple = nominal * incomeMonths;
      return [
        {
          code: 'JKK_DEATH_LUMP_SUM',
          name: 'Death benefit (work accident)',
          amount: Math.max(multiple, minimum),
          rule: `${incomeMonths} × monthly income ${rp(nominal)} = ${rp(multiple)}, never less than ${rp(minimum)}`,
        },
        {
          code: 'JKK_DEATH_PERIODIC',
          name: 'Periodic benefit paid at once (santunan berkala)',
          amount: periodic,
          rule: `Fixed ${rp(periodic)}`,
        },
        { code: 'JKK_DEATH_FUNERAL', name: 'Funeral costs (biaya pemakaman)', amount: funeral, rule: `Fixed ${rp(funeral)}` },
      ];
    }
    default:
      throw new DomainError('KIND_NOT_FOR_TYPE', `JKK has no claims of kind ${input.kind}`, 'kind');
  }
}

/**
 * STMB (santunan tidak mampu bekerja): a day off work is 1/30 of the monthly income (our day basis: the
 * regulation says "pro rata per day" without the divisor; 30 makes 12 months = 360 days). The first 360
 * days at 100%, the rest at 50%; each part rounded half up to whole rupiah.
 */
function temporaryIncapacity(nominal: number, days: number, rules: BenefitRuleSet): BenefitComponent[] {
  const { fullRateDays, fullRateBp, laterRateBp, dayBasis } = rules.jkk.temporaryIncapacity;
  const first = Math.min(days, fullRateDays);
  const later = days - first;
  const part = (d: number, bp: number) => roundHalfUp(BigInt(nominal) * BigInt(d) * BigInt(bp), BigInt(dayBasis) * 10_000n);
  const out: BenefitComponent[] = [
    {
      code: 'JKK_TEMPORARY_INCAPACITY',
      name: 'Temporary incapacity to work (STMB), first 12 months',
      amount: part(first, fullRateBp),
      rule: `${first} days × ${fullRateBp / 100}% of monthly income ${rp(nominal)} / ${dayBasis}`,
    },
  ];
  if (later > 0) {
    out.push({
      code: 'JKK_TEMPORARY_INCAPACITY_LATER',
      name: 'Temporary incapacity to work (STMB), after 12 months',
      amount: part(later, laterRateBp),
      rule: `${later} days × ${laterRateBp / 100}% of monthly income ${rp(nominal)} / ${dayBasis}`,
    });
  }
  return out;
}

function jhtBalance(input: BenefitInput, rules: BenefitRuleSet): BenefitComponent {
  const paid = required(input.jhtContributions, 'jhtContributions', { integer: true });
  const note =
    rules.jht.developmentReturnBp === 0 ? '; the yearly development return is not included (declared by BPJS after each year)' : '';
  return {
    code: 'JHT_BALANCE',
    name: 'Old-age savings balance (JHT)',
    amount: paid,
    rule: `The JHT contributions paid, ${rp(paid)}${note}`,
  };
}

function income(input: BenefitInput): number {
  return required(input.incomeNominal, 'incomeNominal', { integer: true, min: 1 });
}

function required(value: number | undefined, field: string, limits: { integer?: boolean; min?: number; max?: number } = {}): number {
  if (value === undefined || value === null)
    throw new DomainError('BENEFIT_INPUT_MISSING', `${field} is needed for this kind of claim`, field);
  const min = limits.min ?? 0;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    (limits.max !== undefined && value > limits.max) ||
    (limits.integer && !Number.isSafeInteger(value))
  ) {
    const range = limits.max !== undefined ? `from ${min} to ${limits.max}` : `at least ${min}`;
    throw new DomainError('BENEFIT_INPUT_INVALID', `${field} must be ${limits.integer ? 'a whole number ' : 'a number '}${range}`, field);
  }
  return value;
}

function roundHalfUp(numerator: bigint, denominator: bigint): number {
  const quotient = numerator / denominator;
  return Number((numerator % denominator) * 2n >= denominator ? quotient + 1n : quotient);
}
