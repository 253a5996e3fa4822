import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, type Caller, CurrentCaller, ProblemDetailsDto } from '@jaring/platform';
import { WorkerImportPage } from '../import-workers/worker-import.view';
import { PageDto } from '../validation/page.dto';
import { ListWorkerImportsQuery } from './list-worker-imports.query';

@ApiTags('worker imports')
@Controller('v1/worker-imports')
export class ListWorkerImportsHttpController {
  constructor(private readonly query: ListWorkerImportsQuery) {}

  @Get()
  @Allow('agent', 'enrollment-officer', 'auditor')
  @ApiOperation({
    summary: 'The imports, newest first, with their progress (without the refused rows: see each import)',
    description: 'An agent lists the imports it started itself; the back office every import.',
  })
  @ApiOkResponse({ type: WorkerImportPage })
  @ApiBadRequestResponse({ type: ProblemDetailsDto })
  list(@Query() page: PageDto, @CurrentCaller() caller: Caller): Promise<WorkerImportPage> {
    return this.query.list(page, caller);
  }
}
