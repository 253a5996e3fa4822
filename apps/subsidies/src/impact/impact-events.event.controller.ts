import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type ClaimPaidV1, type EventEnvelope, type InvoicePaidV1 } from '@jaring/contracts';
import { KafkaEventContext, OnEvent } from '@jaring/messaging';
import { FunderNotifications } from '../webhooks/funder-notifications';

/**
 * What happens to sponsored workers afterwards, for the impact report: claims paid to them or their
 * families, and the contributions they pay themselves. Events about workers no programme sponsored are
 * not kept.
 */
@Controller()
export class ImpactEventsController {
  constructor(private readonly notifications: FunderNotifications) {}

  /** A claim paid to a sponsored worker or their family; their funders hear of it by webhook. */
  @OnEvent(EVENTS.ClaimPaid)
  async claimPaid(@Payload() event: EventEnvelope<ClaimPaidV1>, @Ctx() context: KafkaEventContext): Promise<void> {
    const { claimId, workerId, type, kind, amount, paidOn } = event.data;
    const sponsors = (await context.manager.query(
      'SELECT funder_id, array_agg(programme_id ORDER BY programme_id) AS programme_ids FROM sponsorships WHERE worker_id = $1 GROUP BY funder_id',
      [workerId],
    )) as Array<{ funder_id: string; programme_ids: string[] }>;
    if (!sponsors.length) return;
    const inserted = (await context.manager.query(
      'INSERT INTO claims_paid (claim_id, worker_id, type, kind, amount, paid_on) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING claim_id',
      [claimId, workerId, type, kind, amount, paidOn],
    )) as unknown[];
    if (!inserted.length) return;
    await this.notifications.notifyAll(
      context.manager,
      sponsors.map((s) => ({
        funderId: s.funder_id,
        type: EVENTS.ClaimPaid.type,
        data: { claimId, workerId, type, kind, amount, paidOn, programmeIds: s.programme_ids },
      })),
    );
  }

  /** Invoices paid, by the thousand: only the worker's own payments (paidBy SELF) of sponsored workers are kept. */
  @OnEvent(EVENTS.InvoicePaid, { batch: true })
  async invoicesPaid(@Payload() events: Array<EventEnvelope<InvoicePaidV1>>, @Ctx() context: KafkaEventContext): Promise<void> {
    const own = events.filter((e) => e.data.paidBy === 'SELF');
    if (!own.length) return;
    await context.manager.query(
      `INSERT INTO self_payments (invoice_id, worker_id, period, amount)
       SELECT p.invoice_id, p.worker_id, p.period, p.amount FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[]) AS p (invoice_id, worker_id, period, amount)
       WHERE EXISTS (SELECT 1 FROM sponsorships s WHERE s.worker_id = p.worker_id)
       ON CONFLICT DO NOTHING`,
      [own.map((e) => e.data.invoiceId), own.map((e) => e.data.workerId), own.map((e) => e.data.period), own.map((e) => e.data.amount)],
    );
  }
}
