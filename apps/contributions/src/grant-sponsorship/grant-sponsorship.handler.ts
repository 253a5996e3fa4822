import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, SponsorshipGrantedV1 } from '@jaring/contracts';
import { type Clock, Period, payerOfFunderType } from '@jaring/domain';
import { CLOCK, rowsOf } from '@jaring/platform';
import { passWorkerGates } from '../accounts/worker-gates';
import { InvoiceIssuer } from '../invoices/invoice-issuer';

/**
 * The sponsorships read model (docs/design.md, "A worker's life as events"): periods firstPeriod .. firstPeriod + months - 1 of a worker
 * are paid by the sponsor for its programmes. Invoices issued later for those periods carry the sponsor
 * as payer (InvoiceIssuer looks the read model up); an invoice already issued and untouched (nothing
 * paid on it) is VOIDed and re-issued with a new id and the sponsor as payer, so that the subsidies
 * service sees an invoice.issued with the sponsorshipId and authorises its payment. Periods already paid
 * stay as they are: the sponsor does not pay them.
 */
@Injectable()
export class GrantSponsorshipHandler {
  constructor(
    private readonly issuer: InvoiceIssuer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async grant(manager: EntityManager, events: Array<EventEnvelope<SponsorshipGrantedV1>>): Promise<void> {
    const grants = [...new Map(events.map((e) => [e.data.sponsorshipId, e])).values()];
    // After a registration of the same worker in flight, if any: its first invoice must be seen and re-issued.
    await passWorkerGates(
      manager,
      grants.map((g) => g.data.workerId),
      true,
    );
    const inserted = await manager.query<Array<{ sponsorship_id: string }>>(
      `INSERT INTO sponsorships (sponsorship_id, worker_id, programme_id, funder_id, funder_type, payer, programs, first_period, last_period, granted_at)
       SELECT s.id, s.worker_id, s.programme_id, s.funder_id, s.funder_type, s.payer, string_to_array(s.programs, ','), s.first_period, s.last_period, $10::timestamptz
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
              AS s(id, worker_id, programme_id, funder_id, funder_type, payer, programs, first_period, last_period)
       ON CONFLICT (sponsorship_id) DO NOTHING RETURNING sponsorship_id`,
      [
        grants.map((g) => g.data.sponsorshipId),
        grants.map((g) => g.data.workerId),
        grants.map((g) => g.data.programmeId),
        grants.map((g) => g.data.funderId),
        grants.map((g) => g.data.funderType),
        grants.map((g) => payerOfFunderType(g.data.funderType)),
        grants.map((g) => g.data.programs.join(',')),
        grants.map((g) => g.data.firstPeriod),
        grants.map((g) =>
          Period.parse(g.data.firstPeriod)
            .plusMonths(g.data.months - 1)
            .toString(),
        ),
        this.clock.now().toISOString(),
      ],
    );
    const fresh = new Set(inserted.map((r) => r.sponsorship_id));
    const granted = grants.filter((g) => fresh.has(g.data.sponsorshipId));
    if (!granted.length) return;

    const workerIds = [...new Set(granted.map((g) => g.data.workerId))].sort();
    // After a billing batch holding these accounts, if any (see RunBillingHandler.billBatch): its invoices are
    // committed, and voided and re-issued below.
    await manager.query('SELECT 1 FROM accounts WHERE worker_id = ANY($1::uuid[]) ORDER BY worker_id FOR UPDATE', [workerIds]);
    const voided = await rowsOf<{ id: string; worker_id: string; period: string; due_date: string; sponsorship_id: string }>(
      manager,
      `UPDATE invoices i SET status = 'VOID', voided_at = $2::timestamptz, void_reason = 'SPONSORED'
         FROM sponsorships s
        WHERE s.sponsorship_id = ANY($1::uuid[]) AND i.worker_id = s.worker_id AND i.period BETWEEN s.first_period AND s.last_period
          AND i.status IN ('ISSUED', 'OVERDUE') AND i.sponsorship_id IS NULL AND i.worker_paid = 0 AND i.sponsor_paid = 0
       RETURNING i.id, i.worker_id, i.period, i.due_date::text AS due_date, s.sponsorship_id`,
      [[...fresh], this.clock.now().toISOString()],
    );
    if (!voided.length) return;
    const cause = new Map(granted.map((g) => [g.data.sponsorshipId, g]));
    const reissued = await this.issuer.issue(
      manager,
      voided.map((v) => ({
        workerId: v.worker_id,
        period: Period.parse(v.period),
        dueDate: v.due_date,
        causedBy: cause.get(v.sponsorship_id),
      })),
    );
    const replacement = new Map(reissued.map((r) => [`${r.workerId}|${r.period.toString()}`, r.id]));
    await manager.query(
      `UPDATE invoices i SET replaced_by = r.new_id FROM unnest($1::uuid[], $2::uuid[]) AS r(old_id, new_id) WHERE i.id = r.old_id`,
      [voided.map((v) => v.id), voided.map((v) => replacement.get(`${v.worker_id}|${v.period}`) ?? null)],
    );
  }
}
