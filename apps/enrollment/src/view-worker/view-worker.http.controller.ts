import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemDetailsDto } from '@jaring/platform';
import { WorkerView } from '../workers/worker.view';
import { ViewWorkerQuery } from './view-worker.query';

@ApiTags('workers')
@Controller('v1/workers')
export class ViewWorkerHttpController {
  constructor(private readonly query: ViewWorkerQuery) {}

  @Get(':id')
  @ApiOperation({ summary: 'One worker with membership status, coverage end and heirs' })
  @ApiOkResponse({ type: WorkerView })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<WorkerView> {
    return this.query.get(id);
  }
}
