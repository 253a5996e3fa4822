import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AnyWorkerChanged, AnyWorkerRegistered, EventEnvelope, HeirRef, HeirRefV2, WorkerDeregisteredV1 } from '@jaring/contracts';
import { Period } from '@jaring/domain';
import { EventSealer } from '@jaring/platform';
import { PendingClaims } from '../claim-decisions/pending-claims';

/**
 * The claims service's read model of enrollment's workers: who exists, since when, in which regency (an
 * agent sees only its own regions' workers), their NIK's keyed hash, their heirs (keyed hashes only) and
 * their declared income and programmes from each period on.
 * Batched, one statement per batch (a bulk import registers thousands of workers at once), in the
 * consumer's transaction. A claim waiting for these facts (a worker or heirs claims had not heard of) is
 * decided again in the same transaction.
 */
@Injectable()
export class FollowWorkersHandler {
  constructor(
    private readonly sealer: EventSealer,
    private readonly pending: PendingClaims,
  ) {}

  async registered(manager: EntityManager, events: readonly EventEnvelope<AnyWorkerRegistered>[]): Promise<void> {
    const rows = events.map((e) => e.data);
    const workerIds = rows.map((r) => r.workerId);
    await this.pending.lockFacts(manager, workerIds);
    await manager.query(
      `INSERT INTO workers (worker_id, region_code, membership_number, nik_hash, birth_date, registered_on, occupation, heirs)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::text[], $8::jsonb[])
       ON CONFLICT (worker_id) DO NOTHING`,
      [
        rows.map((r) => r.workerId),
        rows.map((r) => r.regionCode),
        rows.map((r) => r.membershipNumber),
        rows.map((r) => r.nikHash),
        rows.map((r) => ('sealedBirthDate' in r ? this.sealer.openBirthDate(r.workerId, r.sealedBirthDate) : r.birthDate)),
        rows.map((r) => r.registeredOn),
        rows.map((r) => r.occupation),
        rows.map((r) => JSON.stringify(this.heirsOf(r.heirs ?? []))),
      ],
    );
    await insertTerms(
      manager,
      rows.map((r) => ({
        workerId: r.workerId,
        effectiveFrom: Period.fromDate(r.registeredOn).toString(),
        income: r.declaredMonthlyIncome,
        programs: r.programs,
      })),
    );
    await this.pending.factsArrived(manager, workerIds);
  }

  async changed(manager: EntityManager, events: readonly EventEnvelope<AnyWorkerChanged>[]): Promise<void> {
    const rows = events.map((e) => e.data);
    const withHeirs = rows.filter((r) => r.heirs).map((r) => r.workerId);
    await this.pending.lockFacts(manager, withHeirs);
    await insertTerms(
      manager,
      rows.map((r) => ({ workerId: r.workerId, effectiveFrom: r.effectiveFrom, income: r.declaredMonthlyIncome, programs: r.programs })),
    );
    // The latest heirs per worker (a batch may change one worker twice; one UPDATE may touch a row once).
    const heirs = new Map(rows.filter((r) => r.heirs).map((r) => [r.workerId, JSON.stringify(this.heirsOf(r.heirs!))]));
    if (!heirs.size) return;
    await manager.query(
      `UPDATE workers w SET heirs = h.heirs FROM unnest($1::uuid[], $2::jsonb[]) AS h(worker_id, heirs) WHERE w.worker_id = h.worker_id`,
      [[...heirs.keys()], [...heirs.values()]],
    );
    await this.pending.factsArrived(manager, withHeirs);
  }

  /** Heirs as the read model keeps them: a version 2 event's sealed birth dates opened, a version 1's taken as they are. */
  private heirsOf(
    heirs: ReadonlyArray<HeirRef | HeirRefV2>,
  ): Array<{ heirId: string; relationship: string; nikHash: string; birthDate: string }> {
    return heirs.map((heir) => ({
      heirId: heir.heirId,
      relationship: heir.relationship,
      nikHash: heir.nikHash,
      birthDate: 'sealedBirthDate' in heir ? this.sealer.openBirthDate(heir.heirId, heir.sealedBirthDate) : heir.birthDate,
    }));
  }

  async deregistered(manager: EntityManager, events: readonly EventEnvelope<WorkerDeregisteredV1>[]): Promise<void> {
    const latest = new Map(events.map((e) => [e.data.workerId, e.data.deregisteredOn]));
    await manager.query(
      `UPDATE workers w SET deregistered_on = d.day FROM unnest($1::uuid[], $2::date[]) AS d(worker_id, day) WHERE w.worker_id = d.worker_id`,
      [[...latest.keys()], [...latest.values()]],
    );
  }
}

async function insertTerms(
  manager: EntityManager,
  terms: Array<{ workerId: string; effectiveFrom: string; income: number; programs: string[] }>,
): Promise<void> {
  // The last word per (worker, period) wins, as it would applied one by one.
  const latest = new Map(terms.map((t) => [`${t.workerId}|${t.effectiveFrom}`, t]));
  const rows = [...latest.values()];
  await manager.query(
    `INSERT INTO worker_terms (worker_id, effective_from, declared_monthly_income, programs)
     SELECT t.worker_id, t.effective_from, t.income, string_to_array(t.programs, ',')
     FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[]) AS t(worker_id, effective_from, income, programs)
     ON CONFLICT (worker_id, effective_from) DO UPDATE SET declared_monthly_income = EXCLUDED.declared_monthly_income, programs = EXCLUDED.programs`,
    [rows.map((t) => t.workerId), rows.map((t) => t.effectiveFrom), rows.map((t) => t.income), rows.map((t) => t.programs.join(','))],
  );
}
