import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type EventEnvelope, type AnyWorkerRegistered } from '@jaring/contracts';
import { KafkaEventContext, OnEvent } from '@jaring/messaging';
import { SponsorRegisteredWorkersHandler } from './sponsor-registered-workers.handler';

/** Enrollment's registrations: the read model eligibility is decided on, and the grants they trigger. */
@Controller()
export class SponsorRegisteredWorkersEventController {
  constructor(private readonly sponsorRegistered: SponsorRegisteredWorkersHandler) {}

  @OnEvent(EVENTS.WorkerRegistered, { batch: true })
  async registered(@Payload() events: Array<EventEnvelope<AnyWorkerRegistered>>, @Ctx() context: KafkaEventContext): Promise<void> {
    await this.sponsorRegistered.handle(context.manager, events);
  }
}
