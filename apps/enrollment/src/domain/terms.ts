import { Period, type ProgramCode } from '@jaring/domain';

/** What a worker pays on: the declared income (its bracket) and the programmes. */
export interface Terms {
  declaredMonthlyIncome: number;
  programs: ProgramCode[];
}

/**
 * The terms in force and, when a change was made, the terms that apply from a later period. A change of
 * income or programmes applies from the next period (the current one is already billed or being paid).
 */
export interface TermsState {
  current: Terms;
  next?: { terms: Terms; from: Period };
}

export function sameTerms(a: Terms, b: Terms): boolean {
  return (
    a.declaredMonthlyIncome === b.declaredMonthlyIncome &&
    a.programs.length === b.programs.length &&
    a.programs.every((p, i) => p === b.programs[i])
  );
}

/** The terms that apply in `period`. */
export function termsIn(state: TermsState, period: Period): Terms {
  return state.next && !period.isBefore(state.next.from) ? state.next.terms : state.current;
}

/** The state seen from `period`: a scheduled change whose period has come is now simply the current terms. */
export function settled(state: TermsState, period: Period): TermsState {
  return state.next && !period.isBefore(state.next.from) ? { current: state.next.terms } : state;
}

export interface ScheduledChange {
  state: TermsState;
  /** The terms from `effectiveFrom` on, when they differ from what was going to apply then. */
  announce?: { terms: Terms; effectiveFrom: Period };
}

/**
 * A change requested in `period` (PATCH): applies from the next period, on top of any change already
 * scheduled for it. Changing back to the terms in force cancels the scheduled change (and is announced,
 * since others were told about it).
 */
export function scheduleChange(state: TermsState, change: Partial<Terms>, period: Period): ScheduledChange {
  const now = settled(state, period);
  const from = period.next();
  const before = termsIn(now, from);
  const after: Terms = {
    declaredMonthlyIncome: change.declaredMonthlyIncome ?? before.declaredMonthlyIncome,
    programs: change.programs ?? before.programs,
  };
  if (sameTerms(before, after)) return { state: now };
  const next = sameTerms(after, now.current) ? undefined : { terms: after, from };
  return { state: next ? { current: now.current, next } : { current: now.current }, announce: { terms: after, effectiveFrom: from } };
}
