import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  actorOf,
  Allow,
  ApiIdempotencyKey,
  type Caller,
  CurrentCaller,
  Idempotency,
  idempotentRequestOf,
  Problem,
  problemType,
} from '@jaring/platform';
import { CreatePaymentDto, PaymentDto } from './record-payment.dto';
import { RecordPaymentHandler } from './record-payment.handler';

/**
 * A payment from a channel (a bank, an e-wallet, an agent network), signed in with its client credentials:
 * recorded under the channel its credential names, whatever the body says, and with who recorded it. Its
 * Idempotency-Keys are its own client's (the platform scopes them by the caller).
 */
@ApiTags('payments')
@Controller('v1/payments')
export class RecordPaymentHttpController {
  constructor(
    private readonly payments: RecordPaymentHandler,
    private readonly idempotency: Idempotency,
  ) {}

  @Post()
  @Allow('channel')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({
    type: PaymentDto,
    description: 'The payment and the invoices it settled (a replay of the same key and body answers the same)',
  })
  async create(
    @Body() body: CreatePaymentDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PaymentDto> {
    // The guard gives every holder of the channel role a channel (its claim, else its client id); this is
    // the type's check, not a rule a caller can meet.
    if (!caller.channel) throw Problem.forbidden('the credential names no payment channel', { type: problemType('forbidden-role') });
    const outcome = await this.payments.record(idempotentRequestOf(request), body, {
      channel: caller.channel,
      recordedBy: actorOf(caller),
    });
    return this.idempotency.send(outcome, response);
  }
}
