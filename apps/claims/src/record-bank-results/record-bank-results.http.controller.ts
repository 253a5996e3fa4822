import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, ApiIdempotencyKey, CurrentCaller, Idempotency, idempotentRequestOf, type Caller } from '@jaring/platform';
import { RecordBankResultsDto } from './record-bank-results.dto';
import { RecordBankResultsHandler, type BankResultsAnswer } from './record-bank-results.handler';

@ApiTags('payouts')
@Controller('v1/payout-batches')
export class RecordBankResultsHttpController {
  constructor(
    private readonly handler: RecordBankResultsHandler,
    private readonly idempotency: Idempotency,
  ) {}

  @Post(':id/results')
  @HttpCode(200)
  @Allow('finance')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: "Import the bank's result per line: PAID, or FAILED with the reason; a repeated import changes nothing" })
  async importResults(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RecordBankResultsDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @CurrentCaller() caller: Caller,
  ): Promise<BankResultsAnswer> {
    const outcome = await this.handler.record(idempotentRequestOf(request), id, body.results, caller);
    return this.idempotency.send(outcome, response);
  }
}
