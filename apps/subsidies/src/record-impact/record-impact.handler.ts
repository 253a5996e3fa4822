import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENTS, type ClaimPaidV1, type InvoicePaidV1 } from '@jaring/contracts';
import { rowsOf } from '@jaring/platform';
import { FunderNotifications } from '../webhooks/funder-notifications';

/**
 * What happens to sponsored workers afterwards, for the impact report: claims paid to them or their
 * families, and the contributions they pay themselves. Events about workers no programme sponsored are
 * not kept.
 */
@Injectable()
export class RecordImpactHandler {
  constructor(private readonly notifications: FunderNotifications) {}

  /** A claim paid to a sponsored worker or their family; their funders hear of it by webhook. */
  async claimPaid(manager: EntityManager, claim: ClaimPaidV1): Promise<void> {
    const { claimId, workerId, type, kind, amount, paidOn } = claim;
    const sponsors = await rowsOf<{ funder_id: string; programme_ids: string[] }>(
      manager,
      'SELECT funder_id, array_agg(programme_id ORDER BY programme_id) AS programme_ids FROM sponsorships WHERE worker_id = $1 GROUP BY funder_id',
      [workerId],
    );
    if (!sponsors.length) return;
    const inserted = await rowsOf<{ claim_id: string }>(
      manager,
      'INSERT INTO claims_paid (claim_id, worker_id, type, kind, amount, paid_on) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING claim_id',
      [claimId, workerId, type, kind, amount, paidOn],
    );
    if (!inserted.length) return;
    await this.notifications.notifyAll(
      manager,
      sponsors.map((s) => ({
        funderId: s.funder_id,
        type: EVENTS.ClaimPaid.type,
        data: { claimId, workerId, type, kind, amount, paidOn, programmeIds: s.programme_ids },
      })),
    );
  }

  /** Invoices paid, by the thousand: only the worker's own payments (paidBy SELF) of sponsored workers are kept. */
  async invoicesPaid(manager: EntityManager, invoices: InvoicePaidV1[]): Promise<void> {
    const own = invoices.filter((invoice) => invoice.paidBy === 'SELF');
    if (!own.length) return;
    await manager.query(
      `INSERT INTO self_payments (invoice_id, worker_id, period, amount)
       SELECT p.invoice_id, p.worker_id, p.period, p.amount FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[]) AS p (invoice_id, worker_id, period, amount)
       WHERE EXISTS (SELECT 1 FROM sponsorships s WHERE s.worker_id = p.worker_id)
       ON CONFLICT DO NOTHING`,
      [own.map((i) => i.invoiceId), own.map((i) => i.workerId), own.map((i) => i.period), own.map((i) => i.amount)],
    );
  }
}
