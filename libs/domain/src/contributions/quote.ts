import { DomainError } from '../errors';
import { Money } from '../money';
import { type OccupationCode, occupationSector, parseOccupationCode } from '../occupations';
import { Period } from '../period';
import { type ProgramCode, validateProgramSelection } from '../programs';
import { PROGRAM_RATES, type ProgramRate } from './contribution-rates';
import { CONTRIBUTION_DISCOUNTS, type ContributionDiscount } from './discounts';
import { incomeBracketOf, type IncomeBracket } from './income-brackets';
import { type Payer, parsePayer } from './payers';

export interface QuoteInput {
  declaredMonthlyIncome: number;
  programs: readonly ProgramCode[] | readonly string[];
  /** `YYYY-MM` or a Period. */
  period: Period | string;
  /** An `OccupationCode`; anything else is refused (OCCUPATION_UNKNOWN). */
  occupation: string;
  /** A `Payer`; anything else is refused (PAYER_UNKNOWN). */
  payer: string;
}

export interface QuoteLine {
  program: ProgramCode;
  /** What is owed for the period, after any discount. */
  amount: number;
  /** What it would be without a discount. */
  fullAmount: number;
  /** fullAmount - amount. */
  discount: number;
}

export interface DiscountRuleApplied {
  id: string;
  regulation: string;
  description: string;
  from: string;
  to: string;
  percentOff: number;
}

export interface ContributionQuote {
  period: string;
  declaredMonthlyIncome: number;
  bracket: { from: number; to: number | null };
  bracketNominal: number;
  lines: QuoteLine[];
  total: number;
  fullTotal: number;
  discountRule?: DiscountRuleApplied;
}

/**
 * What a worker owes for one period (docs/rules.md, "Contributions"): JKK 1% and JHT 2% of the income
 * bracket's nominal value, JKM Rp6,800 flat, less any discount in force for the period, occupation and
 * payer (PP 50/2025). Pure: the rate tables are data, the period decides which rows apply.
 *
 * Rounding: each discounted line is `fullAmount × (100% - discount)` rounded half up to whole rupiah
 * (Money.percentOf), and the discount is what was taken off, so amount + discount = fullAmount exactly.
 * With the official brackets (multiples of Rp50,000) and 50% no fraction ever arises.
 *
 * Throws DomainError (INCOME_INVALID, PROGRAM_*, OCCUPATION_UNKNOWN, PAYER_UNKNOWN, PERIOD_*,
 * NO_RATE_IN_FORCE) naming the input field.
 */
export function quoteContribution(input: QuoteInput): ContributionQuote {
  const period = typeof input.period === 'string' ? Period.parse(input.period, 'period') : input.period;
  const programs = validateProgramSelection(input.programs, 'programs');
  const occupation = parseOccupationCode(input.occupation, 'occupation');
  const payer = parsePayer(input.payer, 'payer');
  const bracket = incomeBracketOf(input.declaredMonthlyIncome, period);
  const discount = discountFor(period, occupation, payer);
  const nominal = Money.of(bracket.nominal);

  const lines = programs.map((program): QuoteLine => {
    const full = fullAmountOf(rateFor(program, period), nominal);
    const discounted = discount?.programs.includes(program) ? full.percentOf(10_000 - discount.percentOffBasisPoints) : full;
    return { program, amount: discounted.amount, fullAmount: full.amount, discount: full.subtract(discounted).amount };
  });
  const discountApplies = lines.some((line) => line.discount > 0);
  return {
    period: period.toString(),
    declaredMonthlyIncome: input.declaredMonthlyIncome,
    bracket: bracketRange(bracket),
    bracketNominal: bracket.nominal,
    lines,
    total: Money.sum(lines.map((l) => Money.of(l.amount))).amount,
    fullTotal: Money.sum(lines.map((l) => Money.of(l.fullAmount))).amount,
    ...(discount && discountApplies ? { discountRule: describe(discount) } : {}),
  };
}

/** The programme's rate in force for a period (the latest row on or before it). */
export function rateFor(program: ProgramCode, period: Period): ProgramRate {
  const rate = PROGRAM_RATES.filter((r) => r.program === program && !Period.parse(r.effectiveFrom).isAfter(period)).at(-1);
  if (!rate) throw new DomainError('NO_RATE_IN_FORCE', `no ${program} rate is in force for ${period.toString()}`, 'period');
  return rate;
}

/** The discount in force for this period, occupation and payer, if any (the first matching row). */
export function discountFor(period: Period, occupation: OccupationCode, payer: Payer): ContributionDiscount | undefined {
  const sector = occupationSector(occupation);
  return CONTRIBUTION_DISCOUNTS.find(
    (d) => period.isBetween(Period.parse(d.from), Period.parse(d.to)) && d.sectors.includes(sector) && d.payers.includes(payer),
  );
}

function fullAmountOf(rate: ProgramRate, nominal: Money): Money {
  return rate.basis.kind === 'FLAT' ? Money.of(rate.basis.amount) : nominal.percentOf(rate.basis.basisPoints);
}

function bracketRange(bracket: IncomeBracket): { from: number; to: number | null } {
  return { from: bracket.from, to: bracket.to };
}

function describe(discount: ContributionDiscount): DiscountRuleApplied {
  return {
    id: discount.id,
    regulation: discount.regulation,
    description: discount.description,
    from: discount.from,
    to: discount.to,
    percentOff: discount.percentOffBasisPoints / 100,
  };
}
