import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, type Caller, CurrentCaller, ProblemDetailsDto, regionsVisibleTo } from '@jaring/platform';
import { ACCOUNT_READERS } from '../accounts/account-readers';
import { PageQueryDto } from '../get-invoices/get-invoices.dto';
import { WorkerPaymentListDto } from './get-payments.dto';
import { GetPaymentsQuery } from './get-payments.query';

@ApiTags('payments')
@Controller('v1/workers/:workerId/payments')
export class GetPaymentsHttpController {
  constructor(private readonly payments: GetPaymentsQuery) {}

  /** The worker's payments, newest first: its own through channels and its sponsors', each with the invoices it paid. */
  @Get()
  @Allow(...ACCOUNT_READERS)
  @ApiOkResponse({ type: WorkerPaymentListDto })
  @ApiNotFoundResponse({
    type: ProblemDetailsDto,
    description: "`worker-not-found`: unknown here, or another region's worker for an agent",
  })
  list(
    @Param('workerId', new ParseUUIDPipe()) workerId: string,
    @Query() page: PageQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<WorkerPaymentListDto> {
    return this.payments.list(workerId, page.limit ?? 100, page.offset ?? 0, regionsVisibleTo(caller));
  }
}
