import { Body, Controller, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, type Caller, CurrentCaller, ProblemDetailsDto } from '@jaring/platform';
import { WorkerView } from '../workers/worker.view';
import { DeregisterWorkerDto } from './deregister-worker.dto';
import { DeregisterWorkerHandler } from './deregister-worker.handler';

@ApiTags('workers')
@Controller('v1/workers')
export class DeregisterWorkerHttpController {
  constructor(private readonly handler: DeregisterWorkerHandler) {}

  /** A POST to a sub-resource rather than DELETE: the worker stays readable, and the request has a body (the reason). */
  @Post(':id/deregistration')
  @Allow('enrollment-officer')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Deregister a worker',
    description:
      "Status DEREGISTERED from today; announces enrollment.worker.deregistered. Idempotent. Enrollment officers only; the worker's audit trail names the caller.",
  })
  @ApiOkResponse({ type: WorkerView })
  @ApiBadRequestResponse({ type: ProblemDetailsDto })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  deregister(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DeregisterWorkerDto,
    @CurrentCaller() caller: Caller,
  ): Promise<WorkerView> {
    return this.handler.deregister(id, body.reason, caller);
  }
}
