import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENTS, type EventEnvelope, type InvoiceIssuedV1 } from '@jaring/contracts';
import { type Clock, todayOf } from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { CLOCK } from '@jaring/platform';
import { BudgetChanges, recordBudgetEntries } from '../budget/budget-ledger';
import { derivedId } from '../shared/derived-id';
import { rupiah } from '../shared/money-column';
import { rowsOf } from '../shared/sql';
import { EndSponsorships } from '../sponsorships/end-sponsorships';

interface SponsoredMonth {
  worker_id: string;
  period: string;
  sponsorship_id: string;
  reserved_amount: string;
  programme_id: string;
  funder_type: string;
  programs: string[];
  last_period: string;
  months: number;
  months_paid: number;
}

interface Authorisation {
  event: EventEnvelope<InvoiceIssuedV1>;
  month: SponsoredMonth;
  authorisationId: string;
  /** What the programme pays for this invoice. */
  amount: number;
  /** What was reserved for the month, plus any top-up drawn from the remaining budget. */
  reserved: number;
}

/**
 * contributions.invoice.issued for a sponsored period → one subsidies.subsidy.payment-authorised, moving
 * the month's money RESERVED → SPENT. Set-based: a batch of thousands of invoices is a handful of
 * statements (the benchmark's 100,000 go through here).
 *
 * Once per period: the month row holds the authorisation, so a second invoice for the same sponsored
 * period (re-issued, replayed under a new event id) authorises nothing more. Invoices for unknown,
 * ended or released sponsorships, or periods outside them, are not authorised.
 *
 * Reconciling with the reservation: `amount` is the invoice's `sponsoredAmount` (the lines the sponsor
 * pays, priced by contributions with the same rate function). When it is less than the month's reserve
 * (the worker lowered their income), the rest returns to the budget at once. When it is more (income
 * raised after the grant), the difference is drawn from the remaining budget if it can cover it; if not,
 * the programme pays what it reserved and the worker owes the rest of the invoice.
 */
@Injectable()
export class AuthoriseSponsoredInvoices {
  private readonly logger = new Logger('AuthoriseSponsoredInvoices');

  constructor(
    private readonly outbox: Outbox,
    private readonly endSponsorships: EndSponsorships,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(manager: EntityManager, events: Array<EventEnvelope<InvoiceIssuedV1>>): Promise<void> {
    const byMonth = new Map<string, EventEnvelope<InvoiceIssuedV1>>();
    for (const event of events) {
      const key = `${event.data.sponsorshipId}|${event.data.period}`;
      if (event.data.sponsorshipId && !byMonth.has(key)) byMonth.set(key, event);
    }
    if (!byMonth.size) return;
    const invoices = [...byMonth.values()];
    // The months' rows are locked first; the programme rows last, in id order (BudgetChanges.apply), so
    // concurrent batches of different partitions never wait on each other in a cycle. The `= ANY` filters
    // repeat the join keys so that PostgreSQL probes the indexes instead of scanning the tables.
    const months = await rowsOf<SponsoredMonth>(
      manager,
      `SELECT m.worker_id, m.period, m.sponsorship_id, m.reserved_amount, s.programme_id, s.funder_type, s.programs, s.last_period, s.months, s.months_paid
       FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS i (sponsorship_id, period, worker_id)
       JOIN sponsored_months m ON m.sponsorship_id = i.sponsorship_id AND m.period = i.period AND m.worker_id = i.worker_id
       JOIN sponsorships s ON s.id = m.sponsorship_id
       WHERE m.worker_id = ANY ($3::uuid[]) AND s.id = ANY ($1::uuid[]) AND m.authorisation_id IS NULL AND NOT m.released AND s.status = 'ACTIVE'
       FOR UPDATE OF m`,
      [invoices.map((e) => e.data.sponsorshipId), invoices.map((e) => e.data.period), invoices.map((e) => e.data.workerId)],
    );
    if (months.length < invoices.length) {
      this.logger.warn({ message: 'sponsored invoices not authorised: already authorised, or no open sponsorship month', count: invoices.length - months.length });
    }
    if (!months.length) return;
    const monthOf = new Map(months.map((m) => [`${m.sponsorship_id}|${m.period}`, m]));
    const authorisations: Authorisation[] = [];
    const budget = new BudgetChanges();
    for (const event of invoices) {
      const month = monthOf.get(`${event.data.sponsorshipId}|${event.data.period}`);
      if (!month) continue;
      const reserved = rupiah(month.reserved_amount);
      const wanted = sponsoredAmountOf(event.data, month.programs);
      const authorisationId = derivedId('authorisation', month.sponsorship_id, month.period);
      let amount = wanted;
      let covered = reserved;
      if (wanted > reserved) {
        const topUp = await this.topUp(manager, month, wanted - reserved, derivedId('top-up', authorisationId));
        if (!topUp) this.logger.warn({ message: 'sponsored amount above the reservation and the remaining budget; paying the reservation', sponsorshipId: month.sponsorship_id, period: month.period });
        covered = topUp ? wanted : reserved;
        amount = covered;
      }
      authorisations.push({ event, month, authorisationId, amount, reserved: covered });
    }
    await this.apply(manager, authorisations, budget);
  }

  /**
   * Draws what the reservation does not cover from the remaining budget (AVAILABLE → RESERVED), if it can.
   * Rare (an income raised after the grant), so done row by row and at once: the conditional UPDATE is
   * what keeps the budget from going below zero.
   */
  private async topUp(manager: EntityManager, month: SponsoredMonth, amount: number, entryId: string): Promise<boolean> {
    const rows = await rowsOf(manager, 'UPDATE programmes SET available = available - $2, reserved = reserved + $2 WHERE id = $1 AND available >= $2 RETURNING id', [
      month.programme_id,
      amount,
    ]);
    if (!rows.length) return false;
    await recordBudgetEntries(manager, [{ id: entryId, programmeId: month.programme_id, from: 'AVAILABLE', to: 'RESERVED', amount, kind: 'RESERVE', sponsorshipId: month.sponsorship_id }]);
    return true;
  }

  private async apply(manager: EntityManager, authorisations: Authorisation[], budget: BudgetChanges): Promise<void> {
    const released = authorisations.map((a) => a.reserved - a.amount);
    await manager.query(
      `UPDATE sponsored_months m SET authorisation_id = x.authorisation_id, invoice_id = x.invoice_id, authorised_amount = x.amount
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::bigint[]) AS x (worker_id, period, authorisation_id, invoice_id, amount)
       WHERE m.worker_id = x.worker_id AND m.period = x.period AND m.worker_id = ANY ($1::uuid[])`,
      [
        authorisations.map((a) => a.month.worker_id),
        authorisations.map((a) => a.month.period),
        authorisations.map((a) => a.authorisationId),
        authorisations.map((a) => a.event.data.invoiceId),
        authorisations.map((a) => a.amount),
      ],
    );
    authorisations.forEach((a, i) => {
      const { programme_id: programmeId, sponsorship_id: sponsorshipId } = a.month;
      budget.move({ id: a.authorisationId, programmeId, from: 'RESERVED', to: 'SPENT', amount: a.amount, kind: 'SPEND', sponsorshipId });
      budget.move({ id: derivedId('surplus', a.authorisationId), programmeId, from: 'RESERVED', to: 'AVAILABLE', amount: released[i], kind: 'RELEASE', sponsorshipId });
    });
    const progress = await rowsOf<{ id: string; used_up: boolean }>(
      manager,
      `UPDATE sponsorships s SET months_paid = s.months_paid + x.months, spent_amount = s.spent_amount + x.spent, released_amount = s.released_amount + x.released
       FROM (SELECT id, count(*)::int AS months, sum(spent) AS spent, sum(released) AS released, bool_or(last) AS last
             FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::boolean[]) AS a (id, spent, released, last) GROUP BY id) x
       WHERE s.id = x.id AND s.id = ANY ($1::uuid[])
       RETURNING s.id, (s.months_paid = s.months OR x.last) AS used_up`,
      [
        authorisations.map((a) => a.month.sponsorship_id),
        authorisations.map((a) => a.amount),
        released,
        authorisations.map((a) => a.month.period === a.month.last_period),
      ],
    );
    await this.outbox.publishAll(
      manager,
      authorisations.map((a) => ({
        definition: EVENTS.SubsidyPaymentAuthorised,
        subject: a.month.worker_id,
        causedBy: a.event,
        data: {
          authorisationId: a.authorisationId,
          sponsorshipId: a.month.sponsorship_id,
          programmeId: a.month.programme_id,
          funderType: a.month.funder_type,
          workerId: a.month.worker_id,
          invoiceId: a.event.data.invoiceId,
          period: a.month.period,
          amount: a.amount,
        },
      })),
    );
    // The months are used up once every month is paid, or the last month is (a month never invoiced
    // before it, e.g. the registration month billed elsewhere, returns to the budget).
    const usedUp = progress.filter((p) => p.used_up).map((p) => p.id);
    const causes = new Map(authorisations.map((a) => [a.month.sponsorship_id, a.event]));
    await this.endSponsorships.end(manager, usedUp, 'MONTHS_USED', todayOf(this.clock), causes, budget);
    // Last: the programme rows are locked only for the final UPDATE of the transaction.
    await budget.apply(manager);
  }
}

/** The invoice's `sponsoredAmount`; from an older producer without it, the lines of the programmes the sponsorship pays. */
export function sponsoredAmountOf(invoice: InvoiceIssuedV1, sponsoredPrograms: readonly string[]): number {
  if (invoice.sponsoredAmount !== undefined) return invoice.sponsoredAmount;
  return invoice.lines.filter((line) => sponsoredPrograms.includes(line.program)).reduce((sum, line) => sum + line.amount, 0);
}
