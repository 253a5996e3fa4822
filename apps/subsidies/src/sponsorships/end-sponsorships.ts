import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENTS, type EventEnvelope } from '@jaring/contracts';
import { Outbox } from '@jaring/messaging';
import { rupiah, rupiahOrZero, rowsOf } from '@jaring/platform';
import { BudgetChanges } from '../budget/budget-changes';
import { derivedId } from '../domain/derived-id';
import { FunderNotifications } from '../webhooks/funder-notifications';

export type EndReason = 'MONTHS_USED' | 'WORKER_DEREGISTERED' | 'WORKER_DIED' | 'PROGRAMME_ENDED';

/**
 * Ends sponsorships: what is still reserved for months that will not be paid returns to the budget
 * (RESERVED → AVAILABLE), the sponsorship is closed, and its end is announced, to contributions (the
 * worker is billed as SELF from the period after `lastPeriod`: "the worker continues alone") and to the
 * funder by webhook. Set-based, for the authorisation batches that end thousands at once.
 */
@Injectable()
export class EndSponsorships {
  constructor(
    private readonly outbox: Outbox,
    private readonly notifications: FunderNotifications,
  ) {}

  /** Ends every active sponsorship of one worker (who left, or died), each announced as caused by `cause`. */
  async endForWorker(
    manager: EntityManager,
    workerId: string,
    reason: EndReason,
    endedOn: string,
    cause: EventEnvelope,
    releaseAfter?: string,
  ): Promise<void> {
    const active = await rowsOf<{ id: string }>(
      manager,
      "SELECT id FROM sponsorships WHERE worker_id = $1 AND status = 'ACTIVE' ORDER BY id",
      [workerId],
    );
    const ids = active.map((s) => s.id);
    await this.end(manager, ids, reason, endedOn, new Map(ids.map((id) => [id, cause])), undefined, releaseAfter);
  }

  /**
   * The budget movements go into `changes`, which the caller applies with the rest of its transaction's;
   * without one they are applied here. `releaseAfter` (a worker's death: the month of death) keeps the open
   * months up to that period reserved, to be paid when their invoices come (the member was covered then),
   * and releases only the later ones; without it every month not yet paid is released.
   */
  async end(
    manager: EntityManager,
    sponsorshipIds: string[],
    reason: EndReason,
    endedOn: string,
    causes: Map<string, EventEnvelope> = new Map(),
    changes?: BudgetChanges,
    releaseAfter?: string,
  ): Promise<void> {
    if (!sponsorshipIds.length) return;
    const budget = changes ?? new BudgetChanges();
    // `= ANY` on the months' (sponsorship_id, period) index: a few index probes, whatever the table's size.
    const leftovers = await rowsOf<{ sponsorship_id: string; amount: string }>(
      manager,
      `WITH freed AS (
         UPDATE sponsored_months SET released = true
         WHERE sponsorship_id = ANY ($1::uuid[]) AND authorisation_id IS NULL AND NOT released AND ($2::text IS NULL OR period > $2)
         RETURNING sponsorship_id, reserved_amount)
       SELECT sponsorship_id, sum(reserved_amount)::bigint AS amount FROM freed GROUP BY sponsorship_id`,
      [sponsorshipIds, releaseAfter ?? null],
    );
    const freed = new Map(leftovers.map((l) => [l.sponsorship_id, rupiah(l.amount)]));
    // The closing figures come from the months themselves: paid, spent, and returned to the budget
    // (each paid month's surplus over its reservation, and every month released; a month kept open by
    // `releaseAfter` is neither).
    const ended = await rowsOf<{
      id: string;
      programme_id: string;
      funder_id: string;
      worker_id: string;
      months_paid: number;
      released_amount: string | null;
      last_period: string;
    }>(
      manager,
      `UPDATE sponsorships s SET status = 'ENDED', end_reason = $2, ended_on = $3,
         months_paid = f.months_paid, spent_amount = f.spent, released_amount = f.released
       FROM (SELECT sponsorship_id, count(authorisation_id)::int AS months_paid, coalesce(sum(authorised_amount), 0) AS spent,
                    sum(CASE WHEN authorisation_id IS NOT NULL THEN greatest(reserved_amount - authorised_amount, 0)
                             WHEN released THEN reserved_amount ELSE 0 END) AS released
             FROM sponsored_months WHERE sponsorship_id = ANY ($1::uuid[]) GROUP BY sponsorship_id) f
       WHERE s.id = f.sponsorship_id AND s.id = ANY ($1::uuid[]) AND s.status = 'ACTIVE'
       RETURNING s.id, s.programme_id, s.funder_id, s.worker_id, s.months_paid, s.released_amount, s.last_period`,
      [sponsorshipIds, reason, endedOn],
    );
    for (const s of ended) {
      const amount = freed.get(s.id) ?? 0;
      budget.move({
        id: derivedId('end-release', s.id),
        programmeId: s.programme_id,
        from: 'RESERVED',
        to: 'AVAILABLE',
        amount,
        kind: 'RELEASE',
        sponsorshipId: s.id,
      });
    }
    const announcements = ended.map((s) => ({
      funderId: s.funder_id,
      workerId: s.worker_id,
      data: {
        sponsorshipId: s.id,
        programmeId: s.programme_id,
        workerId: s.worker_id,
        reason,
        monthsPaid: s.months_paid,
        releasedAmount: rupiahOrZero(s.released_amount),
        lastPeriod: s.last_period,
      },
    }));
    await this.outbox.publishAll(
      manager,
      announcements.map((a) => ({
        definition: EVENTS.SponsorshipEnded,
        subject: a.workerId,
        data: a.data,
        causedBy: causes.get(a.data.sponsorshipId),
      })),
    );
    await this.notifications.notifyAll(
      manager,
      announcements.map((a) => ({ funderId: a.funderId, type: EVENTS.SponsorshipEnded.type, data: a.data })),
    );
    if (!changes) await budget.apply(manager);
  }
}
