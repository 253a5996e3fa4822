import { ageOn, compareIsoDates, daysInMonth, isoDateOf, parseIsoDate, type IsoDate } from '../iso-date';
import { benefitRulesOn, type BenefitRuleSet } from './benefit-rules';
import { isDeathClaim, type ClaimKind, type ClaimType } from './claim-types';
import { BURIAL_ARRANGER, checkHeir, type HeirRecord } from './heir-entitlement';

export interface EligibilityReason {
  code: string;
  message: string;
}

export interface Eligibility {
  eligible: boolean;
  reasons: EligibilityReason[];
}

/** What the claims service knows when it decides: its read models of workers and coverage, and the claim. */
export interface ClaimFacts {
  type: ClaimType;
  kind: ClaimKind;
  incidentDate: IsoDate;
  submittedOn: IsoDate;
  claimant: { relationship: string; nikHash: string };
  /** Undefined when no worker with that id was ever registered. */
  worker?: { nikHash: string; birthDate: IsoDate; heirs: readonly HeirRecord[] };
  /** JKK/JKM: was the claim's programme covered (a paid period) on the incident date; the last lapse, if any. */
  coverage: { coveredOnIncident: boolean; lapse?: { lapsedOn: IsoDate; reason: string } };
  /** JHT: the contributions paid into the balance. */
  jhtContributions?: number;
  /** JHT savings: the member leaves Indonesia for good (the other ground besides age). */
  leavingIndonesia?: boolean;
  /**
   * The bounded wait for facts still on their way is over (pending-facts.ts): what the read models hold is all
   * there is. Only whoever arranged the burial needs it: "no heir on record" pays them once it is final.
   */
  factsWaitOver?: boolean;
}

/**
 * Every reason a claim fails, from docs/rules.md (Claims): covered on the incident date (firm), the deadline
 * (JKK 5 years, firm), the claimant (the worker for their own claim; for a death, an heir of the first
 * tier that exists, firm), and for JHT a balance and a ground to pay it (age 56, death, total disability,
 * leaving Indonesia). A claim with no reason is eligible. "One death paid once" is not here: it is a
 * conflict with an earlier claim, which the service answers with a 409.
 */
export function assessEligibility(facts: ClaimFacts, rules: BenefitRuleSet = benefitRulesOn(facts.incidentDate)): Eligibility {
  const reasons: EligibilityReason[] = [];
  const add = (code: string, message: string) => reasons.push({ code, message });

  if (compareIsoDates(facts.incidentDate, facts.submittedOn) > 0) {
    add('INCIDENT_IN_FUTURE', `The incident date ${facts.incidentDate} is after the day of the claim ${facts.submittedOn}`);
  }
  if (!facts.worker) {
    add('WORKER_UNKNOWN', 'No worker with this id is registered');
  }
  if (facts.type !== 'JHT') coverageReasons(facts, add);
  deadlineReasons(facts, rules, add);
  if (facts.worker) claimantReasons(facts, facts.worker, add);
  if (facts.type === 'JHT') jhtReasons(facts, rules, add);
  return { eligible: reasons.length === 0, reasons };
}

type Add = (code: string, message: string) => void;

function coverageReasons(facts: ClaimFacts, add: Add): void {
  if (facts.coverage.coveredOnIncident) return;
  const what = isDeathClaim(facts.kind) ? 'death' : 'accident';
  const lapse = facts.coverage.lapse;
  if (lapse && compareIsoDates(lapse.lapsedOn, facts.incidentDate) <= 0) {
    add(
      'COVERAGE_LAPSED',
      `${facts.type} coverage lapsed on ${lapse.lapsedOn} (${lapse.reason === 'DEREGISTERED' ? 'the worker left the programme' : 'unpaid months'}); the ${what} on ${facts.incidentDate} is not covered`,
    );
    return;
  }
  add('NOT_COVERED', `${facts.type} was not covered on ${facts.incidentDate}: no paid period includes the day of the ${what}`);
}

function deadlineReasons(facts: ClaimFacts, rules: BenefitRuleSet, add: Add): void {
  if (facts.type !== 'JKK') return;
  const years = rules.deadlines.jkkYears;
  const deadline = addYears(facts.incidentDate, years);
  if (compareIsoDates(facts.submittedOn, deadline) > 0) {
    add(
      'DEADLINE_PASSED',
      `A JKK claim must be made within ${years} years of the accident (by ${deadline}); this one was made on ${facts.submittedOn}`,
    );
  }
}

function claimantReasons(facts: ClaimFacts, worker: NonNullable<ClaimFacts['worker']>, add: Add): void {
  const { claimant } = facts;
  if (isDeathClaim(facts.kind)) {
    if (claimant.relationship === 'SELF') {
      add('CLAIMANT_MUST_BE_HEIR', 'A death benefit is claimed by an heir, not with relationship SELF');
      return;
    }
    if (claimant.relationship === BURIAL_ARRANGER) {
      burialArrangerReasons(facts, worker, add);
      return;
    }
    const heir = checkHeir(worker.heirs, claimant);
    if (!heir.ok) add(heir.code, heir.message);
    return;
  }
  if (claimant.relationship !== 'SELF') {
    add(
      'CLAIMANT_MUST_BE_WORKER',
      `A ${facts.type} ${facts.kind.toLowerCase().replace(/_/g, ' ')} claim is made by the worker (relationship SELF)`,
    );
  } else if (claimant.nikHash !== worker.nikHash) {
    add('CLAIMANT_NOT_WORKER', "The claimant's NIK is not the worker's");
  }
}

/**
 * Whoever arranged the burial is paid only when the member left no heir (docs/rules.md, "no heir"): heirs on
 * record receive instead; "no heir" is known only once the wait for enrollment's heirs is over; a JHT balance
 * with no heir goes to the estate office, not to them.
 */
function burialArrangerReasons(facts: ClaimFacts, worker: NonNullable<ClaimFacts['worker']>, add: Add): void {
  if (facts.type === 'JHT') {
    add(
      'BURIAL_ARRANGER_NOT_FOR_JHT',
      'A JHT balance with no heir goes to the estate office (Balai Harta Peninggalan), not to whoever arranged the burial',
    );
  } else if (worker.heirs.length) {
    add('HEIRS_ON_RECORD', 'The worker has heirs on record: they receive the benefit, not whoever arranged the burial');
  } else if (!facts.factsWaitOver) {
    add('NO_HEIRS_ON_RECORD', 'No heir is on record yet; whoever arranged the burial is paid once no heir has come forward');
  }
}

function jhtReasons(facts: ClaimFacts, rules: BenefitRuleSet, add: Add): void {
  if (!facts.jhtContributions || facts.jhtContributions <= 0) {
    add('NO_JHT_BALANCE', 'The worker has no JHT contributions paid: there is no balance to pay');
  }
  if (facts.kind !== 'SAVINGS' || facts.leavingIndonesia || !facts.worker) return;
  const age = ageOn(facts.worker.birthDate, facts.incidentDate);
  if (age < rules.jht.payableAge) {
    add(
      'JHT_NOT_YET_PAYABLE',
      `The JHT balance is paid at ${rules.jht.payableAge} (the member was ${age} on ${facts.incidentDate}), at death, at total disability or on leaving Indonesia for good`,
    );
  }
}

/** The same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  return isoDateOf(year + years, month, Math.min(day, daysInMonth(year + years, month)));
}

/** Whole months completed from `from` to `to` (a membership that started 15 January has 2 on 15 March, 1 on 14 March). */
export function completedMonthsBetween(from: IsoDate, to: IsoDate): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  const months = (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day ? 1 : 0);
  return Math.max(0, months);
}
