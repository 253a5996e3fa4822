import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { GroupCommit, Idempotency, type IdempotentOutcome, type IdempotentRequest, type Settled } from '@jaring/platform';
import { ContributionsConfig } from '../contributions.config';
import { GroupedPayments } from './grouped-payments';
import type { PaymentChannel, PaymentRequest } from './payment-decision';
import type { CreatePaymentDto, PaymentDto } from './record-payment.dto';

export type { PaymentChannel } from './payment-decision';

interface KeyedPayment extends PaymentRequest {
  key: IdempotentRequest;
}

/**
 * POST /v1/payments, by group commit: concurrent requests are gathered for `PAYMENT_GROUP_WINDOW_MS` (or
 * until `PAYMENT_GROUP_SIZE` are waiting) and settled in ONE transaction (`GroupedPayments`, by the
 * settlement the Kafka path uses), each with its own answer, exactly as alone: its Idempotency-Key taken,
 * replayed or refused as `Idempotency.run` would, its payment or its own problem. Why: a payment's own
 * writes are a few rows, while its transaction's fixed costs (round trips, a commit's WAL flush, a pooled
 * connection) were most of its cost; 16 requests in one transaction pay those once.
 */
@Injectable()
export class RecordPaymentHandler implements BeforeApplicationShutdown {
  private readonly group: GroupCommit<KeyedPayment, IdempotentOutcome<PaymentDto>>;

  constructor(
    private readonly payments: GroupedPayments,
    private readonly idempotency: Idempotency,
    config: ContributionsConfig,
  ) {
    this.group = new GroupCommit((items) => this.commit(items), {
      windowMs: config.PAYMENT_GROUP_WINDOW_MS,
      maxSize: config.PAYMENT_GROUP_SIZE,
      maxInFlight: config.PAYMENT_GROUPS_IN_FLIGHT,
    });
  }

  /**
   * Records the payment under its Idempotency-Key (a replay of the same key and body answers the same), as
   * a payment of `by.channel`: the body's `channel`, if any, is not read.
   */
  record(key: IdempotentRequest, body: CreatePaymentDto, by: PaymentChannel): Promise<IdempotentOutcome<PaymentDto>> {
    return this.group.submit({ key, body, by });
  }

  /** Groups committed and payments requested in them since start (tests and metrics). */
  get groups(): { groups: number; items: number } {
    return this.group.stats;
  }

  /** The requests still gathering are committed before the database connections close (at the application's shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.group.close();
  }

  private commit(items: KeyedPayment[]): Promise<Array<Settled<IdempotentOutcome<PaymentDto>>>> {
    return this.idempotency.runGroup(
      items.map((item) => item.key),
      async (runner, fresh) => ({
        answers: await this.payments.settle(
          runner,
          fresh.map((index) => items[index]),
        ),
      }),
    );
  }
}
