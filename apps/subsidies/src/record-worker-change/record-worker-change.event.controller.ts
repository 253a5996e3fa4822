import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type EventEnvelope, type AnyWorkerChanged } from '@jaring/contracts';
import { KafkaEventContext, OnEvent } from '@jaring/messaging';
import { RecordWorkerChangeHandler } from './record-worker-change.handler';

/** Enrollment's changes of a worker: the read model eligibility and pricing are decided on. */
@Controller()
export class RecordWorkerChangeEventController {
  constructor(private readonly recordChange: RecordWorkerChangeHandler) {}

  @OnEvent(EVENTS.WorkerChanged)
  async changed(@Payload() event: EventEnvelope<AnyWorkerChanged>, @Ctx() context: KafkaEventContext): Promise<void> {
    await this.recordChange.handle(context.manager, event.data);
  }
}
