import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type EventEnvelope, type SubsidyPaymentAuthorisedV1 } from '@jaring/contracts';
import { type KafkaEventContext, OnEvent } from '@jaring/messaging';
import { ApplyFunderPaymentsHandler } from './apply-funder-payments.handler';

/** subsidies.sponsorships.v1 → funders' payments of sponsored invoices. Authorised by the thousand: batched. */
@Controller()
export class ApplyFunderPaymentsEventController {
  constructor(private readonly funderPayments: ApplyFunderPaymentsHandler) {}

  @OnEvent(EVENTS.SubsidyPaymentAuthorised, { batch: true })
  async paymentAuthorised(
    @Payload() events: Array<EventEnvelope<SubsidyPaymentAuthorisedV1>>,
    @Ctx() ctx: KafkaEventContext,
  ): Promise<void> {
    await this.funderPayments.apply(ctx.manager, events);
  }
}
