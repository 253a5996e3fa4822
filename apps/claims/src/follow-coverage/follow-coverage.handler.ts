import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CoverageChangedV1, CoverageLapsedV1, EventEnvelope } from '@jaring/contracts';
import { PendingClaims } from '../claim-decisions/pending-claims';

/**
 * The claims service's read model of contributions' coverage: which periods were paid for which
 * programme (a claim is covered when its incident date falls in one), and the lapses (to tell a family
 * why an incident was not covered). Coverage only grows by periods; a lapse ends it from its date. A claim
 * waiting for its incident month's coverage is decided again in the same transaction.
 */
@Injectable()
export class FollowCoverageHandler {
  constructor(private readonly pending: PendingClaims) {}

  /** Activated or extended: the periods covered, each with its programmes (a row a month). */
  async covered(manager: EntityManager, events: readonly EventEnvelope<CoverageChangedV1>[]): Promise<void> {
    const workerIds = events.map((e) => e.data.workerId);
    await this.pending.lockFacts(manager, workerIds);
    const rows = events.flatMap((e) =>
      e.data.periods.flatMap((period) => e.data.programs.map((program) => [e.data.workerId, period, program] as const)),
    );
    if (!rows.length) return;
    // A month already known is written again only when a programme is new to it.
    await manager.query(
      `INSERT INTO coverage_periods (worker_id, period, programs)
       SELECT worker_id, period, array_agg(DISTINCT program ORDER BY program)
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS r(worker_id, period, program) GROUP BY worker_id, period
       ON CONFLICT (worker_id, period) DO UPDATE
          SET programs = ARRAY(SELECT DISTINCT p FROM unnest(coverage_periods.programs || EXCLUDED.programs) AS p ORDER BY p)
        WHERE NOT coverage_periods.programs @> EXCLUDED.programs`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
    );
    await this.pending.factsArrived(manager, workerIds);
  }

  async lapsed(manager: EntityManager, events: readonly EventEnvelope<CoverageLapsedV1>[]): Promise<void> {
    const workerIds = events.map((e) => e.data.workerId);
    await this.pending.lockFacts(manager, workerIds);
    await manager.query(
      `INSERT INTO coverage_lapses (event_id, worker_id, lapsed_on, last_covered_day, reason)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::date[], $5::text[]) ON CONFLICT DO NOTHING`,
      [
        events.map((e) => e.id),
        events.map((e) => e.data.workerId),
        events.map((e) => e.data.lapsedOn),
        events.map((e) => e.data.lastCoveredDay ?? null),
        events.map((e) => e.data.reason),
      ],
    );
    await this.pending.factsArrived(manager, workerIds);
  }
}
