import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CoverageChangedV1, CoverageLapsedV1, EventEnvelope } from '@jaring/contracts';
import { lastPerWorker } from '../domain/coverage-days';

/**
 * How each kind of coverage event moves the coverage end (`w` the worker, `u.day` the event's date):
 * an activation sets it; an extension never shortens it (an older extension redelivered late cannot
 * either); a lapse keeps it unless the event says which day was the last covered.
 */
const COVERAGE_END = {
  activated: 'u.day',
  extended: 'GREATEST(w.coverage_end, u.day)',
  lapsed: 'COALESCE(u.day, w.coverage_end)',
} as const;

/**
 * The membership status as workers see it follows the coverage the contributions service announces:
 * activated or extended → ACTIVE with the coverage end; lapsed → LAPSED. A deregistered worker stays
 * DEREGISTERED, a deceased one DECEASED (their paid months still move the coverage end). Events of workers this service does not
 * know (another environment's, a test's) change nothing.
 *
 * One UPDATE per batch of events: a worker's events arrive in order (key = worker id), so within a batch
 * the last one of each worker is what counts (for extensions, the furthest).
 */
@Injectable()
export class FollowCoverageHandler {
  async activated(manager: EntityManager, events: EventEnvelope<CoverageChangedV1>[]): Promise<void> {
    await this.apply(
      manager,
      'activated',
      'ACTIVE',
      lastPerWorker(events, (data) => data.coveredUntil),
    );
  }

  async extended(manager: EntityManager, events: EventEnvelope<CoverageChangedV1>[]): Promise<void> {
    await this.apply(
      manager,
      'extended',
      'ACTIVE',
      lastPerWorker(
        events,
        (data) => data.coveredUntil,
        (a, b) => (a > b ? a : b),
      ),
    );
  }

  async lapsed(manager: EntityManager, events: EventEnvelope<CoverageLapsedV1>[]): Promise<void> {
    await this.apply(
      manager,
      'lapsed',
      'LAPSED',
      lastPerWorker(events, (data) => data.lastCoveredDay ?? null),
    );
  }

  private async apply(
    manager: EntityManager,
    kind: keyof typeof COVERAGE_END,
    status: 'ACTIVE' | 'LAPSED',
    days: Map<string, string | null>,
  ): Promise<void> {
    await manager.query(
      `UPDATE workers w
          SET status = CASE WHEN w.status IN ('DEREGISTERED', 'DECEASED') THEN w.status ELSE $3 END,
              coverage_end = ${COVERAGE_END[kind]}, updated_at = now()
         FROM unnest($1::uuid[], $2::date[]) AS u(worker_id, day)
        WHERE w.id = u.worker_id`,
      [[...days.keys()], [...days.values()], status],
    );
  }
}
