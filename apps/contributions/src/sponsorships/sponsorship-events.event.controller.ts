import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type EventEnvelope, type SponsorshipGrantedV1, type SubsidyPaymentAuthorisedV1 } from '@jaring/contracts';
import { type KafkaEventContext, OnEvent } from '@jaring/messaging';
import { FunderPaymentsService } from './funder-payments.service';
import { SponsorshipsService } from './sponsorships.service';

/** subsidies.sponsorships.v1 → sponsored periods and funders' payments. A regency sponsors workers by the thousand: batched. */
@Controller()
export class SponsorshipEventsController {
  constructor(
    private readonly sponsorships: SponsorshipsService,
    private readonly funderPayments: FunderPaymentsService,
  ) {}

  @OnEvent(EVENTS.SponsorshipGranted, { batch: true })
  async granted(@Payload() events: Array<EventEnvelope<SponsorshipGrantedV1>>, @Ctx() ctx: KafkaEventContext): Promise<void> {
    await this.sponsorships.grant(ctx.manager, events);
  }

  @OnEvent(EVENTS.SubsidyPaymentAuthorised, { batch: true })
  async paymentAuthorised(
    @Payload() events: Array<EventEnvelope<SubsidyPaymentAuthorisedV1>>,
    @Ctx() ctx: KafkaEventContext,
  ): Promise<void> {
    await this.funderPayments.apply(ctx.manager, events);
  }
}
