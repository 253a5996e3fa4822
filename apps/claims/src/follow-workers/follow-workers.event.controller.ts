import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type AnyWorkerChanged, type AnyWorkerRegistered, type EventEnvelope, type WorkerDeregisteredV1 } from '@jaring/contracts';
import { OnEvent, type KafkaEventContext } from '@jaring/messaging';
import { FollowWorkersHandler } from './follow-workers.handler';

/** enrollment.worker.* → the read model of workers, heirs and terms a claim is decided on. Batches. */
@Controller()
export class FollowWorkersEventController {
  constructor(private readonly handler: FollowWorkersHandler) {}

  @OnEvent(EVENTS.WorkerRegistered, { batch: true })
  async registered(@Payload() events: EventEnvelope<AnyWorkerRegistered>[], @Ctx() ctx: KafkaEventContext): Promise<void> {
    await this.handler.registered(ctx.manager, events);
  }

  @OnEvent(EVENTS.WorkerChanged, { batch: true })
  async changed(@Payload() events: EventEnvelope<AnyWorkerChanged>[], @Ctx() ctx: KafkaEventContext): Promise<void> {
    await this.handler.changed(ctx.manager, events);
  }

  @OnEvent(EVENTS.WorkerDeregistered, { batch: true })
  async deregistered(@Payload() events: EventEnvelope<WorkerDeregisteredV1>[], @Ctx() ctx: KafkaEventContext): Promise<void> {
    await this.handler.deregistered(ctx.manager, events);
  }
}
