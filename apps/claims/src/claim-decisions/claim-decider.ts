import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  assessEligibility,
  BURIAL_ARRANGER,
  completedMonthsBetween,
  DomainError,
  factsAwaited,
  noHeirBenefit,
  Period,
  UseCaseError,
  type AwaitableFact,
  type Benefit,
  type ClaimKind,
  type ClaimType,
  type Eligibility,
  type IsoDate,
} from '@jaring/domain';
import { benefitOf, type BenefitDetails } from '../domain/benefit-of';
import { jhtPaid, termsIn } from '../domain/worker-terms';
import { ClaimFactsReader, type WorkerRecord } from '../submit-claim/claim-facts.reader';

/** Inputs of the benefit a claimant cannot supply: missing only when the worker is unknown. */
const READ_MODEL_INPUTS = new Set(['incomeNominal', 'membershipMonths', 'jhtContributions']);

/** What a claim is decided on besides the read models: the claim as submitted (no personal data). */
export interface ClaimCase {
  workerId: string;
  type: ClaimType;
  kind: ClaimKind;
  incidentDate: IsoDate;
  /** The day of the claim: deadlines count to it, whenever the decision is taken. */
  submittedOn: IsoDate;
  claimant: { relationship: string; nikHash: string };
  details: BenefitDetails & { leavingIndonesia?: boolean };
}

export interface ClaimDecision {
  eligibility: Eligibility;
  benefit: Benefit;
  /** The facts the claim waits for; empty when it is decided (pending-facts.ts in libs/domain). */
  awaitingFacts: AwaitableFact[];
}

/**
 * A claim's decision from the read models (workers, terms, coverage), the eligibility rules and the benefit
 * rules: the same at submission, when awaited facts arrive, when the wait is over and at a reassessment. With
 * `factsWaitOver` false, a claim whose only reasons may be facts on their way waits for them.
 */
@Injectable()
export class ClaimDecider {
  constructor(private readonly reader: ClaimFactsReader) {}

  async decide(
    manager: EntityManager,
    claim: ClaimCase,
    options: { factsWaitOver: boolean; worker?: WorkerRecord | null },
  ): Promise<ClaimDecision> {
    const worker = options.worker === undefined ? await this.reader.worker(manager, claim.workerId) : (options.worker ?? undefined);
    const { type, kind } = claim;
    const incidentPeriod = Period.fromDate(claim.incidentDate).toString();
    const terms = worker ? await this.reader.terms(manager, worker.workerId) : [];
    const covered = async (program: string) =>
      worker ? this.reader.coveredPeriods(manager, worker.workerId, program, incidentPeriod) : [];
    const programPeriods = type === 'JHT' ? [] : await covered(type);
    const jhtContributions = type === 'JHT' ? jhtPaid(await covered('JHT'), terms) : undefined;

    let benefit = computeBenefit({
      type,
      kind,
      on: claim.incidentDate,
      declaredMonthlyIncome: termsIn(terms, incidentPeriod)?.declaredMonthlyIncome,
      membershipMonths: worker ? completedMonthsBetween(worker.registeredOn, claim.incidentDate) : undefined,
      contributionMonths: type === 'JKM' ? programPeriods.length : undefined,
      jhtContributions,
      details: claim.details,
    });
    // no heir: whoever arranged the burial is paid the funeral costs, the rest stays in the fund
    if (claim.claimant.relationship === BURIAL_ARRANGER) benefit = noHeirBenefit(benefit);
    const eligibility = assessEligibility({
      type,
      kind,
      incidentDate: claim.incidentDate,
      submittedOn: claim.submittedOn,
      claimant: claim.claimant,
      worker: worker && { nikHash: worker.nikHash, birthDate: worker.birthDate, heirs: worker.heirs },
      coverage: {
        coveredOnIncident: programPeriods.at(-1) === incidentPeriod,
        lapse: worker ? await this.reader.lapseOnOrBefore(manager, worker.workerId, claim.incidentDate) : undefined,
      },
      jhtContributions,
      leavingIndonesia: claim.details.leavingIndonesia,
      factsWaitOver: options.factsWaitOver,
    });
    if (eligibility.eligible && benefit.total === 0) {
      eligibility.eligible = false;
      eligibility.reasons.push({ code: 'NOTHING_TO_PAY', message: 'The rules give no amount for this claim' });
    }
    return { eligibility, benefit, awaitingFacts: options.factsWaitOver ? [] : factsAwaited(eligibility.reasons) };
  }
}

function computeBenefit(circumstances: Parameters<typeof benefitOf>[0]): Benefit {
  try {
    return benefitOf(circumstances);
  } catch (error) {
    if (!DomainError.is(error)) throw error;
    // The worker is unknown: no income or membership to compute with (the claim is refused, or waits, for that).
    if (error.field && READ_MODEL_INPUTS.has(error.field)) return { total: 0, components: [] };
    throw UseCaseError.invalid(error.message, { errors: [{ field: `details.${error.field ?? 'kind'}`, reason: error.message }] });
  }
}
