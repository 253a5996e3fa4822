import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, ApiIdempotencyKey, CurrentCaller, Idempotency, idempotentRequestOf, NoBodyPipe, type Caller } from '@jaring/platform';
import type { PayoutBatchView } from '../payouts/payout-records';
import { CreatePayoutBatchHandler } from './create-payout-batch.handler';

@ApiTags('payouts')
@Controller('v1/payout-batches')
export class CreatePayoutBatchHttpController {
  constructor(
    private readonly handler: CreatePayoutBatchHandler,
    private readonly idempotency: Idempotency,
  ) {}

  @Post()
  @Allow('finance')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Gather the approved claims not yet paid into a batch; its amount is reserved in the ledger' })
  async create(
    @Body(NoBodyPipe) _body: unknown,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @CurrentCaller() caller: Caller,
  ): Promise<PayoutBatchView> {
    const outcome = await this.handler.create(idempotentRequestOf(request), caller);
    return this.idempotency.send(outcome, response);
  }
}
