import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type ClaimPaidV1, type EventEnvelope, type InvoicePaidV1 } from '@jaring/contracts';
import { KafkaEventContext, OnEvent } from '@jaring/messaging';
import { RecordImpactHandler } from './record-impact.handler';

/** Claims paid (claims) and invoices paid (contributions): what the impact report counts. */
@Controller()
export class RecordImpactEventController {
  constructor(private readonly impact: RecordImpactHandler) {}

  @OnEvent(EVENTS.ClaimPaid)
  async claimPaid(@Payload() event: EventEnvelope<ClaimPaidV1>, @Ctx() context: KafkaEventContext): Promise<void> {
    await this.impact.claimPaid(context.manager, event.data);
  }

  /** Invoices paid come by the thousand: one batch at a time. */
  @OnEvent(EVENTS.InvoicePaid, { batch: true })
  async invoicesPaid(@Payload() events: Array<EventEnvelope<InvoicePaidV1>>, @Ctx() context: KafkaEventContext): Promise<void> {
    await this.impact.invoicesPaid(
      context.manager,
      events.map((e) => e.data),
    );
  }
}
