import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type CoverageChangedV1, type CoverageLapsedV1, type EventEnvelope } from '@jaring/contracts';
import { OnEvent, type KafkaEventContext } from '@jaring/messaging';
import { FollowCoverageHandler } from './follow-coverage.handler';

/** contributions.coverage.* → the read model of covered periods and lapses a claim is decided on. Batches. */
@Controller()
export class FollowCoverageEventController {
  constructor(private readonly handler: FollowCoverageHandler) {}

  @OnEvent(EVENTS.CoverageActivated, { batch: true })
  async activated(@Payload() events: EventEnvelope<CoverageChangedV1>[], @Ctx() ctx: KafkaEventContext): Promise<void> {
    await this.handler.covered(ctx.manager, events);
  }

  @OnEvent(EVENTS.CoverageExtended, { batch: true })
  async extended(@Payload() events: EventEnvelope<CoverageChangedV1>[], @Ctx() ctx: KafkaEventContext): Promise<void> {
    await this.handler.covered(ctx.manager, events);
  }

  @OnEvent(EVENTS.CoverageLapsed, { batch: true })
  async lapsed(@Payload() events: EventEnvelope<CoverageLapsedV1>[], @Ctx() ctx: KafkaEventContext): Promise<void> {
    await this.handler.lapsed(ctx.manager, events);
  }
}
