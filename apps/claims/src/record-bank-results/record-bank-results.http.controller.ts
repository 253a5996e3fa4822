import { Controller, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  Allow,
  ApiIdempotencyKey,
  CurrentCaller,
  Idempotency,
  idempotentRequestOf,
  ReadsBodyItself,
  type Caller,
  type RequestLike,
} from '@jaring/platform';
import { submittedResultsOf } from './bank-results-body';
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
  // JSON, or the bank's file as text/csv: bank-results-body.ts reads and validates either
  @ReadsBodyItself()
  @ApiIdempotencyKey()
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({
    type: RecordBankResultsDto,
    description:
      "Or the bank's file as text/csv: the header line_id,status,reason,bank_reference, then a row per line (status PAID, FAILED or RETURNED)",
  })
  @ApiOperation({
    summary:
      "Import the bank's result per line: PAID, FAILED with the reason, or RETURNED (with the reason) for a line paid before; by another person than the batch's maker; a repeated import changes nothing",
  })
  async importResults(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @CurrentCaller() caller: Caller,
  ): Promise<BankResultsAnswer> {
    const { results, fieldOf } = await submittedResultsOf(request);
    // the results are the request, however they came: a file and the same results in JSON are one import
    const { method, originalUrl, headers } = request;
    const idempotent = idempotentRequestOf({ method, originalUrl, headers, caller, body: { results } } satisfies RequestLike);
    const outcome = await this.handler.record(idempotent, id, results, caller, fieldOf);
    return this.idempotency.send(outcome, response);
  }
}
