import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemDetailsDto } from '@jaring/platform';
import { WorkerReader } from '../workers/worker-reader';
import { WorkerView } from '../workers/worker.view';

@ApiTags('workers')
@Controller('v1/workers')
export class ViewWorkerHttpController {
  constructor(private readonly reader: WorkerReader) {}

  @Get(':id')
  @ApiOperation({ summary: 'One worker with membership status, coverage end and heirs' })
  @ApiOkResponse({ type: WorkerView })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<WorkerView> {
    return this.reader.get(id);
  }
}
