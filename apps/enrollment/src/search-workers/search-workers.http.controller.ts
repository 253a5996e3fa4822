import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemDetailsDto } from '@jaring/platform';
import { SearchWorkersDto, WorkerPage } from './search-workers.dto';
import { SearchWorkersQuery } from './search-workers.query';

@ApiTags('workers')
@Controller('v1/workers')
export class SearchWorkersHttpController {
  constructor(private readonly query: SearchWorkersQuery) {}

  @Get()
  @ApiOperation({ summary: 'Search workers by region, status and occupation, paginated' })
  @ApiOkResponse({ type: WorkerPage })
  @ApiBadRequestResponse({ type: ProblemDetailsDto })
  search(@Query() query: SearchWorkersDto): Promise<WorkerPage> {
    return this.query.search(query);
  }
}
