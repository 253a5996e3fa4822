import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '@jaring/platform';
import { ListPayoutBatchesDto } from './list-payout-batches.dto';
import { ListPayoutBatchesQuery, type PayoutBatchesPage } from './list-payout-batches.query';

@ApiTags('payouts')
@Controller('v1/payout-batches')
export class ListPayoutBatchesHttpController {
  constructor(private readonly query: ListPayoutBatchesQuery) {}

  @Get()
  @Allow('finance', 'auditor')
  @ApiOperation({ summary: 'The payout batches, the newest first: control total (lines and sum) and lines paid, failed and pending' })
  @ApiOkResponse({ description: '{ items, total, limit, offset }' })
  list(@Query() query: ListPayoutBatchesDto): Promise<PayoutBatchesPage> {
    return this.query.list(query);
  }
}
