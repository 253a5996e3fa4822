import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, type Caller, CurrentCaller, ProblemDetailsDto } from '@jaring/platform';
import { WorkerImportView } from '../import-workers/worker-import.view';
import { GetWorkerImportDto } from './get-worker-import.dto';
import { GetWorkerImportQuery } from './get-worker-import.query';

@ApiTags('worker imports')
@Controller('v1/worker-imports')
export class GetWorkerImportHttpController {
  constructor(private readonly query: GetWorkerImportQuery) {}

  @Get(':id')
  @Allow('agent', 'enrollment-officer', 'auditor')
  @ApiOperation({
    summary: 'Progress of an import, with every refused row and why',
    description: "An agent follows the imports it started itself; another's answers 404.",
  })
  @ApiOkResponse({ type: WorkerImportView })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() page: GetWorkerImportDto,
    @CurrentCaller() caller: Caller,
  ): Promise<WorkerImportView> {
    return this.query.get(id, page, caller);
  }
}
