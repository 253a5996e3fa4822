import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Clock, Period, UseCaseError } from '@jaring/domain';
import { type Actor, CLOCK, rupiah } from '@jaring/platform';
import type { AccountState } from '../accounts/coverage-updater';
import { MAX_MONTHS_BEYOND_CURRENT, planPayment } from '../domain/payment-plan';
import { InvoiceIssuer, type PreparedInvoice } from '../invoices/invoice-issuer';
import {
  type InvoiceToSettle,
  invoiceToSettle,
  type InvoiceToSettleRow,
  type PaymentToSettle,
  type SettlementState,
} from '../payments/settlement';
import type { CreatePaymentDto, PaymentDto } from './record-payment.dto';

/**
 * Who pays in: the channel of the caller's credential, never the body's (a bank cannot record a payment as
 * another channel's), and who recorded it, for the audit trail.
 */
export interface PaymentChannel {
  channel: string;
  recordedBy: Actor;
}

/** One POST /v1/payments: its body and its caller's channel. */
export interface PaymentRequest {
  body: CreatePaymentDto;
  by: PaymentChannel;
}

export interface AccountRow {
  worker_id: string;
  status: string;
  billing_from: string;
  paid_through: string | null;
}

export interface OpenInvoiceRow extends InvoiceToSettleRow {
  /** The worker's part still to pay. */
  owed: string;
}

/** What a payment is decided on, read under the account's lock in the payment's transaction. */
export interface PaymentState {
  account: AccountRow | undefined;
  /** The payment already recorded with this channel reference, if any. */
  existing: { id: string } | undefined;
  /** The open invoices from the billing start on, oldest first, locked. */
  open: OpenInvoiceRow[];
  /** The latest period invoiced (VOID aside). */
  last: string | null;
}

/** A payment that can be made: its answer, its settlement, and what must be written before it. */
export interface DecidedPayment {
  answer: PaymentDto;
  payment: PaymentToSettle;
  /** The invoices it pays (open or issued ahead) and its account, as the settlement needs them. */
  state: SettlementState;
  /** A lapsed worker re-joins: the account's new billing start. */
  rejoinFrom?: string;
  /** Invoices to issue first: the months paid ahead. */
  ahead: PreparedInvoice[];
}

/**
 * A worker's payment through a channel (docs/api.md, POST /v1/payments), decided on the state read under
 * the account's lock: it settles the oldest open invoices first and the rest pays whole months ahead,
 * issuing those invoices at their own periods' rates; an amount that fits no rule is refused with the
 * reason and the amounts that would fit. A lapsed worker who pays re-joins from the current period
 * (docs/rules.md: coverage never reaches back over an unpaid period). Nothing is written here: the only
 * statement is the pricing of months ahead, when the open invoices cannot be the whole answer.
 */
@Injectable()
export class PaymentDecision {
  constructor(
    private readonly issuer: InvoiceIssuer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async decide(manager: EntityManager, { body, by }: PaymentRequest, current: Period, state: PaymentState): Promise<DecidedPayment> {
    const { account, existing, open, last } = state;
    if (!account) throw UseCaseError.notFound(`no contribution account for worker ${body.workerId}`, { type: 'worker-not-found' });
    if (account.status === 'DEREGISTERED') {
      throw UseCaseError.unprocessable('the worker is deregistered: nothing can be paid', {
        type: 'worker-deregistered',
        errors: [{ field: 'workerId', reason: 'deregistered' }],
      });
    }
    if (account.status === 'DECEASED') {
      // Money for a month after the death would have to be refunded, and money for an unpaid month before it
      // would buy cover for a death that has happened: neither is taken (docs/rules.md, refund).
      throw UseCaseError.unprocessable('the worker has died: the membership has ended and nothing more can be paid', {
        type: 'worker-deceased',
        errors: [{ field: 'workerId', reason: 'deceased' }],
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

    const ahead = future.slice(0, plan.monthsAhead);
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
    const accountState: AccountState = {
      workerId: account.worker_id,
      status: account.status,
      billingFrom: billingFrom.toString(),
      paidThrough: account.paid_through,
    };
    return {
      answer: {
        id,
        workerId: body.workerId,
        amount: body.amount,
        channel: by.channel,
        externalReference: body.externalReference,
        monthsAhead: plan.monthsAhead,
        appliedTo,
        receivedAt,
      },
      // The settlement writes the payment's row with everything else, from the rows read and issued under
      // the account's lock (no need to read them again).
      payment: {
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
      state: {
        invoices: [...open.map(invoiceToSettle), ...ahead.map((invoice) => issuedInvoiceToSettle(invoice, account.worker_id))],
        accounts: [accountState],
      },
      rejoinFrom: rejoining ? current.toString() : undefined,
      ahead,
    };
  }
}

/** An invoice a payment issues ahead: nothing paid on it yet (the worker id as stored). */
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

export function duplicatePayment(paymentId: string): UseCaseError {
  return UseCaseError.conflict('this channel reference was already recorded as a payment', {
    type: 'payment-already-recorded',
    errors: [{ field: 'externalReference', reason: 'already recorded for this channel' }],
    extensions: { paymentId },
  });
}

export function invoicesChanged(): UseCaseError {
  return UseCaseError.conflict('the worker was billed while this payment was being applied; retry with the same Idempotency-Key', {
    type: 'invoices-changed',
  });
}
