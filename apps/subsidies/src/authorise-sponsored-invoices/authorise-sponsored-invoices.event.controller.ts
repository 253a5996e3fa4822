import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type EventEnvelope, type InvoiceIssuedV1 } from '@jaring/contracts';
import { KafkaEventContext, OnEvent } from '@jaring/messaging';
import { AuthoriseSponsoredInvoicesHandler } from './authorise-sponsored-invoices.handler';

/** Contributions' invoice events. Issued invoices come by the hundred thousand: one batch at a time. */
@Controller()
export class AuthoriseSponsoredInvoicesEventController {
  constructor(private readonly authorise: AuthoriseSponsoredInvoicesHandler) {}

  @OnEvent(EVENTS.InvoiceIssued, { batch: true })
  async issued(@Payload() events: Array<EventEnvelope<InvoiceIssuedV1>>, @Ctx() context: KafkaEventContext): Promise<void> {
    await this.authorise.handle(context.manager, events);
  }
}
