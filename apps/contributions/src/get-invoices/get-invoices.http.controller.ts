import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, type Caller, CurrentCaller, ProblemDetailsDto, regionsVisibleTo } from '@jaring/platform';
import { ACCOUNT_READERS } from '../accounts/account-readers';
import { InvoiceListDto, PageQueryDto } from './get-invoices.dto';
import { GetInvoicesQuery } from './get-invoices.query';

@ApiTags('invoices')
@Controller('v1/workers/:workerId/invoices')
export class GetInvoicesHttpController {
  constructor(private readonly invoices: GetInvoicesQuery) {}

  /** The worker's invoices, newest period first (a voided one next to its replacement). */
  @Get()
  @Allow(...ACCOUNT_READERS)
  @ApiOkResponse({ type: InvoiceListDto })
  @ApiNotFoundResponse({
    type: ProblemDetailsDto,
    description: "`worker-not-found`: unknown here, or another region's worker for an agent",
  })
  list(
    @Param('workerId', new ParseUUIDPipe()) workerId: string,
    @Query() page: PageQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<InvoiceListDto> {
    return this.invoices.list(workerId, page.limit ?? 100, page.offset ?? 0, regionsVisibleTo(caller));
  }
}
