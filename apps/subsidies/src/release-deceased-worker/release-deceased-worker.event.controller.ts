import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type EventEnvelope, type WorkerDiedV1 } from '@jaring/contracts';
import { KafkaEventContext, OnEvent } from '@jaring/messaging';
import { ReleaseDeceasedWorkerHandler } from './release-deceased-worker.handler';

/** Enrollment's deaths: the worker's sponsorships end and their months after the death return to the budgets. */
@Controller()
export class ReleaseDeceasedWorkerEventController {
  constructor(private readonly releaseDeceased: ReleaseDeceasedWorkerHandler) {}

  @OnEvent(EVENTS.WorkerDied)
  async died(@Payload() event: EventEnvelope<WorkerDiedV1>, @Ctx() context: KafkaEventContext): Promise<void> {
    await this.releaseDeceased.handle(context.manager, event);
  }
}
