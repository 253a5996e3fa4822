import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, type Caller, CurrentCaller, ProblemDetailsDto } from '@jaring/platform';
import { WorkerView } from '../workers/worker.view';
import { ViewWorkerQuery } from './view-worker.query';

@ApiTags('workers')
@Controller('v1/workers')
export class ViewWorkerHttpController {
  constructor(private readonly query: ViewWorkerQuery) {}

  @Get(':id')
  @Allow('agent', 'enrollment-officer', 'verifier', 'approver', 'finance', 'auditor')
  @ApiOperation({
    summary: 'One worker with membership status, coverage end and heirs',
    description: "An agent sees the workers of its own regions: another region's worker answers 404, like an unknown id.",
  })
  @ApiOkResponse({ type: WorkerView })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentCaller() caller: Caller): Promise<WorkerView> {
    return this.query.get(id, caller);
  }
}
