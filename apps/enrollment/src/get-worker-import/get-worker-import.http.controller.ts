import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemDetailsDto } from '@jaring/platform';
import { WorkerImportView } from '../import-workers/worker-import.view';
import { GetWorkerImportDto } from './get-worker-import.dto';
import { GetWorkerImportQuery } from './get-worker-import.query';

@ApiTags('worker imports')
@Controller('v1/worker-imports')
export class GetWorkerImportHttpController {
  constructor(private readonly query: GetWorkerImportQuery) {}

  @Get(':id')
  @ApiOperation({ summary: 'Progress of an import, with every refused row and why' })
  @ApiOkResponse({ type: WorkerImportView })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  get(@Param('id', new ParseUUIDPipe()) id: string, @Query() page: GetWorkerImportDto): Promise<WorkerImportView> {
    return this.query.get(id, page);
  }
}
