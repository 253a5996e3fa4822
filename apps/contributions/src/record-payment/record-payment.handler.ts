import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager, QueryFailedError } from 'typeorm';
import { type Clock, Period, UseCaseError } from '@jaring/domain';
import {
  type Actor,
  type BoundStatement,
  CLOCK,
  IDEMPOTENCY_KEY_HELD,
  Idempotency,
  type IdempotentOutcome,
  type IdempotentRequest,
  type IdempotentWork,
  PreparedStatement,
  rupiah,
} from '@jaring/platform';
import { MAX_MONTHS_BEYOND_CURRENT, planPayment } from '../domain/payment-plan';
import { InvoiceIssuer, type PreparedInvoice } from '../invoices/invoice-issuer';
import { type InvoiceToSettle, invoiceToSettle, type InvoiceToSettleRow, Settlement } from '../payments/settlement';
import type { CreatePaymentDto, PaymentDto } from './record-payment.dto';

interface AccountRow {
  worker_id: string;
  status: string;
  billing_from: string;
  paid_through: string | null;
}

interface OpenInvoiceRow extends InvoiceToSettleRow {
  /** The worker's part still to pay. */
  owed: string;
}

/**
 * Who pays in: the channel of the caller's credential, never the body's (a bank cannot record a payment as
 * another channel's), and who recorded it, for the audit trail.
 */
export interface PaymentChannel {
  channel: string;
  recordedBy: Actor;
}

/** What a payment is decided on, read under the account's lock. */
interface PaymentState {
  account: AccountRow | undefined;
  /** The payment already recorded with this channel reference, if any. */
  existing: { id: string } | undefined;
  /** The open invoices from the billing start on, oldest first, locked. */
  open: OpenInvoiceRow[];
  /** The latest period invoiced (VOID aside). */
  last: string | null;
}

/**
 * A worker's payment through a channel (docs/api.md, POST /v1/payments), in the caller's transaction (the
 * Idempotency-Key's): it settles the oldest open invoices first and the rest pays whole months ahead,
 * issuing those invoices at their own periods' rates; an amount that fits no rule is refused with the
 * reason and the amounts that would fit, and nothing is written. A lapsed worker who pays re-joins from
 * the current period (docs/rules.md: coverage never reaches back over an unpaid period).
 *
 * Round trips, the usual payment (the open invoices, nothing ahead): two. Its reads go in the
 * Idempotency-Key's first round trip (`stateReads`), and the settlement's events (outbox) and its one
 * write in the last, with the key's answer and COMMIT.
 */
@Injectable()
export class RecordPaymentHandler {
  constructor(
    private readonly issuer: InvoiceIssuer,
    private readonly settlement: Settlement,
    private readonly idempotency: Idempotency,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Records the payment under its Idempotency-Key (a replay of the same key and body answers the same), as
   * a payment of `by.channel`: the body's `channel`, if any, is not read.
   */
  async record(key: IdempotentRequest, body: CreatePaymentDto, by: PaymentChannel): Promise<IdempotentOutcome<PaymentDto>> {
    try {
      const payment = this.start(body, by);
      return await this.idempotency.runBatched(key, payment.reads, payment.pay);
    } catch (error) {
      // Two requests with different keys and the same channel reference at the same moment: the unique
      // index lets one through; the other is the same duplicate as when checked beforehand.
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { constraint?: string })?.constraint === 'payments_channel_reference'
      ) {
        throw duplicatePayment('(recorded concurrently)');
      }
      throw error;
    }
  }

  /**
   * A payment request for `Idempotency.runBatched`: the reads it starts with (sent in the key's first
   * round trip), then `pay` with their rows, which answers the body and the settlement's write (sent
   * with the key's answer and COMMIT).
   */
  private start(
    body: CreatePaymentDto,
    by: PaymentChannel,
  ): {
    reads: BoundStatement[];
    pay: (manager: EntityManager, rows: unknown[][]) => Promise<IdempotentWork<PaymentDto>>;
  } {
    const current = Period.current(this.clock);
    return {
      reads: stateReads(body, by.channel, current),
      pay: (manager, rows) => this.pay(manager, body, by, current, stateOf(rows)),
    };
  }

  private async pay(
    manager: EntityManager,
    body: CreatePaymentDto,
    by: PaymentChannel,
    current: Period,
    state: PaymentState,
  ): Promise<IdempotentWork<PaymentDto>> {
    const { account, existing, open, last } = state;
    if (!account) throw UseCaseError.notFound(`no contribution account for worker ${body.workerId}`, { type: 'worker-not-found' });
    if (account.status === 'DEREGISTERED') {
      throw UseCaseError.unprocessable('the worker is deregistered: nothing can be paid', {
        type: 'worker-deregistered',
        errors: [{ field: 'workerId', reason: 'deregistered' }],
      });
    }
    if (existing) throw duplicatePayment(existing.id);

    const rejoining = account.status === 'LAPSED';
    const billingFrom = rejoining ? current : Period.parse(account.billing_from);
    let start = last ? Period.parse(last).next() : billingFrom;
    if (start.isBefore(billingFrom)) start = billingFrom;
    const limit = current.plusMonths(MAX_MONTHS_BEYOND_CURRENT);
    const futurePeriods = start.isAfter(limit) ? [] : Period.sequence(start, Math.min(12, start.monthsUntil(limit) + 1));
    // Months ahead are priced only when the open invoices cannot be the whole answer (the usual payment
    // settles what is open: one query fewer).
    const openTotal = open.reduce((sum, o) => sum + rupiah(o.owed), 0);
    const needsAhead = body.months !== undefined || body.amount > openTotal;
    const future = needsAhead
      ? await this.issuer.prepare(
          manager,
          futurePeriods.map((period) => ({ workerId: body.workerId, period })),
        )
      : [];

    const plan = planPayment({
      amount: body.amount,
      months: body.months,
      open: open.map((o) => ({ invoiceId: o.id, period: Period.parse(o.period), owed: rupiah(o.owed) })),
      future: future.map((f) => ({ period: f.period, owed: f.workerAmount })),
    });
    if (!plan.ok) {
      throw UseCaseError.unprocessable(plan.reason, {
        type: 'payment-amount-not-accepted',
        errors: [{ field: body.months !== undefined && plan.accepted.length === 0 ? 'months' : 'amount', reason: plan.reason }],
        extensions: { acceptedAmounts: plan.accepted },
      });
    }

    if (rejoining)
      await manager.query('UPDATE accounts SET billing_from = $2, updated_at = now() WHERE worker_id = $1', [
        body.workerId,
        current.toString(),
      ]);
    const ahead = future.slice(0, plan.monthsAhead);
    const issued = await this.issuer.insert(manager, ahead);
    if (issued.length !== ahead.length) {
      throw UseCaseError.conflict('the worker was billed while this payment was being applied; retry with the same Idempotency-Key', {
        type: 'invoices-changed',
      });
    }
    const aheadIds = new Map(ahead.map((f) => [f.period.toString(), f.id]));
    const appliedTo = plan.items
      .filter((item) => item.amount > 0)
      .map((item) => ({
        invoiceId: item.invoiceId ?? aheadIds.get(item.period.toString())!,
        period: item.period.toString(),
        amount: item.amount,
      }));

    const id = randomUUID();
    const receivedAt = this.clock.now().toISOString();
    // The settlement writes the payment's row with everything else, from the rows read and issued here
    // under the account's lock (no need to read them again): its outbox insert and one statement, sent with the COMMIT.
    const writes = await this.settlement.settleAtCommit(
      manager,
      [
        {
          paymentId: id,
          workerId: body.workerId,
          paidBy: 'SELF',
          source: { kind: 'CHANNEL', channel: by.channel },
          portions: appliedTo.map(({ invoiceId, amount }) => ({ invoiceId, amount })),
          row: {
            amount: body.amount,
            receivedAt,
            externalReference: body.externalReference,
            monthsAhead: plan.monthsAhead,
            recordedBy: by.recordedBy,
          },
        },
      ],
      {
        invoices: [...open.map(invoiceToSettle), ...issued.map((invoice) => issuedInvoiceToSettle(invoice, account.worker_id))],
        accounts: [
          { workerId: account.worker_id, status: account.status, billingFrom: billingFrom.toString(), paidThrough: account.paid_through },
        ],
      },
    );
    return {
      body: {
        id,
        workerId: body.workerId,
        amount: body.amount,
        channel: by.channel,
        externalReference: body.externalReference,
        monthsAhead: plan.monthsAhead,
        appliedTo,
        receivedAt,
      },
      atCommit: writes,
    };
  }
}

/**
 * What a payment is decided on: the account (locked), the duplicate check, the open invoices (locked) and
 * the latest invoiced period. Four statements, sent in one message with the Idempotency-Key's own: they
 * run in order, each with its own snapshot, so the reads after the account's lock see whatever its
 * previous holder committed, exactly as when sent one by one (one statement would read with a snapshot
 * taken before waiting for the lock). Prepared once per connection (`PreparedStatement`).
 */
function stateReads(body: CreatePaymentDto, channel: string, current: Period): BoundStatement[] {
  return [
    GENERIC_PLANS.with(),
    LOCK_ACCOUNT.with(body.workerId),
    RECORDED_PAYMENT.with(channel, body.externalReference),
    LOCK_OPEN_INVOICES.with(body.workerId, current.toString()),
    LAST_INVOICED.with(body.workerId),
  ];
}

// The prepared statements of a payment's transaction (these reads, the settlement's write) plan their
// one-payment arrays the same way every time (index lookups): one generic plan per connection instead
// of PostgreSQL's first five custom plans and, for the settlement's write, a custom plan at every
// payment (its arrays' sizes tip the cost estimate). Transaction-local (`set_config(..., true)`).
const GENERIC_PLANS = new PreparedStatement(
  'payment_generic_plans',
  [],
  `SELECT set_config('plan_cache_mode', 'force_generic_plan', true)`,
);
const LOCK_ACCOUNT = new PreparedStatement(
  'payment_lock_account',
  ['uuid'],
  `SELECT worker_id, status, billing_from, paid_through FROM accounts WHERE worker_id = $1 AND ${IDEMPOTENCY_KEY_HELD} FOR UPDATE`,
);
const RECORDED_PAYMENT = new PreparedStatement(
  'payment_recorded',
  ['text', 'text'],
  'SELECT id FROM payments WHERE channel = $1 AND external_reference = $2',
);
// The invoices a payment may settle start at the billing start, the current period ($2) for a lapsed
// worker (re-joining): `billingFrom` in `pay`, here in SQL since the account is read in the same trip.
const LOCK_OPEN_INVOICES = new PreparedStatement(
  'payment_lock_open_invoices',
  ['uuid', 'text'],
  `SELECT id, worker_id, period, amount, status, amount - sponsored_amount - worker_paid AS owed, amount - worker_paid - sponsor_paid AS outstanding,
          lines, sponsored_programs
     FROM invoices
    WHERE worker_id = $1 AND status IN ('ISSUED', 'OVERDUE') AND ${IDEMPOTENCY_KEY_HELD}
      AND period >= (SELECT CASE WHEN status = 'LAPSED' THEN $2 ELSE billing_from END FROM accounts WHERE worker_id = $1)
    ORDER BY period FOR UPDATE`,
);
const LAST_INVOICED = new PreparedStatement(
  'payment_last_invoiced',
  ['uuid'],
  `SELECT max(period) AS last FROM invoices WHERE worker_id = $1 AND status <> 'VOID'`,
);

function stateOf(rows: unknown[][]): PaymentState {
  const [, accounts, existing, open, [{ last }]] = rows as [
    unknown[],
    AccountRow[],
    Array<{ id: string }>,
    OpenInvoiceRow[],
    Array<{ last: string | null }>,
  ];
  return { account: accounts[0], existing: existing[0], open, last };
}

/** An invoice this payment has just issued ahead: nothing paid on it yet (the worker id as stored). */
function issuedInvoiceToSettle(invoice: PreparedInvoice, workerId: string): InvoiceToSettle {
  return {
    id: invoice.id,
    workerId,
    period: invoice.period.toString(),
    amount: invoice.amount,
    status: 'ISSUED',
    outstanding: invoice.amount,
    lines: invoice.quote.lines,
    sponsoredPrograms: invoice.sponsoredPrograms,
  };
}

function duplicatePayment(paymentId: string): UseCaseError {
  return UseCaseError.conflict('this channel reference was already recorded as a payment', {
    type: 'payment-already-recorded',
    errors: [{ field: 'externalReference', reason: 'already recorded for this channel' }],
    extensions: { paymentId },
  });
}
