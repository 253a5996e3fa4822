import type { EligibilityReason } from './eligibility';

/**
 * The facts a claim is decided on that the claims service learns from other services' events, and may not
 * have heard of yet when a claim arrives a moment after them: the worker (enrollment registers them), the
 * heirs (enrollment records them) and the coverage of the incident's month (contributions records the
 * payment).
 */
export const AWAITABLE_FACTS = ['WORKER', 'HEIRS', 'COVERAGE'] as const;
export type AwaitableFact = (typeof AWAITABLE_FACTS)[number];

/**
 * The reasons that may only mean "not known here yet", each with the fact whose arrival could lift it.
 * Every other reason is final: it follows from the claim itself (an incident in the future, a deadline
 * passed, a claimant who is the wrong person) or from a fact that was recorded (a lapse, a registered heir of
 * another relationship or of a later tier). A claimant's NIK missing from registered heirs may be an heir
 * registered a moment ago; a relationship that does not match, or a lower tier, are what was registered.
 */
const FACT_LIFTING: Readonly<Record<string, AwaitableFact>> = Object.freeze({
  WORKER_UNKNOWN: 'WORKER',
  NO_HEIRS_ON_RECORD: 'HEIRS',
  CLAIMANT_NOT_HEIR: 'HEIRS',
  NOT_COVERED: 'COVERAGE',
  NO_JHT_BALANCE: 'COVERAGE',
});

/** Whether a reason may be lifted by a fact still on its way. */
export function isAwaitableReason(code: string): boolean {
  return code in FACT_LIFTING;
}

/**
 * The facts a claim waits for before it is decided: none when it is eligible, or when any of its reasons is
 * final (it is ineligible whatever arrives, so it is decided now); otherwise every fact its reasons wait on,
 * in the order of AWAITABLE_FACTS.
 */
export function factsAwaited(reasons: readonly Pick<EligibilityReason, 'code'>[]): AwaitableFact[] {
  if (!reasons.length || !reasons.every((reason) => isAwaitableReason(reason.code))) return [];
  const awaited = new Set(reasons.map((reason) => FACT_LIFTING[reason.code]));
  return AWAITABLE_FACTS.filter((fact) => awaited.has(fact));
}
