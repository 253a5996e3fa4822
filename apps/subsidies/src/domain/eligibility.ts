/**
 * Who a programme may sponsor (docs/api.md: eligibility is `{ regions, occupations, incomeCeiling }`, each
 * optional). Pure rules, so the same answer is given at registration, at nomination and in tests.
 */
export interface Eligibility {
  /** Kemendagri codes: a regency (`5371`) or a whole province (`53`). Absent: everywhere. */
  regions: readonly string[] | null;
  occupations: readonly string[] | null;
  /** Declared monthly income at most this (rupiah). */
  incomeCeiling: number | null;
}

export interface WorkerProfile {
  regionCode: string;
  occupation: string;
  declaredMonthlyIncome: number;
}

export type IneligibilityReason = 'OUTSIDE_REGION' | 'OCCUPATION_NOT_COVERED' | 'INCOME_ABOVE_CEILING';

/** Whether a regency lies in an area given as a regency code or a 2-digit province code. */
export function regionWithin(regionCode: string, area: string): boolean {
  return area.length === 2 ? regionCode.slice(0, 2) === area : regionCode === area;
}

/** Every reason the worker is not eligible; empty when eligible. */
export function ineligibilityReasons(eligibility: Eligibility, worker: WorkerProfile): IneligibilityReason[] {
  const reasons: IneligibilityReason[] = [];
  if (eligibility.regions && !eligibility.regions.some((area) => regionWithin(worker.regionCode, area))) reasons.push('OUTSIDE_REGION');
  if (eligibility.occupations && !eligibility.occupations.includes(worker.occupation)) reasons.push('OCCUPATION_NOT_COVERED');
  if (eligibility.incomeCeiling !== null && worker.declaredMonthlyIncome > eligibility.incomeCeiling) reasons.push('INCOME_ABOVE_CEILING');
  return reasons;
}

/** A programme grants sponsorships from `startsOn` to `endsOn` inclusive (ISO dates compare as text). */
export function isOpenOn(window: { startsOn: string; endsOn: string }, today: string): boolean {
  return window.startsOn <= today && today <= window.endsOn;
}
