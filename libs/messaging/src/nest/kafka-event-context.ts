import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { HandlerContext } from '../consumer/idempotent-batch-consumer';

/**
 * What an `@EventPattern` handler gets with `@Ctx()`: above all the transaction (`manager`) its effect
 * must be written in, the same one that records the event as processed.
 */
export class KafkaEventContext extends BaseRpcContext<[HandlerContext]> {
  get manager(): EntityManager {
    return this.args[0].manager;
  }

  get topic(): string {
    return this.args[0].topic;
  }

  get partition(): number {
    return this.args[0].partition;
  }
}
