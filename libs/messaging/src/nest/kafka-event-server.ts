import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { DataSource } from 'typeorm';
import type { Kafka, Producer } from 'kafkajs';
import { EVENT_CATALOG } from '@jaring/contracts';
import {
  IdempotentBatchConsumer,
  type BatchConsumerOptions,
  type HandlerContext,
  type HandlerRegistration,
} from '../consumer/idempotent-batch-consumer';
import { KafkaEventContext } from './kafka-event-context';

export interface KafkaEventServerOptions {
  kafka: Kafka;
  producer: Producer;
  dataSource: DataSource;
  /** The service's consumer group: instances of one service share the work. */
  groupId: string;
  /** Resolves when the topics the consumer reads (given) and the others the service needs exist; awaited before it subscribes. */
  topicsReady?: (consumed: string[]) => Promise<void>;
  consumer?: Partial<Omit<BatchConsumerOptions, 'kafka' | 'producer' | 'dataSource' | 'groupId' | 'handlers'>>;
}

/** Pass `{ batch: true }` as the extras of `@EventPattern` to receive a batch's events of that type at once. */
export interface EventPatternExtras {
  batch?: boolean;
}

/**
 * A Nest transport strategy around the idempotent batch consumer, so handlers stay ordinary
 * `@EventPattern('enrollment.worker.registered')` methods in the app's module, while delivery is batched,
 * deduplicated, transactional and dead-lettered (which Nest's own Kafka transport does not do).
 * The pattern is the event type; the payload is the whole envelope; `@Ctx()` is a KafkaEventContext.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private consumer?: IdempotentBatchConsumer;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    const handlers = new Map<string, HandlerRegistration>();
    for (const [pattern, handler] of this.getHandlers()) {
      if (!handler.isEventHandler) throw new Error(`${pattern}: only @EventPattern handlers are supported over Kafka`);
      const batch = (handler.extras as EventPatternExtras | undefined)?.batch === true;
      const invoke = (payload: unknown, context: HandlerContext) => this.invoke(handler, payload, context);
      handlers.set(pattern, batch ? { batch: true, handle: invoke } : { batch: false, handle: invoke });
    }
    await this.options.topicsReady?.((this.options.consumer?.catalog ?? EVENT_CATALOG).topicsOf(handlers.keys()));
    if (handlers.size) {
      this.consumer = new IdempotentBatchConsumer({
        ...this.options.consumer,
        kafka: this.options.kafka,
        producer: this.options.producer,
        dataSource: this.options.dataSource,
        groupId: this.options.groupId,
        handlers,
      });
      await this.consumer.start();
    }
    callback();
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): never {
    throw new Error('KafkaEventServer has no events to listen to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  /** Runs a Nest handler and waits for it, so its failure reaches the consumer (retry, then DLQ). */
  private async invoke(handler: MessageHandler, payload: unknown, context: HandlerContext): Promise<void> {
    const result: unknown = await handler(payload, new KafkaEventContext([context]));
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }
}
