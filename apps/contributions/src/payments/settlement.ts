import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENTS, type EventEnvelope, type InvoicePaidV1 } from '@jaring/contracts';
import { type Clock, Period, type Payer } from '@jaring/domain';
import { Outbox, type PendingEvent } from '@jaring/messaging';
import {
  type Actor,
  type BoundStatement,
  CLOCK,
  type LiteralValue,
  outboxInsertAtCommit,
  PreparedStatement,
  queryPrepared,
  rupiah,
} from '@jaring/platform';
import {
  type AccountState,
  type CoverageUpdate,
  coverageUpdateStatement,
  CoverageUpdater,
  type NewlyPaid,
} from '../accounts/coverage-updater';
import { addLines, channelPaymentJournal, funderPaymentJournal, type Journal } from '../domain/ledger';
import { insertJournalsSql, journalLineColumns } from '../ledger/journal-insert';

/** One payment and the invoice parts it settles. */
export interface PaymentToSettle {
  paymentId: string;
  workerId: string;
  paidBy: Payer;
  source: { kind: 'CHANNEL'; channel: string } | { kind: 'FUNDER'; funderId: string };
  /** Whole parts only: a worker's part is all the lines the sponsor does not pay, a sponsor's part all the others. */
  portions: Array<{ invoiceId: string; amount: number }>;
  causedBy?: EventEnvelope;
  /**
   * The rest of the payment's row, for the settlement to write it in its own statement (no round trip
   * for it); without it, the caller has written the row already.
   */
  row?: PaymentRow;
}

export interface PaymentRow {
  amount: number;
  receivedAt: string;
  /** A channel's payment: its reference, and how many of its periods are ahead. */
  externalReference?: string;
  monthsAhead?: number;
  /** A funder's payment: the sponsorship it pays for. */
  sponsorshipId?: string;
  /** A channel's payment: who recorded it (the credential's subject and client), for the audit trail. */
  recordedBy?: Actor;
}

/** An invoice as read under lock in this transaction: what settling it needs. */
export interface InvoiceToSettle {
  id: string;
  workerId: string;
  period: string;
  /** The whole invoice. */
  amount: number;
  status: string;
  /** What is left to pay on it, the worker's and the sponsor's parts together. */
  outstanding: number;
  lines: Array<{ program: string; amount: number }>;
  sponsoredPrograms: string[];
}

/** An invoice row with the columns settling needs (`amount - worker_paid - sponsor_paid AS outstanding`). */
export interface InvoiceToSettleRow {
  id: string;
  worker_id: string;
  period: string;
  amount: string;
  status: string;
  outstanding: string;
  lines: InvoiceToSettle['lines'];
  sponsored_programs: string[];
}

export function invoiceToSettle(row: InvoiceToSettleRow): InvoiceToSettle {
  return {
    id: row.id,
    workerId: row.worker_id,
    period: row.period,
    amount: rupiah(row.amount),
    status: row.status,
    outstanding: rupiah(row.outstanding),
    lines: row.lines,
    sponsoredPrograms: row.sponsored_programs,
  };
}

/** The invoices being paid and their workers' accounts, as a caller that has them locked read them. */
export interface SettlementState {
  invoices: InvoiceToSettle[];
  accounts: AccountState[];
}

type PerInvoice = Map<string, { worker: number; sponsor: number; payment: PaymentToSettle }>;

const OPEN = ['ISSUED', 'OVERDUE'];

/**
 * Applies payments to invoices, in the caller's transaction: writes the payments' rows if asked, adds
 * each part to the invoice (CHECK constraints refuse paying beyond what is owed), records the allocation,
 * posts a balanced journal per payment (channel or funder → programme funds), announces invoices that
 * became PAID and moves coverage. The caller has locked the workers' accounts first (lock order:
 * account, then invoices).
 *
 * Batch-shaped, and the same few statements whatever the batch (a funder's thousands of authorisations
 * or one worker's payment over HTTP): the invoices and accounts are read (unless the caller passes
 * them, as read under its locks), everything is decided here, the events go to the outbox, then ONE
 * statement writes all the rest (`SETTLEMENT_WRITE`), prepared once per connection.
 */
@Injectable()
export class Settlement {
  constructor(
    private readonly outbox: Outbox,
    private readonly coverage: CoverageUpdater,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async settle(manager: EntityManager, payments: PaymentToSettle[], known?: SettlementState): Promise<void> {
    if (!payments.length) return;
    const decided = await this.decide(manager, payments, known);
    await this.outbox.publishAll(manager, decided.events);
    await queryPrepared(manager, SETTLEMENT_WRITE.name, SETTLEMENT_WRITE.sql, decided.parameters);
  }

  /**
   * `settle`, but the writes come back instead of being sent, for a caller that sends them in one message
   * (with its COMMIT, or behind a savepoint: one round trip instead of two): the events' outbox insert,
   * then the settlement's write, which fails by itself, so nothing commits, if the invoices were not as read.
   */
  async settleAtCommit(manager: EntityManager, payments: PaymentToSettle[], known: SettlementState): Promise<BoundStatement[]> {
    const decided = await this.decide(manager, payments, known);
    return [...outboxInsertAtCommit(this.outbox, decided.events), SETTLEMENT_WRITE.with(...decided.parameters)];
  }

  /** Everything but the writes: the write's values and the events (invoice.paid, then coverage's). */
  private async decide(
    manager: EntityManager,
    payments: PaymentToSettle[],
    known?: SettlementState,
  ): Promise<{ parameters: LiteralValue[]; events: PendingEvent[] }> {
    const perInvoice = partsPerInvoice(payments);
    const state = known ?? (await this.read(manager, [...perInvoice.keys()]));
    const invoices = new Map(state.invoices.map((invoice) => [invoice.id, invoice]));
    const notOpen = [...perInvoice.keys()].filter((id) => !OPEN.includes(invoices.get(id)?.status ?? 'UNKNOWN'));
    if (notOpen.length) throw new Error(`settlement: ${notOpen.length} invoice(s) were no longer open`);
    const journals = payments.map((payment) => this.journalOf(payment, invoices));

    // Invoices fully paid by these parts, in the order of the parts: announced, and coverage moves. The
    // write checks that the database came to the same (see SETTLEMENT_WRITE).
    const paidIds = [...perInvoice].filter(([id, part]) => part.worker + part.sponsor === invoices.get(id)!.outstanding).map(([id]) => id);
    const events: PendingEvent[] = [];
    const newlyPaid: NewlyPaid[] = [];
    for (const id of paidIds) {
      const invoice = invoices.get(id)!;
      const { payment } = perInvoice.get(id)!;
      const paid: PendingEvent<InvoicePaidV1> = {
        definition: EVENTS.InvoicePaid,
        subject: invoice.workerId,
        data: {
          invoiceId: id,
          workerId: invoice.workerId,
          period: invoice.period,
          amount: invoice.amount,
          paymentId: payment.paymentId,
          paidBy: payment.paidBy,
        },
        causedBy: payment.causedBy,
      };
      events.push(paid);
      newlyPaid.push({
        workerId: invoice.workerId,
        periods: [Period.parse(invoice.period)],
        programs: new Set(invoice.lines.map((l) => l.program)),
        causedBy: payment.causedBy,
      });
    }
    const coverage = this.coverage.afterPaid(newlyPaid, new Map(state.accounts.map((account) => [account.workerId, account])));
    const parameters = writeParameters({
      payments,
      perInvoice,
      invoices,
      journals,
      coverage: coverage.updates,
      paidIds,
      now: this.clock.now().toISOString(),
    });
    return { parameters, events: [...events, ...coverage.events] };
  }

  /** The invoices and their workers' accounts, for a caller that did not pass them. */
  private async read(manager: EntityManager, invoiceIds: string[]): Promise<SettlementState> {
    const rows = await manager.query<
      Array<InvoiceToSettleRow & { account_status: string; billing_from: string; paid_through: string | null }>
    >(
      `SELECT i.id, i.worker_id, i.period, i.amount, i.status, i.amount - i.worker_paid - i.sponsor_paid AS outstanding, i.lines, i.sponsored_programs,
              a.status AS account_status, a.billing_from, a.paid_through
         FROM invoices i JOIN accounts a ON a.worker_id = i.worker_id
        WHERE i.id = ANY($1::uuid[])
          FOR UPDATE OF i, a`,
      [invoiceIds],
    );
    return {
      invoices: rows.map(invoiceToSettle),
      accounts: rows.map((r) => ({
        workerId: r.worker_id,
        status: r.account_status,
        billingFrom: r.billing_from,
        paidThrough: r.paid_through,
      })),
    };
  }

  /** The programme funds a payment pays into: the invoice lines of its party (worker or sponsor), whole. */
  private journalOf(payment: PaymentToSettle, invoices: Map<string, InvoiceToSettle>): Journal {
    const byProgram = new Map<string, number>();
    for (const portion of payment.portions) {
      const invoice = invoices.get(portion.invoiceId)!;
      const sponsorPart = payment.source.kind === 'FUNDER';
      const lines = invoice.lines.filter((l) => invoice.sponsoredPrograms.includes(l.program) === sponsorPart);
      const linesTotal = lines.reduce((a, l) => a + l.amount, 0);
      if (linesTotal !== portion.amount) {
        throw new Error(
          `settlement: invoice ${invoice.id} part of ${portion.amount} is not its ${sponsorPart ? 'sponsored' : 'own'} lines (${linesTotal})`,
        );
      }
      addLines(byProgram, lines);
    }
    return payment.source.kind === 'CHANNEL'
      ? channelPaymentJournal(payment.paymentId, payment.source.channel, payment.workerId, byProgram)
      : funderPaymentJournal(payment.paymentId, payment.source.funderId, byProgram);
  }
}

/**
 * Everything a settlement writes, in ONE statement: the payments' rows (those given), the parts added to
 * their invoices (PAID when fully paid), the allocations, each payment's balanced journal, and the
 * accounts' coverage. Its answer is a check: the invoices updated must be exactly those decided on, and
 * PAID exactly those the settlement announced; otherwise (a caller that did not hold the rows' locks)
 * the statement fails, by a failing cast (plain SQL has no RAISE), and nothing commits.
 */
const SETTLEMENT_WRITE = new PreparedStatement(
  'settlement_write',
  [
    'uuid[]',
    'bigint[]',
    'bigint[]',
    'timestamptz',
    'uuid[]',
    'uuid[]',
    'bigint[]',
    'text[]',
    'text[]',
    'text[]',
    'text[]',
    'int[]',
    'uuid[]',
    'uuid[]',
    'uuid[]',
    'timestamptz[]',
    'uuid[]',
    'uuid[]',
    'text[]',
    'bigint[]',
    'uuid[]',
    'text[]',
    'uuid[]',
    'int[]',
    'text[]',
    'bigint[]',
    'uuid[]',
    'text[]',
    'date[]',
    'uuid[]',
    'text[]',
    'text[]',
  ],
  // The payments' audit columns came later: $31 and $32, after the others, so that no number moved.
  `WITH recorded AS (
     INSERT INTO payments (id, worker_id, amount, source, paid_by, channel, external_reference, months_ahead, authorisation_id, sponsorship_id, funder_id, received_at,
                           recorded_by_subject, recorded_by_client)
     SELECT * FROM unnest($5::uuid[], $6::uuid[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int[], $13::uuid[], $14::uuid[], $15::uuid[], $16::timestamptz[],
                          $31::text[], $32::text[])
   ), applied AS (
     UPDATE invoices i
        SET worker_paid = i.worker_paid + d.worker, sponsor_paid = i.sponsor_paid + d.sponsor,
            status = CASE WHEN i.worker_paid + d.worker + i.sponsor_paid + d.sponsor = i.amount THEN 'PAID' ELSE i.status END,
            paid_at = CASE WHEN i.worker_paid + d.worker + i.sponsor_paid + d.sponsor = i.amount THEN $4::timestamptz ELSE NULL END
       FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS d(id, worker, sponsor)
      WHERE i.id = d.id AND i.status IN ('ISSUED', 'OVERDUE')
     RETURNING i.id, i.status
   ), allocations AS (
     INSERT INTO payment_allocations (payment_id, invoice_id, period, amount)
     SELECT * FROM unnest($17::uuid[], $18::uuid[], $19::text[], $20::bigint[])
   ), journals AS (
     ${insertJournalsSql('unnest($21::uuid[], $22::text[]) AS j(id, kind)', '$4::timestamptz', ['$23', '$24', '$25', '$26'])}
   ), coverage AS (
     ${coverageUpdateStatement(27).sql}
   )
   SELECT CASE WHEN count(*) = cardinality($1::uuid[]) AND coalesce(bool_and((status = 'PAID') = (id = ANY($30::uuid[]))), true) THEN 'settled'
               ELSE ('settlement: the invoices were not as read: ' || count(*) || ' of ' || cardinality($1::uuid[]) || ' updated, '
                     || count(*) FILTER (WHERE status = 'PAID') || ' PAID where ' || cardinality($30::uuid[]) || ' were announced')::int::text
          END AS outcome
     FROM applied`,
);

/** The values of SETTLEMENT_WRITE, in its parameters' order. */
function writeParameters(w: {
  payments: PaymentToSettle[];
  perInvoice: PerInvoice;
  invoices: Map<string, InvoiceToSettle>;
  journals: Journal[];
  coverage: CoverageUpdate[];
  paidIds: string[];
  now: string;
}): LiteralValue[] {
  const ids = [...w.perInvoice.keys()];
  const allocations = w.payments.flatMap((p) =>
    p.portions.map((portion) => ({ paymentId: p.paymentId, ...portion, period: w.invoices.get(portion.invoiceId)!.period })),
  );
  const rows = paymentRows(w.payments);
  return [
    ids,
    ids.map((id) => w.perInvoice.get(id)!.worker),
    ids.map((id) => w.perInvoice.get(id)!.sponsor),
    w.now,
    ...rows.columns,
    allocations.map((r) => r.paymentId),
    allocations.map((r) => r.invoiceId),
    allocations.map((r) => r.period),
    allocations.map((r) => r.amount),
    w.journals.map((j) => j.id),
    w.journals.map((j) => j.kind),
    ...journalLineColumns(w.journals),
    ...coverageUpdateStatement(27).parameters(w.coverage),
    w.paidIds,
    ...rows.recordedBy,
  ];
}

function partsPerInvoice(payments: PaymentToSettle[]): PerInvoice {
  const perInvoice: PerInvoice = new Map();
  for (const payment of payments) {
    for (const portion of payment.portions) {
      const entry = perInvoice.get(portion.invoiceId) ?? { worker: 0, sponsor: 0, payment };
      if (payment.source.kind === 'CHANNEL') entry.worker += portion.amount;
      else entry.sponsor += portion.amount;
      entry.payment = payment;
      perInvoice.set(portion.invoiceId, entry);
    }
  }
  return perInvoice;
}

/** The payments' rows to write, column by column: $5..$16 of SETTLEMENT_WRITE, and who recorded them ($31, $32). */
function paymentRows(payments: PaymentToSettle[]): {
  columns: Array<Array<string | number | null>>;
  recordedBy: Array<Array<string | null>>;
} {
  const written = payments.filter((p): p is PaymentToSettle & { row: PaymentRow } => p.row !== undefined);
  const channel = (p: PaymentToSettle) => (p.source.kind === 'CHANNEL' ? p.source.channel : null);
  const funder = (p: PaymentToSettle) => (p.source.kind === 'FUNDER' ? p.source.funderId : null);
  const recordedBy = [written.map((p) => p.row.recordedBy?.subject ?? null), written.map((p) => p.row.recordedBy?.clientId ?? null)];
  const columns = [
    written.map((p) => p.paymentId),
    written.map((p) => p.workerId),
    written.map((p) => p.row.amount),
    written.map((p) => p.source.kind),
    written.map((p) => p.paidBy),
    written.map(channel),
    written.map((p) => p.row.externalReference ?? null),
    written.map((p) => p.row.monthsAhead ?? null),
    // A funder's payment takes its authorisation's id as its own.
    written.map((p) => (funder(p) ? p.paymentId : null)),
    written.map((p) => p.row.sponsorshipId ?? null),
    written.map(funder),
    written.map((p) => p.row.receivedAt),
  ];
  return { columns, recordedBy };
}
