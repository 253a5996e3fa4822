import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '@jaring/platform';
import { GetPayoutLedgerQuery, type PayoutLedger } from './get-payout-ledger.query';

@ApiTags('payouts')
@Controller('v1/payout-ledger')
export class GetPayoutLedgerHttpController {
  constructor(private readonly query: GetPayoutLedgerQuery) {}

  @Get()
  @Allow('finance', 'auditor')
  @ApiOperation({ summary: 'The payouts ledger: debits, credits and balance per account; the balances sum to zero' })
  @ApiOkResponse({ description: '{ accounts, balanced }' })
  balances(): Promise<PayoutLedger> {
    return this.query.get();
  }
}
