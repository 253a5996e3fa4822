import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type EventEnvelope, type WorkerDeregisteredV1 } from '@jaring/contracts';
import { KafkaEventContext, OnEvent } from '@jaring/messaging';
import { ReleaseDeregisteredWorkerHandler } from './release-deregistered-worker.handler';

/** Enrollment's deregistrations: the worker's sponsorships end and their reservations return to the budgets. */
@Controller()
export class ReleaseDeregisteredWorkerEventController {
  constructor(private readonly releaseDeregistered: ReleaseDeregisteredWorkerHandler) {}

  @OnEvent(EVENTS.WorkerDeregistered)
  async deregistered(@Payload() event: EventEnvelope<WorkerDeregisteredV1>, @Ctx() context: KafkaEventContext): Promise<void> {
    await this.releaseDeregistered.handle(context.manager, event);
  }
}
