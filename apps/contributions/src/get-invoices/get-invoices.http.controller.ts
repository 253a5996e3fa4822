import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller, regionsVisibleTo } from '@jaring/platform';
import { AccountRead } from '../accounts/account-read.decorator';
import { InvoiceListDto, PageQueryDto } from './get-invoices.dto';
import { GetInvoicesQuery } from './get-invoices.query';

@ApiTags('invoices')
@Controller('v1/workers/:workerId/invoices')
export class GetInvoicesHttpController {
  constructor(private readonly invoices: GetInvoicesQuery) {}

  /** The worker's invoices, newest period first (a voided one next to its replacement). */
  @Get()
  @AccountRead(InvoiceListDto)
  list(
    @Param('workerId', new ParseUUIDPipe()) workerId: string,
    @Query() page: PageQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<InvoiceListDto> {
    return this.invoices.list(workerId, page.limit ?? 100, page.offset ?? 0, regionsVisibleTo(caller));
  }
}
