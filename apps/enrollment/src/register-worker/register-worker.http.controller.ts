import { Body, Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, type Caller, CurrentCaller, ProblemDetailsDto } from '@jaring/platform';
import { WorkerView } from '../workers/worker.view';
import { RegisterWorkerDto } from './register-worker.dto';
import { RegisterWorkerHandler } from './register-worker.handler';

@ApiTags('workers')
@Controller('v1/workers')
export class RegisterWorkerHttpController {
  constructor(private readonly handler: RegisterWorkerHandler) {}

  /**
   * The body is declared `unknown` on purpose: the global validation pipe then leaves it alone, and the
   * handler validates it with the same DTO plus the rules that need the date (age), so that a field
   * agent gets every mistake in one answer.
   */
  @Post()
  @Allow('agent', 'enrollment-officer')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Register a worker',
    description:
      'Every mistake is listed in one 400 answer. Starts as PENDING_PAYMENT; announces enrollment.worker.registered. ' +
      "An agent registers workers of its own regions only: another region is a 403 region-not-served. The worker's audit trail names the caller.",
  })
  @ApiBody({ type: RegisterWorkerDto })
  @ApiCreatedResponse({ type: WorkerView })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'invalid fields, each with its reason' })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: 'a worker with this NIK is already registered' })
  async register(
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WorkerView> {
    const worker = await this.handler.register(body, caller);
    response.setHeader('Location', `/v1/workers/${worker.id}`);
    return worker;
  }
}
