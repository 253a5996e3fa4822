import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Clock } from '@jaring/domain';
import { CLOCK } from '@jaring/platform';

/** The events a funder can receive by webhook: its programmes' grants, ends and exhaustion, and claims paid to its sponsored workers. */
export const WEBHOOK_EVENT_TYPES = [
  'subsidies.sponsorship.granted',
  'subsidies.sponsorship.ended',
  'subsidies.budget.exhausted',
  'claims.claim.paid',
] as const;

export interface FunderNotice {
  funderId: string;
  type: string;
  data: object;
}

/**
 * Queues webhook deliveries for a funder's endpoints, in the caller's transaction: the notice exists if
 * and only if what it reports was committed (an outbox, like the events'). The sender posts them.
 * The body follows Standard Webhooks' recommended shape: `{ type, timestamp, data }`.
 */
@Injectable()
export class FunderNotifications {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async notify(manager: EntityManager, funderId: string, type: string, data: object): Promise<void> {
    await this.notifyAll(manager, [{ funderId, type, data }]);
  }

  /** Many notices in one statement (a batch of claims paid). */
  async notifyAll(manager: EntityManager, notices: FunderNotice[]): Promise<void> {
    if (!notices.length) return;
    const timestamp = this.clock.now().toISOString();
    await manager.query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, event_type, payload)
       SELECT gen_random_uuid(), e.id, n.type, n.payload
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS n (funder_id, type, payload)
       JOIN webhook_endpoints e ON e.funder_id = n.funder_id AND e.disabled_at IS NULL AND (e.events IS NULL OR n.type = ANY (e.events))`,
      [
        notices.map((n) => n.funderId),
        notices.map((n) => n.type),
        notices.map((n) => JSON.stringify({ type: n.type, timestamp, data: n.data })),
      ],
    );
  }
}
