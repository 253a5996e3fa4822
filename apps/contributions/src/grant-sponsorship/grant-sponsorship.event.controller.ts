import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type EventEnvelope, type SponsorshipGrantedV1 } from '@jaring/contracts';
import { type KafkaEventContext, OnEvent } from '@jaring/messaging';
import { GrantSponsorshipHandler } from './grant-sponsorship.handler';

/** subsidies.sponsorships.v1 → sponsored periods. A regency sponsors workers by the thousand: batched. */
@Controller()
export class GrantSponsorshipEventController {
  constructor(private readonly sponsorships: GrantSponsorshipHandler) {}

  @OnEvent(EVENTS.SponsorshipGranted, { batch: true })
  async granted(@Payload() events: Array<EventEnvelope<SponsorshipGrantedV1>>, @Ctx() ctx: KafkaEventContext): Promise<void> {
    await this.sponsorships.grant(ctx.manager, events);
  }
}
