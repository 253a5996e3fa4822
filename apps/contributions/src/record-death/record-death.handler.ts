import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, WorkerDiedV1 } from '@jaring/contracts';
import { paidThroughUpTo } from '../accounts/paid-through';
import { lastMonthOfLife } from '../domain/death-rules';
import { MonthClosings } from '../refunds/month-closings';

/**
 * A worker died (docs/rules.md, refund): the account becomes DECEASED with the date of death, and nothing is
 * billed after the month of death (billing and arrears runs take open accounts only; the invoice issuer bills
 * no later period; payments are refused). Invoices of later periods: voided (`WORKER_DIED`) when nothing was
 * paid on them, else `REFUNDED`, each payer's part given back to its payer (`MonthClosings`).
 *
 * Idempotent: the inbox drops a redelivered event, and a second record of the death (another event id, a
 * back-office record after the claim's) finds the account DECEASED and changes nothing: the first date stands.
 */
@Injectable()
export class RecordDeathHandler {
  private readonly logger = new Logger('Deaths');

  constructor(private readonly closings: MonthClosings) {}

  async record(manager: EntityManager, event: EventEnvelope<WorkerDiedV1>): Promise<void> {
    const { workerId, diedOn } = event.data;
    // The account first, then its invoices: the lock order of payments, grants and billing.
    const [account] = await manager.query<Array<{ status: string }>>('SELECT status FROM accounts WHERE worker_id = $1 FOR UPDATE', [
      workerId,
    ]);
    if (!account) {
      this.logger.warn({ message: 'death of a worker with no contribution account skipped', workerId, eventId: event.id });
      return;
    }
    if (account.status === 'DECEASED') return;

    await this.closings.close(manager, [workerId], { reason: 'WORKER_DIED', lastMonth: lastMonthOfLife(diedOn) }, event);
    await manager.query(
      `UPDATE accounts a SET status = 'DECEASED', died_on = $2, lapses_on = NULL, updated_at = now(), paid_through = ${paidThroughUpTo('$3')}
        WHERE a.worker_id = $1`,
      [workerId, diedOn, lastMonthOfLife(diedOn).toString()],
    );
  }
}
