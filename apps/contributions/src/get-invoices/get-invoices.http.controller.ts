import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InvoiceListDto, PageQueryDto } from './get-invoices.dto';
import { GetInvoicesQuery } from './get-invoices.query';

@ApiTags('invoices')
@Controller('v1/workers/:workerId/invoices')
export class GetInvoicesHttpController {
  constructor(private readonly invoices: GetInvoicesQuery) {}

  /** The worker's invoices, newest period first (a voided one next to its replacement). */
  @Get()
  @ApiOkResponse({ type: InvoiceListDto })
  list(@Param('workerId', new ParseUUIDPipe()) workerId: string, @Query() page: PageQueryDto): Promise<InvoiceListDto> {
    return this.invoices.list(workerId, page.limit ?? 100, page.offset ?? 0);
  }
}
