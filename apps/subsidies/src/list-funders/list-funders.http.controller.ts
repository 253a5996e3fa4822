import { Controller, DefaultValuePipe, Get, ParseIntPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentCaller, type Caller } from '@jaring/platform';
import { RateLimited } from '../auth/subsidies-rate-limit';
import { FunderListDto } from './list-funders.dto';
import { ListFundersQuery } from './list-funders.query';

@ApiTags('funders')
@RateLimited()
@Controller('v1/funders')
export class ListFundersHttpController {
  constructor(private readonly funders: ListFundersQuery) {}

  @Get()
  @Allow('funder', 'programme-officer', 'auditor')
  @ApiOperation({ summary: "The funders by name (a funder's key or staff: its own only)" })
  @ApiOkResponse({ type: FunderListDto })
  list(
    @CurrentCaller() caller: Caller,
    @Query('limit', new DefaultValuePipe(50), ParseIntPipe) limit = 50,
    @Query('offset', new DefaultValuePipe(0), ParseIntPipe) offset = 0,
  ): Promise<FunderListDto> {
    return this.funders.list(caller, Math.min(Math.max(limit, 1), 500), Math.max(offset, 0));
  }
}
