import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENTS, type EventEnvelope, type InvoiceIssuedV1 } from '@jaring/contracts';
import {
  type Clock,
  dueDateOf,
  type IsoDate,
  Period,
  payerOfFunderType,
  quoteContribution,
  type ContributionQuote,
  type Payer,
} from '@jaring/domain';
import { Outbox, type PendingEvent } from '@jaring/messaging';
import { CLOCK, rupiah } from '@jaring/platform';

export interface InvoiceRequest {
  workerId: string;
  period: Period;
  /** Default: the period's due date (the 15th or the next working day). */
  dueDate?: IsoDate;
  /** The event this invoice answers (registration, sponsorship), for causation. */
  causedBy?: EventEnvelope;
}

/** An invoice as computed for a worker and period: what the rates say, who pays, how much the sponsor's part is. */
export interface PreparedInvoice {
  id: string;
  workerId: string;
  period: Period;
  amount: number;
  payer: Payer;
  dueDate: IsoDate;
  quote: ContributionQuote;
  sponsorshipId: string | null;
  sponsoredPrograms: string[];
  sponsoredAmount: number;
  /** What the worker pays: the lines the sponsor does not. */
  workerAmount: number;
  causedBy?: EventEnvelope;
}

interface BasisRow {
  ord: number;
  worker_id: string;
  period: string;
  occupation: string;
  declared_monthly_income: string;
  programs: string[];
  sponsorship_id: string | null;
  funder_type: string | null;
  sponsored_programs: string[] | null;
}

/**
 * The one way invoices come into being: on registration, in a billing run, when a payment reaches
 * ahead, and when a sponsorship re-issues a period. For each (worker, period) it reads the worker's terms
 * in force for that period (income changes apply from their `effectiveFrom`) and any sponsorship of the
 * period, prices it with the shared rate function (`quoteContribution`, PP 50/2025 discount included),
 * inserts it unless the worker already has a live invoice for the period (ON CONFLICT DO NOTHING on the
 * partial unique index: never two), and announces each new one in the same transaction. A period after the
 * month of the worker's death is never priced nor issued, whoever asks.
 */
@Injectable()
export class InvoiceIssuer {
  constructor(
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Prices invoices without writing them (a payment checks its amount against them first). */
  async prepare(manager: EntityManager, requests: InvoiceRequest[]): Promise<PreparedInvoice[]> {
    if (!requests.length) return [];
    const rows = await manager.query<BasisRow[]>(
      `SELECT r.ord, r.worker_id, r.period, a.occupation, t.declared_monthly_income, t.programs,
              s.sponsorship_id, s.funder_type, s.programs AS sponsored_programs
         FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS r(worker_id, period, ord)
         JOIN accounts a ON a.worker_id = r.worker_id
         CROSS JOIN LATERAL (
           SELECT declared_monthly_income, programs FROM account_terms t
            WHERE t.worker_id = r.worker_id AND t.effective_from <= r.period
            ORDER BY t.effective_from DESC LIMIT 1) t
         LEFT JOIN LATERAL (
           SELECT sponsorship_id, funder_type, programs FROM sponsorships s
            WHERE s.worker_id = r.worker_id AND r.period BETWEEN s.first_period AND s.last_period
            ORDER BY s.granted_at, s.sponsorship_id LIMIT 1) s ON true
        -- Nothing is billed after the month of a worker's death (docs/rules.md, refund).
        WHERE a.died_on IS NULL OR r.period <= to_char(a.died_on, 'YYYY-MM')
        ORDER BY r.ord`,
      [requests.map((r) => r.workerId), requests.map((r) => r.period.toString())],
    );
    const quotes = new Map<string, ContributionQuote>();
    return rows.map((row) => {
      const request = requests[Number(row.ord) - 1];
      const payer: Payer = row.funder_type ? payerOfFunderType(row.funder_type) : 'SELF';
      const income = rupiah(row.declared_monthly_income);
      // A billing run prices thousands of workers with a handful of distinct terms: price each once.
      const key = `${row.period}|${income}|${row.programs.join(',')}|${row.occupation}|${payer}`;
      let quote = quotes.get(key);
      if (!quote) {
        quote = quoteContribution({
          declaredMonthlyIncome: income,
          programs: row.programs,
          period: request.period,
          occupation: row.occupation,
          payer,
        });
        quotes.set(key, quote);
      }
      const sponsoredPrograms = row.sponsored_programs ?? [];
      const sponsoredAmount = quote.lines.filter((l) => sponsoredPrograms.includes(l.program)).reduce((a, l) => a + l.amount, 0);
      return {
        id: randomUUID(),
        workerId: request.workerId,
        period: request.period,
        amount: quote.total,
        payer,
        dueDate: request.dueDate ?? dueDateOf(request.period),
        quote,
        sponsorshipId: row.sponsorship_id,
        sponsoredPrograms,
        sponsoredAmount,
        workerAmount: quote.total - sponsoredAmount,
        causedBy: request.causedBy,
      };
    });
  }

  /** Issues the invoices that do not exist yet and announces them; returns the ones it issued. */
  async issue(manager: EntityManager, requests: InvoiceRequest[]): Promise<PreparedInvoice[]> {
    return this.insert(manager, await this.prepare(manager, requests));
  }

  async insert(manager: EntityManager, prepared: PreparedInvoice[]): Promise<PreparedInvoice[]> {
    if (!prepared.length) return [];
    const issuedAt = this.clock.now().toISOString();
    const inserted = await manager.query<Array<{ id: string }>>(
      `INSERT INTO invoices (id, worker_id, period, amount, payer, status, due_date, lines, declared_monthly_income, bracket_nominal,
                             discount_rule, sponsorship_id, sponsored_programs, sponsored_amount, issued_at)
       SELECT id, worker_id, period, amount, payer, 'ISSUED', due_date, lines, income, nominal, rule, sponsorship_id,
              coalesce(string_to_array(NULLIF(sponsored, ''), ','), '{}'), sponsored_amount, $14
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::date[], $7::jsonb[], $8::bigint[], $9::bigint[],
                     $10::text[], $11::uuid[], $12::text[], $13::bigint[])
              AS r(id, worker_id, period, amount, payer, due_date, lines, income, nominal, rule, sponsorship_id, sponsored, sponsored_amount)
       ON CONFLICT (worker_id, period) WHERE status <> 'VOID' DO NOTHING
       RETURNING id`,
      [
        prepared.map((p) => p.id),
        prepared.map((p) => p.workerId),
        prepared.map((p) => p.period.toString()),
        prepared.map((p) => p.amount),
        prepared.map((p) => p.payer),
        prepared.map((p) => p.dueDate),
        prepared.map((p) => JSON.stringify(p.quote.lines)),
        prepared.map((p) => p.quote.declaredMonthlyIncome),
        prepared.map((p) => p.quote.bracketNominal),
        prepared.map((p) => p.quote.discountRule?.id ?? null),
        prepared.map((p) => p.sponsorshipId),
        prepared.map((p) => p.sponsoredPrograms.join(',')),
        prepared.map((p) => p.sponsoredAmount),
        issuedAt,
      ],
    );
    const ids = new Set(inserted.map((r) => r.id));
    const issued = prepared.filter((p) => ids.has(p.id));
    await this.outbox.publishAll(
      manager,
      issued.map((invoice) => issuedEvent(invoice)),
    );
    return issued;
  }
}

function issuedEvent(invoice: PreparedInvoice): PendingEvent<InvoiceIssuedV1> {
  const data: InvoiceIssuedV1 = {
    invoiceId: invoice.id,
    workerId: invoice.workerId,
    period: invoice.period.toString(),
    amount: invoice.amount,
    payer: invoice.payer,
    dueDate: invoice.dueDate,
    lines: invoice.quote.lines.map((l) => ({ program: l.program, amount: l.amount })),
    ...(invoice.sponsorshipId ? { sponsorshipId: invoice.sponsorshipId, sponsoredAmount: invoice.sponsoredAmount } : {}),
  };
  return { definition: EVENTS.InvoiceIssued, subject: invoice.workerId, data, causedBy: invoice.causedBy };
}
