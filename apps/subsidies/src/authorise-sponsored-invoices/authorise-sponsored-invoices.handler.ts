import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENTS, type EventEnvelope, type InvoiceIssuedV1 } from '@jaring/contracts';
import { type Clock, todayOf } from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { CLOCK, rupiah, rowsOf } from '@jaring/platform';
import { BudgetChanges } from '../budget/budget-changes';
import { recordBudgetEntries } from '../budget/budget-ledger';
import { derivedId } from '../domain/derived-id';
import { sponsoredAmountOf } from '../domain/sponsored-amount';
import { EndSponsorships } from '../sponsorships/end-sponsorships';

interface SponsoredMonth {
  worker_id: string;
  period: string;
  sponsorship_id: string;
  programme_id: string;
  funder_type: string;
  last_period: string;
  reserved_amount: string;
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

const MONTH_COLUMNS = 'm.worker_id, m.period, m.sponsorship_id, m.programme_id, m.funder_type, m.last_period, m.reserved_amount';

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
export class AuthoriseSponsoredInvoicesHandler {
  private readonly logger = new Logger('AuthoriseSponsoredInvoices');

  constructor(
    private readonly outbox: Outbox,
    private readonly endSponsorships: EndSponsorships,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(manager: EntityManager, events: Array<EventEnvelope<InvoiceIssuedV1>>): Promise<void> {
    const byMonth = new Map<string, EventEnvelope<InvoiceIssuedV1>>();
    for (const event of events) {
      const key = monthKey(event.data.sponsorshipId!, event.data.period);
      if (event.data.sponsorshipId && !byMonth.has(key)) byMonth.set(key, event);
    }
    if (!byMonth.size) return;
    const invoices = [...byMonth.values()];
    const authorisations = await this.authoriseWithinReservations(manager, invoices);
    const done = new Set(authorisations.map((a) => monthKey(a.month.sponsorship_id, a.month.period)));
    const rest = invoices.filter((e) => !done.has(monthKey(e.data.sponsorshipId!, e.data.period)));
    if (rest.length) authorisations.push(...(await this.authoriseTheRest(manager, rest)));
    if (authorisations.length) await this.record(manager, authorisations);
  }

  /**
   * The common case in one statement: an open month whose reservation covers the invoice is marked
   * authorised. An open month (neither authorised nor released) belongs to an active sponsorship: ending
   * one releases its open months. The months are updated (so locked) before the programme rows, which
   * are locked last, in id order (BudgetChanges.apply): concurrent batches never wait on each other in a
   * cycle. The `= ANY` filters repeat the join keys so that PostgreSQL probes the primary key for the
   * batch's workers and periods, whatever the size of the table; no other table is joined, so no
   * estimate can turn the plan into a nested loop over the batch.
   */
  private async authoriseWithinReservations(
    manager: EntityManager,
    invoices: Array<EventEnvelope<InvoiceIssuedV1>>,
  ): Promise<Authorisation[]> {
    const ids = invoices.map((e) => derivedId('authorisation', e.data.sponsorshipId!, e.data.period));
    const months = await rowsOf<SponsoredMonth & { authorisation_id: string; authorised_amount: string }>(
      manager,
      `UPDATE sponsored_months m SET authorisation_id = x.authorisation_id, invoice_id = x.invoice_id, authorised_amount = x.amount
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::bigint[])
              AS x (sponsorship_id, period, worker_id, authorisation_id, invoice_id, amount)
       WHERE m.worker_id = x.worker_id AND m.period = x.period AND m.sponsorship_id = x.sponsorship_id
         AND m.worker_id = ANY ($3::uuid[]) AND m.period = ANY ($7::text[])
         AND m.authorisation_id IS NULL AND NOT m.released AND x.amount <= m.reserved_amount
       RETURNING ${MONTH_COLUMNS}, m.authorisation_id, m.authorised_amount`,
      [
        invoices.map((e) => e.data.sponsorshipId),
        invoices.map((e) => e.data.period),
        invoices.map((e) => e.data.workerId),
        ids,
        invoices.map((e) => e.data.invoiceId),
        invoices.map((e) => e.data.sponsoredAmount ?? null),
        [...new Set(invoices.map((e) => e.data.period))],
      ],
    );
    const eventOf = new Map(invoices.map((e) => [monthKey(e.data.sponsorshipId!, e.data.period), e]));
    return months.map((month) => ({
      event: eventOf.get(monthKey(month.sponsorship_id, month.period))!,
      month,
      authorisationId: month.authorisation_id,
      amount: rupiah(month.authorised_amount),
      reserved: rupiah(month.reserved_amount),
    }));
  }

  /**
   * What the statement above left: invoices without `sponsoredAmount` (an older producer), invoices
   * above their month's reservation, and those with no open month (already authorised, unknown, ended).
   * Rare, so row by row.
   */
  private async authoriseTheRest(manager: EntityManager, invoices: Array<EventEnvelope<InvoiceIssuedV1>>): Promise<Authorisation[]> {
    const months = await rowsOf<SponsoredMonth & { programs: string[] }>(
      manager,
      `SELECT ${MONTH_COLUMNS}, s.programs
       FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS i (sponsorship_id, period, worker_id)
       JOIN sponsored_months m ON m.sponsorship_id = i.sponsorship_id AND m.period = i.period AND m.worker_id = i.worker_id
       JOIN sponsorships s ON s.id = m.sponsorship_id
       WHERE m.worker_id = ANY ($3::uuid[]) AND s.id = ANY ($1::uuid[]) AND m.authorisation_id IS NULL AND NOT m.released
       FOR UPDATE OF m`,
      [invoices.map((e) => e.data.sponsorshipId), invoices.map((e) => e.data.period), invoices.map((e) => e.data.workerId)],
    );
    if (months.length < invoices.length) {
      this.logger.warn({
        message: 'sponsored invoices not authorised: already authorised, or no open sponsorship month',
        count: invoices.length - months.length,
      });
    }
    const eventOf = new Map(invoices.map((e) => [monthKey(e.data.sponsorshipId!, e.data.period), e]));
    const authorisations: Authorisation[] = [];
    for (const month of months) {
      const event = eventOf.get(monthKey(month.sponsorship_id, month.period))!;
      const reserved = rupiah(month.reserved_amount);
      const wanted = sponsoredAmountOf(event.data, month.programs);
      const authorisationId = derivedId('authorisation', month.sponsorship_id, month.period);
      let covered = reserved;
      if (wanted > reserved) {
        const toppedUp = await this.topUp(manager, month, wanted - reserved, derivedId('top-up', authorisationId));
        if (!toppedUp)
          this.logger.warn({
            message: 'sponsored amount above the reservation and the remaining budget; paying the reservation',
            sponsorshipId: month.sponsorship_id,
            period: month.period,
          });
        covered = toppedUp ? wanted : reserved;
      }
      const amount = Math.min(wanted, covered);
      await manager.query(
        'UPDATE sponsored_months SET authorisation_id = $3, invoice_id = $4, authorised_amount = $5 WHERE worker_id = $1 AND period = $2',
        [month.worker_id, month.period, authorisationId, event.data.invoiceId, amount],
      );
      authorisations.push({ event, month, authorisationId, amount, reserved: covered });
    }
    return authorisations;
  }

  /**
   * Draws what the reservation does not cover from the remaining budget (AVAILABLE → RESERVED), if it can.
   * At once, with its journal entry: the conditional UPDATE is what keeps the budget from going below zero.
   */
  private async topUp(manager: EntityManager, month: SponsoredMonth, amount: number, entryId: string): Promise<boolean> {
    const rows = await rowsOf(
      manager,
      'UPDATE programmes SET available = available - $2, reserved = reserved + $2 WHERE id = $1 AND available >= $2 RETURNING id',
      [month.programme_id, amount],
    );
    if (!rows.length) return false;
    await recordBudgetEntries(manager, [
      {
        id: entryId,
        programmeId: month.programme_id,
        from: 'AVAILABLE',
        to: 'RESERVED',
        amount,
        kind: 'RESERVE',
        sponsorshipId: month.sponsorship_id,
      },
    ]);
    return true;
  }

  /** The budget movements, the announcements, and the end of the sponsorships whose last month this was. */
  private async record(manager: EntityManager, authorisations: Authorisation[]): Promise<void> {
    const budget = new BudgetChanges();
    for (const a of authorisations) {
      const { programme_id: programmeId, sponsorship_id: sponsorshipId } = a.month;
      budget.move({ id: a.authorisationId, programmeId, from: 'RESERVED', to: 'SPENT', amount: a.amount, kind: 'SPEND', sponsorshipId });
      budget.move({
        id: derivedId('surplus', a.authorisationId),
        programmeId,
        from: 'RESERVED',
        to: 'AVAILABLE',
        amount: a.reserved - a.amount,
        kind: 'RELEASE',
        sponsorshipId,
      });
    }
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
    // The months are used up once the last one is paid (contributions bills a worker's periods in order);
    // a month before it that was never invoiced returns to the budget.
    const usedUp = [...new Set(authorisations.filter((a) => a.month.period === a.month.last_period).map((a) => a.month.sponsorship_id))];
    const causes = new Map(authorisations.map((a) => [a.month.sponsorship_id, a.event]));
    await this.endSponsorships.end(manager, usedUp, 'MONTHS_USED', todayOf(this.clock), causes, budget);
    // Last: the programme rows are locked only for the final UPDATE of the transaction.
    await budget.apply(manager);
  }
}

function monthKey(sponsorshipId: string, period: string): string {
  return `${sponsorshipId}|${period}`;
}
