import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type EventEnvelope, type WorkerChangedV1, type WorkerDeregisteredV1, type WorkerRegisteredV1 } from '@jaring/contracts';
import { KafkaEventContext, OnEvent } from '@jaring/messaging';
import { ReleaseDeregisteredWorker } from '../sponsorships/release-deregistered-worker.handler';
import { SponsorRegisteredWorkers } from '../sponsorships/sponsor-registered-workers.handler';
import { recordChange } from './worker-read-model';

/** Enrollment's worker events: the read model eligibility is decided on, and the grants they trigger. */
@Controller()
export class WorkerEventsController {
  constructor(
    private readonly sponsorRegistered: SponsorRegisteredWorkers,
    private readonly releaseDeregistered: ReleaseDeregisteredWorker,
  ) {}

  @OnEvent(EVENTS.WorkerRegistered, { batch: true })
  async registered(@Payload() events: Array<EventEnvelope<WorkerRegisteredV1>>, @Ctx() context: KafkaEventContext): Promise<void> {
    await this.sponsorRegistered.handle(context.manager, events);
  }

  @OnEvent(EVENTS.WorkerChanged)
  async changed(@Payload() event: EventEnvelope<WorkerChangedV1>, @Ctx() context: KafkaEventContext): Promise<void> {
    await recordChange(context.manager, event.data);
  }

  @OnEvent(EVENTS.WorkerDeregistered)
  async deregistered(@Payload() event: EventEnvelope<WorkerDeregisteredV1>, @Ctx() context: KafkaEventContext): Promise<void> {
    await this.releaseDeregistered.handle(context.manager, event);
  }
}
