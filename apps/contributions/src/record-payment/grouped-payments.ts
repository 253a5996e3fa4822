import { Inject, Injectable } from '@nestjs/common';
import { QueryFailedError, type QueryRunner } from 'typeorm';
import { type Clock, Period } from '@jaring/domain';
import { CLOCK, isLostRace, PreparedStatement, rollbackToSavepoint, sendWith, type Settled } from '@jaring/platform';
import { InvoiceIssuer } from '../invoices/invoice-issuer';
import { Settlement } from '../payments/settlement';
import {
  type AccountRow,
  type DecidedPayment,
  duplicatePayment,
  invoicesChanged,
  type OpenInvoiceRow,
  PaymentDecision,
  type PaymentRequest,
  type PaymentState,
} from './payment-decision';
import type { PaymentDto } from './record-payment.dto';

/**
 * Channels' payments settled together in the caller's transaction (a group commit of POST /v1/payments),
 * each answered on its own: its PaymentDto, or its own error, never a neighbour's.
 *
 * - Every worker's account is locked first, in one statement in worker id order (as the Kafka path's
 *   funder payments lock theirs): two groups, or a group and a funders' batch, cannot deadlock on them.
 * - The payments go in rounds: a round has each worker and each channel reference at most once, so its
 *   payments are independent and are decided on one read of their state. A second payment of the same
 *   worker, or of the same reference, goes in the next round, which reads again, in the same transaction,
 *   after the first's writes: it is decided exactly as it would be after the first had committed.
 * - A round's plain payments (the usual: open invoices only) are settled by ONE call of the settlement the
 *   Kafka path uses (one outbox insert and one statement for them all), behind a savepoint. When that fails
 *   (a channel reference recorded meanwhile by another transaction, an invoice not as read), it is undone
 *   and each payment is settled alone behind a savepoint of its own, so only the culprit fails.
 * - A payment that writes before its settlement (a lapsed worker re-joining, months issued ahead: rare) is
 *   settled alone behind its own savepoint, which its refusal (invoices-changed) rolls back whole.
 * A lost race (deadlock) is not one payment's fault: it ends the transaction, and the group runs again.
 */
@Injectable()
export class GroupedPayments {
  private savepoints = 0;

  constructor(
    private readonly decision: PaymentDecision,
    private readonly settlement: Settlement,
    private readonly issuer: InvoiceIssuer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async settle(runner: QueryRunner, requests: PaymentRequest[]): Promise<Array<Settled<PaymentDto>>> {
    const current = Period.current(this.clock);
    const answers: Array<Settled<PaymentDto>> = [];
    const everyWorker = [...new Set(requests.map((r) => r.body.workerId))].sort();
    for (const [n, round] of roundsOf(requests).entries()) {
      const workers = [...new Set(round.map((i) => requests[i].body.workerId))];
      const rows = await sendWith<
        [AccountRow[], Array<{ channel: string; external_reference: string; id: string }>, OpenInvoiceRow[], LastRow[]]
      >(runner, [
        // The first round locks every account of the group; the later ones read theirs again (held already).
        LOCK_ACCOUNTS.with(n === 0 ? everyWorker : workers),
        RECORDED_PAYMENTS.with(
          round.map((i) => requests[i].by.channel),
          round.map((i) => requests[i].body.externalReference),
        ),
        LOCK_OPEN_INVOICES.with(workers, current.toString()),
        LAST_INVOICED.with(workers),
      ]);
      const states = statesOf(rows);
      const together: Array<{ index: number; decided: DecidedPayment }> = [];
      for (const index of round) {
        const request = requests[index];
        try {
          const decided = await this.decision.decide(runner.manager, request, current, states(request));
          if (decided.rejoinFrom || decided.ahead.length) answers[index] = await this.settleAlone(runner, decided);
          else together.push({ index, decided });
        } catch (error) {
          if (isLostRace(error)) throw error;
          answers[index] = { ok: false, error };
        }
      }
      await this.settleTogether(runner, together, answers);
    }
    return answers;
  }

  private async settleTogether(
    runner: QueryRunner,
    payments: Array<{ index: number; decided: DecidedPayment }>,
    answers: Array<Settled<PaymentDto>>,
  ): Promise<void> {
    if (!payments.length) return;
    const savepoint = this.savepoint();
    let sent = false;
    try {
      const writes = await this.settlement.settleAtCommit(
        runner.manager,
        payments.map((p) => p.decided.payment),
        {
          invoices: payments.flatMap((p) => p.decided.state.invoices),
          accounts: payments.flatMap((p) => p.decided.state.accounts),
        },
      );
      sent = true;
      await sendWith(runner, writes, savepoint);
      for (const { index, decided } of payments) answers[index] = { ok: true, value: decided.answer };
    } catch (error) {
      if (isLostRace(error)) throw error;
      // One of them could not be settled: undo them all, and settle each alone to find which.
      if (sent) await rollbackToSavepoint(runner, savepoint);
      for (const { index, decided } of payments) answers[index] = await this.settleAlone(runner, decided);
    }
  }

  /** One payment behind a savepoint of its own: what it wrote is undone when it fails. */
  private async settleAlone(runner: QueryRunner, decided: DecidedPayment): Promise<Settled<PaymentDto>> {
    const savepoint = this.savepoint();
    let saved = false;
    try {
      if (decided.rejoinFrom || decided.ahead.length) {
        await sendWith(runner, [], savepoint);
        saved = true;
        if (decided.rejoinFrom) {
          await runner.manager.query('UPDATE accounts SET billing_from = $2, updated_at = now() WHERE worker_id = $1', [
            decided.payment.workerId,
            decided.rejoinFrom,
          ]);
        }
        const issued = await this.issuer.insert(runner.manager, decided.ahead);
        if (issued.length !== decided.ahead.length) throw invoicesChanged();
      }
      const writes = await this.settlement.settleAtCommit(runner.manager, [decided.payment], decided.state);
      // The savepoint goes first in the writes' own message unless it was set already: once sent, it exists
      // even when a statement after it fails, and must be rolled back to.
      const setting = saved ? undefined : savepoint;
      saved = true;
      await sendWith(runner, writes, setting);
      return { ok: true, value: decided.answer };
    } catch (error) {
      if (isLostRace(error)) throw error;
      if (saved) await rollbackToSavepoint(runner, savepoint);
      return { ok: false, error: channelReferenceTaken(error) ? duplicatePayment('(recorded concurrently)') : error };
    }
  }

  private savepoint(): string {
    this.savepoints = (this.savepoints + 1) % 1_000_000;
    return `payment_${this.savepoints}`;
  }
}

/**
 * The requests' rounds, as indexes: each request goes in the round after the last one holding its worker
 * or its channel reference, so that the rounds, in order, are the requests one after the other.
 */
export function roundsOf(requests: PaymentRequest[]): number[][] {
  const rounds: number[][] = [];
  const lastRound = new Map<string, number>();
  requests.forEach((request, index) => {
    const worker = `worker\0${request.body.workerId}`;
    const reference = `reference\0${request.by.channel}\0${request.body.externalReference}`;
    const round = Math.max(lastRound.get(worker) ?? -1, lastRound.get(reference) ?? -1) + 1;
    (rounds[round] ??= []).push(index);
    lastRound.set(worker, round);
    lastRound.set(reference, round);
  });
  return rounds;
}

/**
 * Two transactions with the same channel reference at the same moment: the unique index lets one through;
 * the other is the same duplicate as when checked beforehand.
 */
function channelReferenceTaken(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { constraint?: string })?.constraint === 'payments_channel_reference';
}

interface LastRow {
  worker_id: string;
  last: string | null;
}

/** Each request's state, from one round's rows. */
function statesOf([accounts, recorded, open, last]: [
  AccountRow[],
  Array<{ channel: string; external_reference: string; id: string }>,
  OpenInvoiceRow[],
  LastRow[],
]): (request: PaymentRequest) => PaymentState {
  const account = new Map(accounts.map((a) => [a.worker_id, a]));
  const existing = new Map(recorded.map((p) => [`${p.channel}\0${p.external_reference}`, { id: p.id }]));
  const openOf = new Map<string, OpenInvoiceRow[]>();
  for (const invoice of open) openOf.set(invoice.worker_id, [...(openOf.get(invoice.worker_id) ?? []), invoice]);
  const lastOf = new Map(last.map((l) => [l.worker_id, l.last]));
  return ({ body, by }) => ({
    account: account.get(body.workerId),
    existing: existing.get(`${by.channel}\0${body.externalReference}`),
    open: openOf.get(body.workerId) ?? [],
    last: lastOf.get(body.workerId) ?? null,
  });
}

// A group's reads, sent in one message per round (each statement with its own snapshot, after the locks
// of the ones before it), prepared once per connection.
const LOCK_ACCOUNTS = new PreparedStatement(
  'payments_lock_accounts',
  ['uuid[]'],
  'SELECT worker_id, status, billing_from, paid_through FROM accounts WHERE worker_id = ANY($1::uuid[]) ORDER BY worker_id FOR UPDATE',
);
const RECORDED_PAYMENTS = new PreparedStatement(
  'payments_recorded',
  ['text[]', 'text[]'],
  `SELECT p.channel, p.external_reference, p.id
     FROM payments p JOIN unnest($1::text[], $2::text[]) AS r(channel, reference) ON p.channel = r.channel AND p.external_reference = r.reference`,
);
// The invoices a payment may settle start at the billing start, the current period ($2) for a lapsed
// worker (re-joining). Locked in a fixed order, under the accounts' locks.
export const LOCK_OPEN_INVOICES = new PreparedStatement(
  'payments_lock_open_invoices',
  ['uuid[]', 'text'],
  `SELECT i.id, i.worker_id, i.period, i.amount, i.status, i.amount - i.sponsored_amount - i.worker_paid AS owed,
          i.amount - i.worker_paid - i.sponsor_paid AS outstanding, i.lines, i.sponsored_programs
     FROM invoices i JOIN accounts a ON a.worker_id = i.worker_id
    WHERE i.worker_id = ANY($1::uuid[]) AND i.status IN ('ISSUED', 'OVERDUE')
      AND i.period >= CASE WHEN a.status = 'LAPSED' THEN $2 ELSE a.billing_from END
    ORDER BY i.worker_id, i.period FOR UPDATE OF i`,
);
// Each worker's last period invoiced (voided ones aside): the newest entry of the live invoices' index, one probe a
// worker. A max() over the worker's invoices read its whole history, which grows by twelve a year.
export const LAST_INVOICED = new PreparedStatement(
  'payments_last_invoiced',
  ['uuid[]'],
  `SELECT w.worker_id,
          (SELECT i.period FROM invoices i WHERE i.worker_id = w.worker_id AND i.status <> 'VOID' ORDER BY i.period DESC LIMIT 1) AS last
     FROM unnest($1::uuid[]) AS w(worker_id)`,
);
