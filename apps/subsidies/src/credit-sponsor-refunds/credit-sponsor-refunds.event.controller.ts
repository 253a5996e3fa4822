import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { type ContributionRefundedV1, EVENTS, type EventEnvelope } from '@jaring/contracts';
import { KafkaEventContext, OnEvent } from '@jaring/messaging';
import { CreditSponsorRefundsHandler } from './credit-sponsor-refunds.handler';

/** Contributions' refunds after a death: a sponsor's part goes back to its programme's budget. */
@Controller()
export class CreditSponsorRefundsEventController {
  constructor(private readonly credit: CreditSponsorRefundsHandler) {}

  @OnEvent(EVENTS.ContributionRefunded)
  async refunded(@Payload() event: EventEnvelope<ContributionRefundedV1>, @Ctx() context: KafkaEventContext): Promise<void> {
    await this.credit.handle(context.manager, event);
  }
}
