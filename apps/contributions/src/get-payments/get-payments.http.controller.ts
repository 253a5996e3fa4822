import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller, regionsVisibleTo } from '@jaring/platform';
import { AccountRead } from '../accounts/account-read.decorator';
import { PageQueryDto } from '../get-invoices/get-invoices.dto';
import { WorkerPaymentListDto } from './get-payments.dto';
import { GetPaymentsQuery } from './get-payments.query';

@ApiTags('payments')
@Controller('v1/workers/:workerId/payments')
export class GetPaymentsHttpController {
  constructor(private readonly payments: GetPaymentsQuery) {}

  /** The worker's payments, newest first: its own through channels and its sponsors', each with the invoices it paid. */
  @Get()
  @AccountRead(WorkerPaymentListDto)
  list(
    @Param('workerId', new ParseUUIDPipe()) workerId: string,
    @Query() page: PageQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<WorkerPaymentListDto> {
    return this.payments.list(workerId, page.limit ?? 100, page.offset ?? 0, regionsVisibleTo(caller));
  }
}
