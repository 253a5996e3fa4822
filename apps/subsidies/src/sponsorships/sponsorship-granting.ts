import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENTS, type EventEnvelope } from '@jaring/contracts';
import { type Clock, DomainError, Period, todayOf } from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { CLOCK, rupiah, rowsOf } from '@jaring/platform';
import { tryReserve } from '../budget/budget-ledger';
import { ineligibilityReasons, isOpenOn, type IneligibilityReason } from '../domain/eligibility';
import { sponsorshipCost, type SponsorshipCost } from '../domain/sponsorship-cost';
import { eligibilityOf, type ProgrammeRow } from '../programmes/programme-row';
import { FunderNotifications } from '../webhooks/funder-notifications';
import { profileOf, type WorkerRow } from '../workers/worker-read-model';

export type RefusalReason =
  'BUDGET_EXHAUSTED' | 'QUOTA_REACHED' | 'NOT_ELIGIBLE' | 'PROGRAMME_NOT_OPEN' | 'WORKER_DEREGISTERED' | 'WORKER_DIED' | 'CANNOT_PRICE';

export type GrantOutcome =
  | { status: 'GRANTED'; programmeId: string; sponsorshipId: string; firstPeriod: string; months: number; reservedAmount: number }
  | { status: 'REFUSED'; programmeId: string; reason: RefusalReason; reasons?: IneligibilityReason[] };

/**
 * Grants a programme's sponsorship to a worker: prices the months, reserves the whole cost from the
 * budget (or refuses when the budget or the quota cannot take it, announcing "budget exhausted" once per
 * programme), records the months and announces the grant, all in the caller's transaction. The caller
 * holds the worker's row lock (see recordRegistrations / lockWorker).
 */
@Injectable()
export class SponsorshipGranting {
  private readonly logger = new Logger('SponsorshipGranting');

  constructor(
    private readonly outbox: Outbox,
    private readonly notifications: FunderNotifications,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async grant(manager: EntityManager, worker: WorkerRow, programme: ProgrammeRow, causedBy?: EventEnvelope): Promise<GrantOutcome> {
    const programmeId = programme.id;
    const [existing] = await rowsOf<{ id: string; first_period: string; months: number; reserved_amount: string }>(
      manager,
      'SELECT id, first_period, months, reserved_amount FROM sponsorships WHERE programme_id = $1 AND worker_id = $2',
      [programmeId, worker.worker_id],
    );
    if (existing) {
      // A replayed registration or a repeated nomination: the grant stands as it was, nothing moves.
      return {
        status: 'GRANTED',
        programmeId,
        sponsorshipId: existing.id,
        firstPeriod: existing.first_period,
        months: existing.months,
        reservedAmount: rupiah(existing.reserved_amount),
      };
    }
    const today = todayOf(this.clock);
    // a deceased worker's membership is closed: no month after it may be reserved, let alone authorised
    if (worker.died_on) return this.refuse(manager, worker, programme, 'WORKER_DIED');
    if (worker.deregistered_on) return this.refuse(manager, worker, programme, 'WORKER_DEREGISTERED');
    if (!isOpenOn({ startsOn: programme.starts_on, endsOn: programme.ends_on }, today))
      return this.refuse(manager, worker, programme, 'PROGRAMME_NOT_OPEN');
    const reasons = ineligibilityReasons(eligibilityOf(programme), profileOf(worker));
    if (reasons.length) return this.refuse(manager, worker, programme, 'NOT_ELIGIBLE', reasons);

    const firstPeriod = await this.firstFreePeriod(manager, worker.worker_id);
    let cost: SponsorshipCost;
    try {
      cost = sponsorshipCost({
        declaredMonthlyIncome: rupiah(worker.declared_monthly_income),
        occupation: worker.occupation,
        workerPrograms: worker.programs,
        programmePrograms: programme.programs,
        funderType: programme.funder_type,
        firstPeriod,
        months: programme.coverage_months,
      });
    } catch (error) {
      if (!DomainError.is(error)) throw error;
      this.logger.warn({ message: 'cannot price a sponsorship', workerId: worker.worker_id, programmeId, code: error.code });
      return this.refuse(manager, worker, programme, 'CANNOT_PRICE');
    }

    const sponsorshipId = randomUUID();
    const reservation = await tryReserve(manager, programmeId, cost.total, sponsorshipId);
    if (!reservation.reserved) {
      await this.announceExhaustedOnce(manager, programme, worker.worker_id, reservation.reason, causedBy);
      return this.refuse(manager, worker, programme, reservation.reason);
    }
    const lastPeriod = cost.months[cost.months.length - 1].period;
    await manager.query(
      `INSERT INTO sponsorships (id, programme_id, funder_id, funder_type, worker_id, months, programs, first_period, last_period, reserved_amount,
         region_code, occupation, granted_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        sponsorshipId,
        programmeId,
        programme.funder_id,
        programme.funder_type,
        worker.worker_id,
        cost.months.length,
        cost.programs,
        firstPeriod,
        lastPeriod,
        cost.total,
        worker.region_code,
        worker.occupation,
        today,
      ],
    );
    await manager.query(
      `INSERT INTO sponsored_months (worker_id, period, sponsorship_id, programme_id, funder_type, last_period, reserved_amount)
       SELECT $1, period, $2, $5, $6, $7, amount FROM unnest($3::text[], $4::bigint[]) AS m (period, amount)`,
      [
        worker.worker_id,
        sponsorshipId,
        cost.months.map((m) => m.period),
        cost.months.map((m) => m.amount),
        programmeId,
        programme.funder_type,
        lastPeriod,
      ],
    );
    const data = {
      sponsorshipId,
      programmeId,
      funderId: programme.funder_id,
      funderType: programme.funder_type,
      workerId: worker.worker_id,
      months: cost.months.length,
      programs: cost.programs,
      reservedAmount: cost.total,
      firstPeriod,
    };
    await this.outbox.publish(manager, { definition: EVENTS.SponsorshipGranted, subject: worker.worker_id, data, causedBy });
    await this.notifications.notify(manager, programme.funder_id, EVENTS.SponsorshipGranted.type, { ...data, lastPeriod });
    return { status: 'GRANTED', programmeId, sponsorshipId, firstPeriod, months: cost.months.length, reservedAmount: cost.total };
  }

  /**
   * The month after the last one any programme sponsors for this worker, and never before the current
   * period: programmes funding one worker take turns, none pays a month another already pays.
   */
  private async firstFreePeriod(manager: EntityManager, workerId: string): Promise<string> {
    const [{ last }] = await rowsOf<{ last: string | null }>(
      manager,
      'SELECT max(period) AS last FROM sponsored_months WHERE worker_id = $1',
      [workerId],
    );
    const current = Period.current(this.clock);
    const afterLast = last ? Period.parse(last).next() : current;
    return (afterLast.isAfter(current) ? afterLast : current).toString();
  }

  private async refuse(
    manager: EntityManager,
    worker: WorkerRow,
    programme: ProgrammeRow,
    reason: RefusalReason,
    reasons?: IneligibilityReason[],
  ): Promise<GrantOutcome> {
    await manager.query(
      `INSERT INTO refused_grants (programme_id, worker_id, reason, refused_on) VALUES ($1, $2, $3, $4)
       ON CONFLICT (programme_id, worker_id) DO UPDATE SET reason = EXCLUDED.reason, refused_on = EXCLUDED.refused_on`,
      [programme.id, worker.worker_id, reason, todayOf(this.clock)],
    );
    return { status: 'REFUSED', programmeId: programme.id, reason, ...(reasons ? { reasons } : {}) };
  }

  /** The first refusal for want of money or places marks the programme exhausted and is announced; later ones are not. */
  private async announceExhaustedOnce(
    manager: EntityManager,
    programme: ProgrammeRow,
    workerId: string,
    reason: 'BUDGET_EXHAUSTED' | 'QUOTA_REACHED',
    causedBy?: EventEnvelope,
  ): Promise<void> {
    const today = todayOf(this.clock);
    const [row] = await rowsOf<{ budget: string; available: string }>(
      manager,
      'UPDATE programmes SET exhausted_on = $2 WHERE id = $1 AND exhausted_on IS NULL RETURNING budget, available',
      [programme.id, today],
    );
    if (!row) return;
    const data = {
      programmeId: programme.id,
      funderId: programme.funder_id,
      budget: rupiah(row.budget),
      remaining: rupiah(row.available),
      exhaustedOn: today,
      reason,
    };
    // The refused worker is the subject: the event sits in that worker's order, like every message.
    await this.outbox.publish(manager, { definition: EVENTS.BudgetExhausted, subject: workerId, data, causedBy });
    await this.notifications.notify(manager, programme.funder_id, EVENTS.BudgetExhausted.type, data);
  }
}
