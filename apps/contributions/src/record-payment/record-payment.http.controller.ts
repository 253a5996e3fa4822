import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiIdempotencyKey, Idempotency, idempotentRequestOf } from '@jaring/platform';
import { CreatePaymentDto, PaymentDto } from './record-payment.dto';
import { RecordPaymentHandler } from './record-payment.handler';

@ApiTags('payments')
@Controller('v1/payments')
export class RecordPaymentHttpController {
  constructor(
    private readonly payments: RecordPaymentHandler,
    private readonly idempotency: Idempotency,
  ) {}

  @Post()
  @ApiIdempotencyKey()
  @ApiCreatedResponse({
    type: PaymentDto,
    description: 'The payment and the invoices it settled (a replay of the same key and body answers the same)',
  })
  async create(
    @Body() body: CreatePaymentDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PaymentDto> {
    const outcome = await this.payments.record(idempotentRequestOf(request), body);
    return this.idempotency.send(outcome, response);
  }
}
