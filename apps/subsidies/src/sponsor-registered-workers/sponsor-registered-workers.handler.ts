import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, AnyWorkerRegistered } from '@jaring/contracts';
import { type Clock, todayOf } from '@jaring/domain';
import { CLOCK, rowsOf } from '@jaring/platform';
import { ineligibilityReasons } from '../domain/eligibility';
import { settleNominations } from '../nominations/settle-nominations';
import { eligibilityOf, PROGRAMME_COLUMNS, programmeColumns, type ProgrammeRow } from '../programmes/programme-row';
import { SponsorshipGranting } from '../sponsorships/sponsorship-granting';
import { profileOf, recordRegistrations } from '../workers/worker-read-model';

/**
 * Workers registered: every AUTOMATIC programme open today whose eligibility a worker meets, and every
 * programme that nominated them before they registered, grants its sponsorship, oldest programme first.
 * Each grant starts after the previous one's months, so several programmes fund the worker in turn.
 *
 * A batch at a time (bulk imports register thousands): the workers are recorded in one statement and
 * the open programmes and pending nominations read once; only workers with a candidate programme cost
 * more than that.
 */
@Injectable()
export class SponsorRegisteredWorkersHandler {
  constructor(
    private readonly granting: SponsorshipGranting,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(manager: EntityManager, events: Array<EventEnvelope<AnyWorkerRegistered>>): Promise<void> {
    const workers = await recordRegistrations(
      manager,
      events.map((e) => e.data),
    );
    if (!workers.length) return;
    const automatic = await rowsOf<ProgrammeRow>(
      manager,
      `SELECT ${PROGRAMME_COLUMNS} FROM programmes WHERE selection = 'AUTOMATIC' AND starts_on <= $1 AND ends_on >= $1 ORDER BY created_at, id`,
      [todayOf(this.clock)],
    );
    const pending = await rowsOf<ProgrammeRow & { nominee: string }>(
      manager,
      `SELECT DISTINCT w.worker_id AS nominee, ${programmeColumns('p')}
       FROM unnest($1::uuid[], $2::text[]) AS w (worker_id, membership_number)
       JOIN nominations n ON n.status = 'PENDING' AND (n.worker_id = w.worker_id OR n.membership_number = w.membership_number)
       JOIN programmes p ON p.id = n.programme_id`,
      [workers.map((w) => w.worker_id), workers.map((w) => w.membership_number)],
    );
    const causeOf = new Map(events.map((e) => [e.data.workerId, e]));
    for (const worker of workers) {
      const profile = profileOf(worker);
      // An automatic programme takes whoever fits; a worker who does not fit is not a refusal.
      const candidates = new Map(automatic.filter((p) => !ineligibilityReasons(eligibilityOf(p), profile).length).map((p) => [p.id, p]));
      const nominatedBy = new Set<string>();
      for (const p of pending.filter((row) => row.nominee === worker.worker_id)) {
        candidates.set(p.id, p);
        nominatedBy.add(p.id);
      }
      const ordered = [...candidates.values()].sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.id.localeCompare(b.id));
      for (const programme of ordered) {
        const outcome = await this.granting.grant(manager, worker, programme, causeOf.get(worker.worker_id));
        if (nominatedBy.has(programme.id)) await settleNominations(manager, programme.id, worker, outcome);
      }
    }
  }
}
