import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { type ClaimPaidV1, EVENTS, type EventEnvelope } from '@jaring/contracts';
import { KafkaEventContext, OnEvent } from '@jaring/messaging';
import { RecordDeathHandler } from './record-death.handler';

/** claims.claim.paid → a paid JKM or JKK death claim records the worker's death. */
@Controller()
export class RecordDeathEventController {
  constructor(private readonly handler: RecordDeathHandler) {}

  @OnEvent(EVENTS.ClaimPaid, { batch: true })
  async claimPaid(@Payload() events: Array<EventEnvelope<ClaimPaidV1>>, @Ctx() context: KafkaEventContext): Promise<void> {
    await this.handler.recordFromClaims(context.manager, events);
  }
}
