import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  EVENTS,
  type CoverageLapsedV1,
  type EventEnvelope,
  type AnyWorkerChanged,
  type WorkerDeregisteredV1,
  type AnyWorkerRegistered,
} from '@jaring/contracts';
import { type Clock, compareIsoDates, dueDateOf, Period, todayOf, validateProgramSelection } from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { CLOCK, rowsOf } from '@jaring/platform';
import { paidThroughUpTo } from '../accounts/paid-through';
import { passWorkerGates } from '../accounts/worker-gates';
import { lapseDateOf, lastCoveredDayOnDeregistration } from '../domain/coverage-rules';
import { InvoiceIssuer } from '../invoices/invoice-issuer';
import { MonthClosings } from '../refunds/month-closings';

/**
 * Worker accounts, kept from enrollment's events. A registration opens the account and bills the
 * current period at once (by the injected clock): the first invoice is due on the period's due date,
 * or today when a worker registers after it, so a new member is never overdue on the day they join.
 */
@Injectable()
export class FollowWorkersHandler {
  constructor(
    private readonly issuer: InvoiceIssuer,
    private readonly outbox: Outbox,
    private readonly closings: MonthClosings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async register(manager: EntityManager, events: Array<EventEnvelope<AnyWorkerRegistered>>): Promise<void> {
    const period = Period.current(this.clock);
    const today = todayOf(this.clock);
    const due = dueDateOf(period);
    const dueDate = compareIsoDates(due, today) < 0 ? today : due;
    // One account per worker even if enrollment announced it twice (different event ids).
    const unique = [...new Map(events.map((e) => [e.data.workerId, e])).values()];
    // After a grant for the same worker in flight, if any: the first invoice must see its sponsorship.
    await passWorkerGates(
      manager,
      unique.map((e) => e.data.workerId),
      false,
    );
    const data = unique.map((e) => e.data);
    const opened = await manager.query<Array<{ worker_id: string }>>(
      `INSERT INTO accounts (worker_id, membership_number, region_code, occupation, status, registered_on, billing_from, lapses_on)
       SELECT worker_id, membership_number, region_code, occupation, 'PENDING_PAYMENT', registered_on, $6, $7
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[]) AS r(worker_id, membership_number, region_code, occupation, registered_on)
       ON CONFLICT (worker_id) DO NOTHING RETURNING worker_id`,
      [
        data.map((d) => d.workerId),
        data.map((d) => d.membershipNumber),
        data.map((d) => d.regionCode),
        data.map((d) => d.occupation),
        data.map((d) => d.registeredOn),
        period.toString(),
        lapseDateOf(period, null),
      ],
    );
    const fresh = new Set(opened.map((r) => r.worker_id));
    const registered = unique.filter((e) => fresh.has(e.data.workerId));
    if (!registered.length) return;
    await manager.query(
      `INSERT INTO account_terms (worker_id, effective_from, declared_monthly_income, programs)
       SELECT worker_id, $2, income, string_to_array(programs, ',') FROM unnest($1::uuid[], $3::bigint[], $4::text[]) AS t(worker_id, income, programs)`,
      [
        registered.map((e) => e.data.workerId),
        period.toString(),
        registered.map((e) => e.data.declaredMonthlyIncome),
        registered.map((e) => validateProgramSelection(e.data.programs).join(',')),
      ],
    );
    await this.issuer.issue(
      manager,
      registered.map((e) => ({ workerId: e.data.workerId, period, dueDate, causedBy: e })),
    );
  }

  /** New income or programmes from `effectiveFrom` (enrollment: the next period); invoices already issued keep their amount. */
  async change(manager: EntityManager, event: EventEnvelope<AnyWorkerChanged>): Promise<void> {
    const { workerId, effectiveFrom, declaredMonthlyIncome, programs } = event.data;
    await manager.query(
      `INSERT INTO account_terms (worker_id, effective_from, declared_monthly_income, programs)
       SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM accounts WHERE worker_id = $1)
       ON CONFLICT (worker_id, effective_from) DO UPDATE SET declared_monthly_income = EXCLUDED.declared_monthly_income, programs = EXCLUDED.programs`,
      [workerId, effectiveFrom, declaredMonthlyIncome, validateProgramSelection(programs)],
    );
  }

  /**
   * Deregistration: nothing more is billed; the open invoices (nobody can pay them any more) and the paid ones
   * of the months after the month of leaving are closed (`MonthClosings`: voided when nothing was paid on them,
   * else each payer's part refunded); coverage ends (announced as a lapse with reason DEREGISTERED).
   */
  async deregister(manager: EntityManager, event: EventEnvelope<WorkerDeregisteredV1>): Promise<void> {
    const { workerId, deregisteredOn } = event.data;
    const lastMonth = Period.fromDate(deregisteredOn);
    const rows = await rowsOf<{ paid_through: string | null }>(
      manager,
      `UPDATE accounts a SET status = 'DEREGISTERED', deregistered_on = $2, lapses_on = NULL, updated_at = now(), paid_through = ${paidThroughUpTo('$3')}
        WHERE a.worker_id = $1 AND a.status <> 'DEREGISTERED' RETURNING a.paid_through`,
      [workerId, deregisteredOn, lastMonth.toString()],
    );
    if (!rows.length) return;
    await this.closings.close(manager, [workerId], { reason: 'DEREGISTERED', lastMonth }, event);
    const lastCoveredDay = lastCoveredDayOnDeregistration(rows[0].paid_through ? Period.parse(rows[0].paid_through) : null, deregisteredOn);
    const data: CoverageLapsedV1 = {
      workerId,
      lapsedOn: deregisteredOn,
      ...(lastCoveredDay ? { lastCoveredDay } : {}),
      reason: 'DEREGISTERED',
    };
    await this.outbox.publish(manager, { definition: EVENTS.CoverageLapsed, subject: workerId, data, causedBy: event });
  }
}
