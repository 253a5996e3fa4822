import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '@jaring/platform';
import type { PayoutBatchView } from '../payouts/payout-records';
import { GetPayoutBatchQuery } from './get-payout-batch.query';

@ApiTags('payouts')
@Controller('v1/payout-batches')
export class GetPayoutBatchHttpController {
  constructor(private readonly query: GetPayoutBatchQuery) {}

  @Get(':id')
  @Allow('finance', 'auditor')
  @ApiOperation({ summary: 'A batch with its lines and their status' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<PayoutBatchView> {
    return this.query.get(id);
  }
}
