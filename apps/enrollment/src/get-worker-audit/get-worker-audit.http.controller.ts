import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ProblemDetailsDto } from '@jaring/platform';
import { WorkerAuditView } from '../workers/worker-audit';
import { GetWorkerAuditQuery } from './get-worker-audit.query';

@ApiTags('workers')
@Controller('v1/workers')
export class GetWorkerAuditHttpController {
  constructor(private readonly query: GetWorkerAuditQuery) {}

  @Get(':id/audit')
  @Allow('enrollment-officer', 'auditor')
  @ApiOperation({
    summary: "The worker's audit trail: who registered, changed, gave heirs to and deregistered the worker",
    description:
      'Oldest first, append-only: each write with the subject and client of the caller who made it and the names of the fields it set ' +
      '(never their values). Workers enrolled by an import name whoever started it, and the import.',
  })
  @ApiOkResponse({ type: WorkerAuditView })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<WorkerAuditView> {
    return this.query.get(id);
  }
}
