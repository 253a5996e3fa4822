import { jhtMonthlyContribution } from './benefit-of';

/** A worker's declared income and programmes from a period on (the read model of enrollment's events). */
export interface WorkerTerms {
  effectiveFrom: string;
  declaredMonthlyIncome: number;
  programs: string[];
}

/** The terms in force in a period: the latest change that took effect on or before it (or the first, before any). */
export function termsIn(terms: readonly WorkerTerms[], period: string): WorkerTerms | undefined {
  return terms.filter((t) => t.effectiveFrom <= period).at(-1) ?? terms[0];
}

/** The JHT contributions paid: each covered JHT month at the income declared for it. */
export function jhtPaid(periods: readonly string[], terms: readonly WorkerTerms[]): number {
  return periods.reduce((sum, period) => sum + jhtMonthlyContribution(termsIn(terms, period)?.declaredMonthlyIncome ?? 0, period), 0);
}
