import { Body, Controller, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  Allow,
  type Caller,
  CurrentCaller,
  Idempotency,
  IDEMPOTENCY_KEY_HEADER,
  idempotentRequestOf,
  ProblemDetailsDto,
} from '@jaring/platform';
import { WorkerView } from '../workers/worker.view';
import { RecordDeathDto } from './record-death.dto';
import { RecordDeathHandler } from './record-death.handler';

@ApiTags('workers')
@Controller('v1/workers')
export class RecordDeathHttpController {
  constructor(
    private readonly handler: RecordDeathHandler,
    private readonly idempotency: Idempotency,
  ) {}

  /** A sub-resource, like the deregistration: the worker stays readable, and the death has facts of its own. */
  @Post(':id/death')
  // the back office: the officer who saw the death certificate, in every region
  @Allow('enrollment-officer')
  @ApiOperation({
    summary: "Record a worker's death",
    description:
      'Status DECEASED with the date of death; announces enrollment.worker.died once. 201 when recorded, 200 when the same date was ' +
      "already on record, 409 for another date. Enrollment officers only; the worker's audit trail names the caller.",
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'optional: a retried request with the same key returns the first answer',
  })
  @ApiCreatedResponse({ type: WorkerView, description: 'the death recorded' })
  @ApiOkResponse({ type: WorkerView, description: 'the same death was already on record' })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: 'another date of death is on record (death-already-recorded)' })
  @ApiUnprocessableEntityResponse({ type: ProblemDetailsDto, description: 'the date is after today or before the registration' })
  async record(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RecordDeathDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WorkerView> {
    if (request.headers[IDEMPOTENCY_KEY_HEADER] === undefined) {
      const outcome = await this.handler.recordByBackOffice(id, body, caller);
      response.status(outcome.recorded ? 201 : 200);
      return outcome.worker;
    }
    const outcome = await this.handler.recordByBackOfficeIdempotently(idempotentRequestOf(request), id, body, caller);
    return this.idempotency.send(outcome, response);
  }
}
