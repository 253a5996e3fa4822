import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type ContributionRefundedV1, type EventEnvelope } from '@jaring/contracts';
import { OnEvent, type KafkaEventContext } from '@jaring/messaging';
import { OweContributionRefundHandler } from './owe-contribution-refund.handler';

/** contributions.contribution.refunded → the worker's own contributions owed back with the death claim. Batches. */
@Controller()
export class OweContributionRefundEventController {
  constructor(private readonly handler: OweContributionRefundHandler) {}

  @OnEvent(EVENTS.ContributionRefunded, { batch: true })
  async refunded(@Payload() events: EventEnvelope<ContributionRefundedV1>[], @Ctx() ctx: KafkaEventContext): Promise<void> {
    await this.handler.owe(ctx.manager, events);
  }
}
