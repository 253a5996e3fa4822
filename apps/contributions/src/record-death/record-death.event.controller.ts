import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type EventEnvelope, type WorkerDiedV1 } from '@jaring/contracts';
import { type KafkaEventContext, OnEvent } from '@jaring/messaging';
import { RecordDeathHandler } from './record-death.handler';

/** enrollment.worker.died → the membership ends with the month of death; later months are voided or refunded. */
@Controller()
export class RecordDeathEventController {
  constructor(private readonly deaths: RecordDeathHandler) {}

  @OnEvent(EVENTS.WorkerDied)
  async died(@Payload() event: EventEnvelope<WorkerDiedV1>, @Ctx() ctx: KafkaEventContext): Promise<void> {
    await this.deaths.record(ctx.manager, event);
  }
}
