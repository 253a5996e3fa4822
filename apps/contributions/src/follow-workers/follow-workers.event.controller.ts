import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type EventEnvelope, type AnyWorkerChanged, type WorkerDeregisteredV1, type AnyWorkerRegistered } from '@jaring/contracts';
import { type KafkaEventContext, OnEvent } from '@jaring/messaging';
import { FollowWorkersHandler } from './follow-workers.handler';

/** enrollment.workers.v1 → worker accounts. Registrations arrive by the thousand in a bulk import: batched. */
@Controller()
export class FollowWorkersEventController {
  constructor(private readonly accounts: FollowWorkersHandler) {}

  @OnEvent(EVENTS.WorkerRegistered, { batch: true })
  async registered(@Payload() events: Array<EventEnvelope<AnyWorkerRegistered>>, @Ctx() ctx: KafkaEventContext): Promise<void> {
    await this.accounts.register(ctx.manager, events);
  }

  @OnEvent(EVENTS.WorkerChanged)
  async changed(@Payload() event: EventEnvelope<AnyWorkerChanged>, @Ctx() ctx: KafkaEventContext): Promise<void> {
    await this.accounts.change(ctx.manager, event);
  }

  @OnEvent(EVENTS.WorkerDeregistered)
  async deregistered(@Payload() event: EventEnvelope<WorkerDeregisteredV1>, @Ctx() ctx: KafkaEventContext): Promise<void> {
    await this.accounts.deregister(ctx.manager, event);
  }
}
