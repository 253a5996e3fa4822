import { Body, Controller, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, type Caller, CurrentCaller, ProblemDetailsDto } from '@jaring/platform';
import { WorkerView } from '../workers/worker.view';
import { ChangeWorkerDto } from './change-worker.dto';
import { ChangeWorkerHandler } from './change-worker.handler';

@ApiTags('workers')
@Controller('v1/workers')
export class ChangeWorkerHttpController {
  constructor(private readonly handler: ChangeWorkerHandler) {}

  @Patch(':id')
  @Allow('agent', 'enrollment-officer')
  @ApiOperation({
    summary: 'Change declared income, programmes or phone',
    description:
      'Income and programmes apply from the next period (announced as enrollment.worker.changed with effectiveFrom); the phone at once. ' +
      "An agent changes the workers of its own regions only: another region's worker answers 404. The worker's audit trail names the caller and the fields.",
  })
  @ApiOkResponse({ type: WorkerView })
  @ApiBadRequestResponse({ type: ProblemDetailsDto })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: 'the worker is deregistered' })
  change(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ChangeWorkerDto,
    @CurrentCaller() caller: Caller,
  ): Promise<WorkerView> {
    return this.handler.change(id, body, caller);
  }
}
