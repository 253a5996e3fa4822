import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EVENTS } from '@jaring/contracts';
import {
  assessScholarship,
  checkHeir,
  DomainError,
  payoutDueDate,
  todayOf,
  UseCaseError,
  type Clock,
  type SchoolLevel,
} from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { CLOCK, Idempotency, regionsVisibleTo, type Caller, type IdempotentOutcome, type IdempotentRequest } from '@jaring/platform';
import { AuditTrail } from '../claims/audit-trail';
import type { ClaimRecord } from '../claims/claim-record';
import { ClaimRepository } from '../claims/claim.repository';
import { claimView, type ClaimView } from '../claims/claim-view';
import { claimantColumns, NOTHING_DECIDED_YET } from '../claims/new-claim';
import { missingDocuments, requiredDocuments } from '../domain/required-documents';
import { workerVisible } from '../domain/worker-visibility';
import { ClaimantDataProtector } from '../personal-data/claimant-data-protector';
import { ClaimFactsReader } from '../submit-claim/claim-facts.reader';
import type { ClaimScholarshipDto } from './claim-scholarship.dto';

/** The claims a school year's scholarship is claimed on: the ones whose benefit gives the right. */
const GIVES_SCHOLARSHIPS = new Set(['DEATH', 'PERMANENT_TOTAL_DISABILITY']);

/**
 * `POST /v1/claims/{id}/scholarships` (docs/api.md): one school year's scholarship for one child, on an
 * approved or paid death (or JKK total disability) claim whose benefit holds the right. The rules
 * (assessScholarship) refuse with a 422 naming the field; what they accept is recorded as a claim of kind
 * SCHOLARSHIP, eligible, for the school year's amount, then verified, approved and paid as any claim. The
 * death claim's row is locked, so that two scholarships claimed at once are counted one after the other; a
 * child's school year is unique in the database too.
 */
@Injectable()
export class ClaimScholarshipHandler {
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

  claim(deathClaimId: string, dto: ClaimScholarshipDto, caller: Caller): Promise<ClaimView> {
    return this.dataSource.transaction((manager) => this.record(manager, deathClaimId, dto, caller));
  }

  claimIdempotently(
    request: IdempotentRequest,
    deathClaimId: string,
    dto: ClaimScholarshipDto,
    caller: Caller,
  ): Promise<IdempotentOutcome<ClaimView>> {
    return this.idempotency.run(request, (manager) => this.record(manager, deathClaimId, dto, caller));
  }

  private async record(manager: EntityManager, deathClaimId: string, dto: ClaimScholarshipDto, caller: Caller): Promise<ClaimView> {
    const death = await this.claims.find(manager, deathClaimId, true);
    const worker = death && (await this.reader.worker(manager, death.workerId));
    if (!death || !workerVisible(regionsVisibleTo(caller), worker?.regionCode)) throw UseCaseError.notFound(`no claim ${deathClaimId}`);
    if (!GIVES_SCHOLARSHIPS.has(death.kind) || !(death.status === 'APPROVED' || death.status === 'PAID')) {
      throw UseCaseError.conflict('a scholarship is claimed on an approved or paid death (or total disability) claim', {
        type: 'scholarship-needs-approved-claim',
        extensions: { claimStatus: death.status, claimKind: death.kind },
      });
    }
    const today = todayOf(this.clock);
    const heirs = worker?.heirs ?? [];
    const childHash = this.protector.nikHash(dto.child.nik);
    const child = heirs.find((heir) => heir.nikHash === childHash && heir.relationship === 'CHILD');
    const level = dto.level as SchoolLevel;
    const claimed = await this.claims.scholarshipsOf(manager, death.workerId);
    const counted = this.assess(() =>
      assessScholarship({
        entitled: death.benefit.scholarship?.eligible === true,
        incidentDate: death.incidentDate,
        today,
        child: child && { id: child.heirId, relationship: child.relationship, birthDate: child.birthDate },
        level,
        schoolYear: dto.schoolYear,
        claimed,
      }),
    );
    const claimantHash = this.protector.nikHash(dto.claimant.nik);
    const payee = checkHeir(heirs, { nikHash: claimantHash, relationship: dto.claimant.relationship });
    if (!payee.ok) {
      throw refused({ code: payee.code, field: 'claimant.nik', message: payee.message }, 'claimant-not-heir');
    }

    const id = randomUUID();
    const received = [...new Set(dto.documents ?? [])];
    const missing = missingDocuments(requiredDocuments(death.type, 'SCHOLARSHIP', { relationship: dto.claimant.relationship }), received);
    const documentsCompleteOn = missing.length === 0 ? today : null;
    const benefit = { total: counted.amount, components: [counted.component] };
    const claim: ClaimRecord = {
      id,
      workerId: death.workerId,
      type: death.type,
      kind: 'SCHOLARSHIP',
      incidentDate: death.incidentDate,
      submittedOn: today,
      claimantRelationship: dto.claimant.relationship,
      claimantNikHash: claimantHash,
      ...claimantColumns(this.protector, id, dto.claimant),
      details: { kind: 'SCHOLARSHIP', deathClaimId: death.id, childId: child!.heirId, level, schoolYear: dto.schoolYear },
      eligible: true,
      reasons: [],
      awaitingFacts: [],
      benefit,
      benefitTotal: benefit.total,
      status: 'SUBMITTED',
      onceKey: null,
      documents: received,
      documentsCompleteOn,
      dueOn: documentsCompleteOn ? payoutDueDate(death.type, documentsCompleteOn) : null,
      ...NOTHING_DECIDED_YET,
    };
    await this.insert(manager, claim);
    await this.audit.append(manager, {
      claimId: id,
      at: this.clock.now(),
      actor: caller,
      action: 'SUBMITTED',
      toStatus: 'SUBMITTED',
      details: { deathClaimId: death.id, level, schoolYear: dto.schoolYear, benefitTotal: benefit.total, missingDocuments: missing },
    });
    await this.outbox.publish(manager, {
      definition: EVENTS.ClaimSubmitted,
      subject: death.workerId,
      data: {
        claimId: id,
        workerId: death.workerId,
        type: death.type,
        kind: 'SCHOLARSHIP',
        incidentDate: death.incidentDate,
        claimantRelationship: dto.claimant.relationship,
        eligible: true,
        reasonCodes: [],
        benefitTotal: benefit.total,
      },
    });
    return claimView(claim, await this.audit.list(manager, id), caller);
  }

  /** The rules' answer, or their refusal as a 422 naming the field. */
  private assess(run: () => ReturnType<typeof assessScholarship>): Extract<ReturnType<typeof assessScholarship>, { ok: true }> {
    let result: ReturnType<typeof assessScholarship>;
    try {
      result = run();
    } catch (error) {
      if (!DomainError.is(error)) throw error;
      throw UseCaseError.invalid(error.message, { errors: [{ field: 'schoolYear', reason: error.message }] });
    }
    if (!result.ok) throw refused(result.refusal);
    return result;
  }

  private async insert(manager: EntityManager, claim: ClaimRecord): Promise<void> {
    try {
      await this.claims.insert(manager, claim, this.clock.now());
    } catch (error) {
      // the same school year claimed at the same moment: the unique index decides
      if ((error as { constraint?: string }).constraint === 'claims_one_scholarship_year') {
        throw refused({
          code: 'SCHOOL_YEAR_ALREADY_CLAIMED',
          field: 'schoolYear',
          message: 'This school year is already claimed for this child',
        });
      }
      throw error;
    }
  }
}

/** `SCHOOL_YEAR_ALREADY_CLAIMED` → 422 `school-year-already-claimed`, with `errors` naming the field. */
function refused(
  refusal: { code: string; field: string; message: string },
  type = refusal.code.toLowerCase().replace(/_/g, '-'),
): UseCaseError {
  return UseCaseError.unprocessable(refusal.message, {
    type,
    errors: [{ field: refusal.field, reason: refusal.message }],
    extensions: { code: refusal.code },
  });
}
