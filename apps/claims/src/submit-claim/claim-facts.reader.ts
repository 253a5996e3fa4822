import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { HeirRelationship, IsoDate } from '@jaring/domain';
import { rupiah } from '@jaring/platform';
import type { WorkerTerms } from '../domain/worker-terms';

export interface WorkerRecord {
  workerId: string;
  /** The regency the worker registered in; null when registered before claims recorded regions. */
  regionCode: string | null;
  nikHash: string;
  birthDate: IsoDate;
  registeredOn: IsoDate;
  occupation: string;
  heirs: Array<{ heirId: string; relationship: HeirRelationship; nikHash: string; birthDate: IsoDate }>;
  deregisteredOn: IsoDate | null;
}

interface WorkerRow {
  worker_id: string;
  region_code: string | null;
  nik_hash: string;
  birth_date: string;
  registered_on: string;
  occupation: string;
  heirs: WorkerRecord['heirs'];
  deregistered_on: string | null;
}

/** Reads the read models (workers, terms, coverage) a claim is decided on, inside the caller's transaction. */
@Injectable()
export class ClaimFactsReader {
  async worker(manager: EntityManager, workerId: string): Promise<WorkerRecord | undefined> {
    const [row] = await manager.query<WorkerRow[]>(
      `SELECT worker_id, region_code, nik_hash, birth_date::text, registered_on::text, occupation, heirs, deregistered_on::text FROM workers WHERE worker_id = $1`,
      [workerId],
    );
    if (!row) return undefined;
    return {
      workerId: row.worker_id,
      regionCode: row.region_code,
      nikHash: row.nik_hash,
      birthDate: row.birth_date,
      registeredOn: row.registered_on,
      occupation: row.occupation,
      heirs: row.heirs,
      deregisteredOn: row.deregistered_on,
    };
  }

  /** Every change of income and programmes, oldest first. */
  async terms(manager: EntityManager, workerId: string): Promise<WorkerTerms[]> {
    const rows = await manager.query<Array<{ effective_from: string; income: string; programs: string[] }>>(
      `SELECT effective_from, declared_monthly_income::text AS income, programs FROM worker_terms WHERE worker_id = $1 ORDER BY effective_from`,
      [workerId],
    );
    return rows.map((r) => ({ effectiveFrom: r.effective_from, declaredMonthlyIncome: rupiah(r.income), programs: r.programs }));
  }

  /** The covered periods of a programme up to and including `upTo` (YYYY-MM), oldest first. */
  async coveredPeriods(manager: EntityManager, workerId: string, program: string, upTo: string): Promise<string[]> {
    const rows = await manager.query<Array<{ period: string }>>(
      `SELECT period FROM coverage_periods WHERE worker_id = $1 AND $2 = ANY (programs) AND period <= $3 ORDER BY period`,
      [workerId, program, upTo],
    );
    return rows.map((r) => r.period);
  }

  /** The latest lapse on or before a day, if any. */
  async lapseOnOrBefore(
    manager: EntityManager,
    workerId: string,
    day: IsoDate,
  ): Promise<{ lapsedOn: IsoDate; reason: string } | undefined> {
    const [row] = await manager.query<Array<{ lapsed_on: string; reason: string }>>(
      `SELECT lapsed_on::text, reason FROM coverage_lapses WHERE worker_id = $1 AND lapsed_on <= $2 ORDER BY lapsed_on DESC LIMIT 1`,
      [workerId, day],
    );
    return row ? { lapsedOn: row.lapsed_on, reason: row.reason } : undefined;
  }
}
