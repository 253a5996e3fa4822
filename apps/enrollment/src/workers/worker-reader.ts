import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository } from 'typeorm';
import { type Clock, heirTier, type HeirRelationship, Nik, Period, type ProgramCode, UseCaseError } from '@jaring/domain';
import { CLOCK, rupiah } from '@jaring/platform';
import type { RegionScope } from '../domain/region-access';
import { termsIn, type TermsState } from '../domain/terms';
import {
  type HeirPersonalData,
  PersonalDataProtector,
  sealContext,
  type WorkerPersonalData,
} from '../personal-data/personal-data-protector';
import { HeirEntity, WorkerEntity } from './worker.entity';
import type { HeirView, WorkerSummaryView, WorkerView } from './worker.view';

/** Reads workers for the API: personal data opened, the NIK masked, the terms of the current period. */
@Injectable()
export class WorkerReader {
  constructor(
    @InjectRepository(WorkerEntity) private readonly workers: Repository<WorkerEntity>,
    @InjectRepository(HeirEntity) private readonly heirs: Repository<HeirEntity>,
    private readonly protector: PersonalDataProtector,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * One worker with its heirs, within the caller's regions (another region's worker answers 404, unread). Given a
   * transaction's `manager`, as that transaction sees it (an answer stored with an Idempotency-Key, before commit).
   */
  async get(id: string, scope: RegionScope, manager?: EntityManager): Promise<WorkerView> {
    const workers = manager ? manager.getRepository(WorkerEntity) : this.workers;
    const heirRows = manager ? manager.getRepository(HeirEntity) : this.heirs;
    const worker = await workers.findOneBy({ id, ...(scope ? { regionCode: In(scope) } : {}) });
    if (!worker) throw workerNotFound();
    const heirs = await heirRows.find({ where: { workerId: id }, order: { position: 'ASC' } });
    return { ...this.summary(worker), heirs: heirs.map((heir) => this.heirView(heir)) };
  }

  summary(worker: WorkerEntity): WorkerSummaryView {
    const state = termsStateOf(worker);
    const period = Period.current(this.clock);
    const terms = termsIn(state, period);
    const scheduled = state.next && period.isBefore(state.next.from) ? state.next : undefined;
    const personal = this.personalData(worker);
    return {
      id: worker.id,
      membershipNumber: worker.membershipNumber,
      status: worker.status,
      coverageEnd: worker.coverageEnd,
      nik: Nik.parse(personal.nik).mask(),
      gender: worker.gender,
      fullName: personal.fullName,
      birthDate: worker.birthDate,
      phone: personal.phone,
      regionCode: worker.regionCode,
      occupation: worker.occupation,
      declaredMonthlyIncome: terms.declaredMonthlyIncome,
      programs: terms.programs,
      scheduledChange: scheduled
        ? {
            declaredMonthlyIncome: scheduled.terms.declaredMonthlyIncome,
            programs: scheduled.terms.programs,
            effectiveFrom: scheduled.from.toString(),
          }
        : null,
      registeredOn: worker.registeredOn,
      deregisteredOn: worker.deregisteredOn,
      diedOn: worker.diedOn,
      death:
        worker.diedOn && worker.deathRecordedOn && worker.deathSource
          ? { diedOn: worker.diedOn, recordedOn: worker.deathRecordedOn, source: worker.deathSource, claimId: worker.deathClaimId }
          : null,
    };
  }

  /** The worker's NIK, name and phone number, opened. */
  personalData(worker: WorkerEntity): WorkerPersonalData {
    return this.protector.openJson<WorkerPersonalData>(worker.personalSealed, sealContext.worker(worker.id));
  }

  private heirView(heir: HeirEntity): HeirView {
    const personal = this.protector.openJson<HeirPersonalData>(heir.personalSealed, sealContext.heir(heir.id));
    return {
      id: heir.id,
      fullName: personal.fullName,
      nik: Nik.parse(personal.nik).mask(),
      relationship: heir.relationship,
      tier: heirTier(heir.relationship as HeirRelationship),
      birthDate: heir.birthDate,
    };
  }
}

/** The stored terms (bigint columns arrive as strings; incomes are far below 2^53, `rupiah` checks it). */
export function termsStateOf(worker: WorkerEntity): TermsState {
  const current = { declaredMonthlyIncome: rupiah(worker.declaredMonthlyIncome), programs: worker.programs as ProgramCode[] };
  if (!worker.nextTermsFrom || worker.nextDeclaredMonthlyIncome === null || !worker.nextPrograms) return { current };
  return {
    current,
    next: {
      terms: { declaredMonthlyIncome: rupiah(worker.nextDeclaredMonthlyIncome), programs: worker.nextPrograms as ProgramCode[] },
      from: Period.parse(worker.nextTermsFrom),
    },
  };
}

export function workerNotFound(): UseCaseError {
  return UseCaseError.notFound('no worker with this id');
}
