import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Clock, Period } from '@jaring/domain';
import { CLOCK, Problem, problemType } from '@jaring/platform';
import { MAX_MONTHS_BEYOND_CURRENT, planPayment } from '../domain/payment-plan';
import { InvoiceIssuer } from '../invoicing/invoice-issuer';
import { money } from '../shared/sql-values';
import { Settlement } from '../settlement/settlement';
import type { CreatePaymentDto, PaymentDto } from './payment.dto';

interface AccountRow {
  status: string;
  billing_from: string;
}

/**
 * A worker's payment through a channel (API.md, POST /v1/payments), in the caller's transaction (the
 * Idempotency-Key's): it settles the oldest open invoices first and the rest pays whole months ahead,
 * issuing those invoices at their own periods' rates; an amount that fits no rule is refused with the
 * reason and the amounts that would fit, and nothing is written. A lapsed worker who pays re-joins from
 * the current period (RULES.md: coverage never reaches back over an unpaid period).
 */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly issuer: InvoiceIssuer,
    private readonly settlement: Settlement,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async pay(manager: EntityManager, body: CreatePaymentDto): Promise<PaymentDto> {
    const current = Period.current(this.clock);
    const [account] = (await manager.query('SELECT status, billing_from FROM accounts WHERE worker_id = $1 FOR UPDATE', [body.workerId])) as AccountRow[];
    if (!account) throw Problem.notFound(`no contribution account for worker ${body.workerId}`, { type: problemType('worker-not-found') });
    if (account.status === 'DEREGISTERED') {
      throw Problem.unprocessable('the worker is deregistered: nothing can be paid', { type: problemType('worker-deregistered'), errors: [{ field: 'workerId', reason: 'deregistered' }] });
    }
    const [existing] = (await manager.query('SELECT id FROM payments WHERE channel = $1 AND external_reference = $2', [body.channel, body.externalReference])) as Array<{ id: string }>;
    if (existing) throw duplicatePayment(existing.id);

    const rejoining = account.status === 'LAPSED';
    const billingFrom = rejoining ? current : Period.parse(account.billing_from);
    const open = (await manager.query(
      `SELECT id, period, amount - sponsored_amount - worker_paid AS owed FROM invoices
        WHERE worker_id = $1 AND status IN ('ISSUED', 'OVERDUE') AND period >= $2 ORDER BY period FOR UPDATE`,
      [body.workerId, billingFrom.toString()],
    )) as Array<{ id: string; period: string; owed: string }>;
    const [{ last }] = (await manager.query(`SELECT max(period) AS last FROM invoices WHERE worker_id = $1 AND status <> 'VOID'`, [body.workerId])) as Array<{ last: string | null }>;

    let start = last ? Period.parse(last).next() : billingFrom;
    if (start.isBefore(billingFrom)) start = billingFrom;
    const limit = current.plusMonths(MAX_MONTHS_BEYOND_CURRENT);
    const futurePeriods = start.isAfter(limit) ? [] : Period.sequence(start, Math.min(12, start.monthsUntil(limit) + 1));
    // Months ahead are priced only when the open invoices cannot be the whole answer (the usual payment
    // settles what is open: one query fewer).
    const openTotal = open.reduce((sum, o) => sum + money(o.owed), 0);
    const needsAhead = body.months !== undefined || body.amount > openTotal;
    const future = needsAhead ? await this.issuer.prepare(manager, futurePeriods.map((period) => ({ workerId: body.workerId, period }))) : [];

    const plan = planPayment({
      amount: body.amount,
      months: body.months,
      open: open.map((o) => ({ invoiceId: o.id, period: Period.parse(o.period), owed: money(o.owed) })),
      future: future.map((f) => ({ period: f.period, owed: f.workerAmount })),
    });
    if (!plan.ok) {
      throw Problem.unprocessable(plan.reason, {
        type: problemType('payment-amount-not-accepted'),
        errors: [{ field: body.months !== undefined && plan.accepted.length === 0 ? 'months' : 'amount', reason: plan.reason }],
        extensions: { acceptedAmounts: plan.accepted },
      });
    }

    if (rejoining) await manager.query('UPDATE accounts SET billing_from = $2, updated_at = now() WHERE worker_id = $1', [body.workerId, current.toString()]);
    const ahead = future.slice(0, plan.monthsAhead);
    const issued = await this.issuer.insert(manager, ahead);
    if (issued.length !== ahead.length) {
      throw Problem.conflict('the worker was billed while this payment was being applied; retry with the same Idempotency-Key', { type: problemType('invoices-changed') });
    }
    const aheadIds = new Map(ahead.map((f) => [f.period.toString(), f.id]));
    const appliedTo = plan.items
      .filter((item) => item.amount > 0)
      .map((item) => ({ invoiceId: item.invoiceId ?? aheadIds.get(item.period.toString())!, period: item.period.toString(), amount: item.amount }));

    const id = randomUUID();
    const receivedAt = this.clock.now().toISOString();
    await manager.query(
      `INSERT INTO payments (id, worker_id, amount, source, paid_by, channel, external_reference, months_ahead, received_at)
       VALUES ($1, $2, $3, 'CHANNEL', 'SELF', $4, $5, $6, $7)`,
      [id, body.workerId, body.amount, body.channel, body.externalReference, plan.monthsAhead, receivedAt],
    );
    await this.settlement.settle(manager, [
      { paymentId: id, workerId: body.workerId, paidBy: 'SELF', source: { kind: 'CHANNEL', channel: body.channel }, portions: appliedTo.map(({ invoiceId, amount }) => ({ invoiceId, amount })) },
    ]);
    return { id, workerId: body.workerId, amount: body.amount, channel: body.channel, externalReference: body.externalReference, monthsAhead: plan.monthsAhead, appliedTo, receivedAt };
  }
}

export function duplicatePayment(paymentId: string): Problem {
  return Problem.conflict('this channel reference was already recorded as a payment', {
    type: problemType('payment-already-recorded'),
    errors: [{ field: 'externalReference', reason: 'already recorded for this channel' }],
    extensions: { paymentId },
  });
}
