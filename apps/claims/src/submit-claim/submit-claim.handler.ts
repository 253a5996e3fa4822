import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EVENTS } from '@jaring/contracts';
import {
  assessEligibility,
  benefitRulesOn,
  completedMonthsBetween,
  DomainError,
  isKindOf,
  KINDS_BY_TYPE,
  oncePerWorkerKey,
  payoutDueDate,
  Period,
  todayOf,
  type Benefit,
  type ClaimKind,
  type ClaimType,
  type Clock,
  type Eligibility,
  UseCaseError,
} from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { CLOCK, Idempotency, regionsVisibleTo, type Caller, type IdempotentOutcome, type IdempotentRequest } from '@jaring/platform';
import { AuditTrail } from '../claims/audit-trail';
import type { ClaimRecord } from '../claims/claim-record';
import { ClaimRepository } from '../claims/claim.repository';
import { claimView, type ClaimView } from '../claims/claim-view';
import { benefitOf, type BenefitDetails } from '../domain/benefit-of';
import { missingDocuments, requiredDocuments } from '../domain/required-documents';
import { jhtPaid, termsIn } from '../domain/worker-terms';
import { workerVisible } from '../domain/worker-visibility';
import { ClaimantDataProtector, maskAccountNumber, sealContext } from '../personal-data/claimant-data-protector';
import { ClaimFactsReader, type WorkerRecord } from './claim-facts.reader';
import type { SubmitClaimDto } from './submit-claim.dto';

/** Inputs of the benefit a claimant cannot supply: missing only when the worker is unknown. */
const READ_MODEL_INPUTS = new Set(['incomeNominal', 'membershipMonths', 'jhtContributions']);

/**
 * Records a claim with its eligibility decision and computed benefit (docs/api.md, POST /v1/claims). An
 * ineligible claim is recorded too, with every reason. A second death (or JHT balance) claim of a worker
 * while an eligible one stands is a 409, guarded again by a unique index. An agent submits only for the
 * workers of its own regions: any other worker, known or not, is a 404 before anything is decided.
 */
@Injectable()
export class SubmitClaimHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: Idempotency,
    private readonly reader: ClaimFactsReader,
    private readonly claims: ClaimRepository,
    private readonly audit: AuditTrail,
    private readonly protector: ClaimantDataProtector,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A submission without an `Idempotency-Key`: its own transaction. */
  submit(dto: SubmitClaimDto, caller: Caller): Promise<ClaimView> {
    return this.dataSource.transaction((manager) => this.record(manager, dto, caller));
  }

  /** A submission with an `Idempotency-Key`: a retry with the same key gets the first answer. */
  submitIdempotently(request: IdempotentRequest, dto: SubmitClaimDto, caller: Caller): Promise<IdempotentOutcome<ClaimView>> {
    return this.idempotency.run(request, (manager) => this.record(manager, dto, caller));
  }

  private async record(manager: EntityManager, dto: SubmitClaimDto, caller: Caller): Promise<ClaimView> {
    const worker = await this.reader.worker(manager, dto.workerId);
    if (!workerVisible(regionsVisibleTo(caller), worker?.regionCode)) {
      // the same answer for another region's worker and an unknown one: an agent learns nothing of either
      throw UseCaseError.notFound(`no worker ${dto.workerId}`, { type: 'worker-not-found' });
    }
    const type = dto.type as ClaimType;
    if (!isKindOf(type, dto.details.kind)) {
      throw UseCaseError.invalid(`a ${type} claim is not of kind ${dto.details.kind}`, {
        errors: [{ field: 'details.kind', reason: `must be one of ${KINDS_BY_TYPE[type].join(', ')} for ${type}` }],
      });
    }
    const kind = dto.details.kind;
    assertRulesInForce(dto.incidentDate);
    const now = this.clock.now();
    const today = todayOf(this.clock);

    const onceKey = oncePerWorkerKey(type, kind) ?? null;
    if (onceKey) await this.refuseSecond(manager, dto.workerId, onceKey);

    const nikHash = this.protector.nikHash(dto.claimant.nik);
    const { eligibility, benefit } = await this.decide(manager, dto, type, kind, worker, nikHash, today);

    const id = randomUUID();
    const received = [...new Set(dto.documents ?? [])];
    const missing = missingDocuments(
      requiredDocuments(type, kind, { relationship: dto.claimant.relationship, leavingIndonesia: dto.details.leavingIndonesia }),
      received,
    );
    const documentsCompleteOn = missing.length === 0 ? today : null;
    const claim: ClaimRecord = {
      id,
      workerId: dto.workerId,
      type,
      kind,
      incidentDate: dto.incidentDate,
      submittedOn: today,
      claimantRelationship: dto.claimant.relationship,
      claimantNikHash: nikHash,
      claimantSealed: this.protector.sealJson({ fullName: dto.claimant.fullName, nik: dto.claimant.nik }, sealContext.claimant(id)),
      bankAccountSealed: this.protector.sealJson({ ...dto.claimant.bankAccount }, sealContext.claimBankAccount(id)),
      bankAccountMasked: maskAccountNumber(dto.claimant.bankAccount.accountNumber),
      details: detailsToStore(dto),
      eligible: eligibility.eligible,
      reasons: eligibility.reasons,
      benefit,
      benefitTotal: benefit.total,
      status: 'SUBMITTED',
      onceKey,
      documents: received,
      documentsCompleteOn,
      dueOn: documentsCompleteOn && eligibility.eligible ? payoutDueDate(type, documentsCompleteOn) : null,
      verifiedBy: null,
      approvedBy: null,
      rejectionReason: null,
      payoutHold: null,
      paidOn: null,
      paidAmount: null,
      latePenalty: null,
    };
    await this.insert(manager, claim, now);
    await this.audit.append(manager, {
      claimId: id,
      at: now,
      // who submitted on the claimant's behalf: a field agent or the back office
      actor: caller,
      action: 'SUBMITTED',
      toStatus: 'SUBMITTED',
      details: {
        eligible: eligibility.eligible,
        reasonCodes: eligibility.reasons.map((r) => r.code),
        benefitTotal: benefit.total,
        missingDocuments: missing,
      },
    });
    await this.outbox.publish(manager, {
      definition: EVENTS.ClaimSubmitted,
      subject: dto.workerId,
      data: {
        claimId: id,
        workerId: dto.workerId,
        type,
        kind,
        incidentDate: dto.incidentDate,
        claimantRelationship: dto.claimant.relationship,
        eligible: eligibility.eligible,
        reasonCodes: eligibility.reasons.map((r) => r.code),
        benefitTotal: benefit.total,
      },
    });
    return claimView(claim, await this.audit.list(manager, id), caller);
  }

  /** The facts of the read models, the eligibility rules and the benefit rules. */
  private async decide(
    manager: EntityManager,
    dto: SubmitClaimDto,
    type: ClaimType,
    kind: ClaimKind,
    worker: WorkerRecord | undefined,
    nikHash: string,
    today: string,
  ): Promise<{ eligibility: Eligibility; benefit: Benefit }> {
    const incidentPeriod = Period.fromDate(dto.incidentDate).toString();
    const terms = worker ? await this.reader.terms(manager, worker.workerId) : [];
    const covered = async (program: string) =>
      worker ? this.reader.coveredPeriods(manager, worker.workerId, program, incidentPeriod) : [];
    const programPeriods = type === 'JHT' ? [] : await covered(type);
    const jhtContributions = type === 'JHT' ? jhtPaid(await covered('JHT'), terms) : undefined;
    const contributionMonths = type === 'JKM' ? programPeriods.length : undefined;

    const benefit = this.benefit({
      type,
      kind,
      on: dto.incidentDate,
      declaredMonthlyIncome: termsIn(terms, incidentPeriod)?.declaredMonthlyIncome,
      membershipMonths: worker ? completedMonthsBetween(worker.registeredOn, dto.incidentDate) : undefined,
      contributionMonths,
      jhtContributions,
      details: benefitDetails(dto),
    });
    const eligibility = assessEligibility({
      type,
      kind,
      incidentDate: dto.incidentDate,
      submittedOn: today,
      claimant: { relationship: dto.claimant.relationship, nikHash },
      worker: worker && { nikHash: worker.nikHash, birthDate: worker.birthDate, heirs: worker.heirs },
      coverage: {
        coveredOnIncident: programPeriods.at(-1) === incidentPeriod,
        lapse: worker ? await this.reader.lapseOnOrBefore(manager, worker.workerId, dto.incidentDate) : undefined,
      },
      jhtContributions,
      leavingIndonesia: dto.details.leavingIndonesia,
    });
    if (eligibility.eligible && benefit.total === 0) {
      eligibility.eligible = false;
      eligibility.reasons.push({ code: 'NOTHING_TO_PAY', message: 'The rules give no amount for this claim' });
    }
    return { eligibility, benefit };
  }

  private benefit(circumstances: Parameters<typeof benefitOf>[0]): Benefit {
    try {
      return benefitOf(circumstances);
    } catch (error) {
      if (!DomainError.is(error)) throw error;
      // The worker is unknown: no income or membership to compute with (the claim is refused for that).
      if (error.field && READ_MODEL_INPUTS.has(error.field)) return { total: 0, components: [] };
      throw UseCaseError.invalid(error.message, { errors: [{ field: `details.${error.field ?? 'kind'}`, reason: error.message }] });
    }
  }

  private async refuseSecond(manager: EntityManager, workerId: string, onceKey: string): Promise<void> {
    const existing = await this.claims.activeOnce(manager, workerId, onceKey);
    if (existing) throw onceConflict(onceKey, existing.id);
  }

  private async insert(manager: EntityManager, claim: ClaimRecord, now: Date): Promise<void> {
    try {
      await this.claims.insert(manager, claim, now);
    } catch (error) {
      // Two death claims at the same moment: the unique index decides; the loser gets the same 409.
      if ((error as { constraint?: string }).constraint === 'claims_once_per_worker') throw onceConflict(claim.onceKey!, undefined);
      throw error;
    }
  }
}

function onceConflict(onceKey: string, existingClaimId: string | undefined): UseCaseError {
  const what =
    onceKey === 'DEATH'
      ? "this worker's death is already claimed (a death is paid once)"
      : "this worker's JHT balance is already claimed (it is paid out once)";
  return UseCaseError.conflict(what, {
    type: onceKey === 'DEATH' ? 'death-already-claimed' : 'jht-balance-already-claimed',
    extensions: existingClaimId ? { existingClaimId } : {},
  });
}

function assertRulesInForce(incidentDate: string): void {
  try {
    benefitRulesOn(incidentDate);
  } catch (error) {
    if (!DomainError.is(error)) throw error;
    throw UseCaseError.invalid(error.message, { errors: [{ field: 'incidentDate', reason: error.message }] });
  }
}

function benefitDetails(dto: SubmitClaimDto): BenefitDetails {
  const { medicalCosts, transportCosts, otherCosts, daysUnableToWork, disabilityPercent } = dto.details;
  return {
    medicalCosts,
    transportCosts: transportCosts && { ...transportCosts },
    otherCosts: otherCosts && { ...otherCosts },
    daysUnableToWork,
    disabilityPercent,
  };
}

/** The details kept with the claim: figures and circumstances, no personal data. */
function detailsToStore(dto: SubmitClaimDto): Record<string, unknown> {
  return JSON.parse(JSON.stringify(dto.details)) as Record<string, unknown>;
}
