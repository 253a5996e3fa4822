import { payerOfFunderType, Period, quoteContribution, validateProgramSelection, type ProgramCode } from '@jaring/domain';

export interface SponsorshipCostInput {
  declaredMonthlyIncome: number;
  occupation: string;
  /** What the worker is enrolled in. */
  workerPrograms: readonly string[];
  /** What the programme pays (JKK and JKM at least). */
  programmePrograms: readonly string[];
  /** APBN, APBD_PROVINCE, APBD_REGENCY or CSR: decides the payer, and with it the PP 50/2025 discount. */
  funderType: string;
  firstPeriod: string;
  months: number;
}

export interface SponsorshipCost {
  /** The programmes the sponsor pays for this worker: the programme's, among those the worker has. */
  programs: ProgramCode[];
  months: Array<{ period: string; amount: number }>;
  total: number;
}

/**
 * What a sponsorship will cost: each month priced on its own with the contributions rate function (the
 * one rate table, in libs/domain), at the funder's payer type, for the worker's income and occupation.
 * Month by month because a discount window can end in the middle of a sponsorship (PP 50/2025 ends
 * 2026-12 outside transport): a CSR sponsor of a trader from 2026-11 pays 8,400, 8,400, then 16,800.
 * Government budgets are excluded from the discount and pay the full rate throughout.
 */
export function sponsorshipCost(input: SponsorshipCostInput): SponsorshipCost {
  const paid = new Set(input.programmePrograms);
  const programs = validateProgramSelection(input.workerPrograms.filter((program) => paid.has(program)));
  const payer = payerOfFunderType(input.funderType);
  const months = Period.sequence(Period.parse(input.firstPeriod), input.months).map((period) => ({
    period: period.toString(),
    amount: quoteContribution({ declaredMonthlyIncome: input.declaredMonthlyIncome, programs, period, occupation: input.occupation, payer })
      .total,
  }));
  return { programs, months, total: months.reduce((sum, month) => sum + month.amount, 0) };
}
