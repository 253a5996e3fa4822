import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, type Caller, CurrentCaller, ProblemDetailsDto } from '@jaring/platform';
import { SearchWorkersDto, WorkerPage } from './search-workers.dto';
import { SearchWorkersQuery } from './search-workers.query';

@ApiTags('workers')
@Controller('v1/workers')
export class SearchWorkersHttpController {
  constructor(private readonly query: SearchWorkersQuery) {}

  @Get()
  @Allow('agent', 'enrollment-officer', 'verifier', 'approver', 'finance', 'auditor')
  @ApiOperation({
    summary: 'Search workers by region, status and occupation, paginated',
    description: 'An agent finds the workers of its own regions only; a regionCode outside them gives an empty page.',
  })
  @ApiOkResponse({ type: WorkerPage })
  @ApiBadRequestResponse({ type: ProblemDetailsDto })
  search(@Query() query: SearchWorkersDto, @CurrentCaller() caller: Caller): Promise<WorkerPage> {
    return this.query.search(query, caller);
  }
}
