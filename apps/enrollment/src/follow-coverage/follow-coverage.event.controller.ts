import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { type CoverageChangedV1, type CoverageLapsedV1, EVENTS, type EventEnvelope } from '@jaring/contracts';
import { KafkaEventContext, OnEvent } from '@jaring/messaging';
import { FollowCoverageHandler } from './follow-coverage.handler';

/** contributions.coverage.* → the worker's membership status. Batches: a funded cohort activates thousands at once. */
@Controller()
export class FollowCoverageEventController {
  constructor(private readonly handler: FollowCoverageHandler) {}

  @OnEvent(EVENTS.CoverageActivated, { batch: true })
  async activated(@Payload() events: EventEnvelope<CoverageChangedV1>[], @Ctx() context: KafkaEventContext): Promise<void> {
    await this.handler.activated(context.manager, events);
  }

  @OnEvent(EVENTS.CoverageExtended, { batch: true })
  async extended(@Payload() events: EventEnvelope<CoverageChangedV1>[], @Ctx() context: KafkaEventContext): Promise<void> {
    await this.handler.extended(context.manager, events);
  }

  @OnEvent(EVENTS.CoverageLapsed, { batch: true })
  async lapsed(@Payload() events: EventEnvelope<CoverageLapsedV1>[], @Ctx() context: KafkaEventContext): Promise<void> {
    await this.handler.lapsed(context.manager, events);
  }
}
