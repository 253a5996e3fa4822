import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { ApiIdempotencyKey, Idempotency, idempotentRequestOf } from '@jaring/platform';
import { CreatePaymentDto, PaymentDto } from './payment.dto';
import { duplicatePayment, PaymentsService } from './payments.service';

@ApiTags('payments')
@Controller('v1/payments')
export class PaymentsHttpController {
  constructor(
    private readonly payments: PaymentsService,
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
    const key = idempotentRequestOf(request);
    try {
      const payment = this.payments.start(body);
      const outcome = await this.idempotency.runBatched(key, payment.reads, payment.pay);
      return this.idempotency.send(outcome, response);
    } catch (error) {
      // Two requests with different keys and the same channel reference at the same moment: the unique
      // index lets one through; the other is the same duplicate as when checked beforehand.
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { constraint?: string })?.constraint === 'payments_channel_reference'
      ) {
        throw duplicatePayment('(recorded concurrently)');
      }
      throw error;
    }
  }
}
