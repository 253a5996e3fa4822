import { Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, type Caller, CurrentCaller, ProblemDetailsDto, ReadsBodyItself } from '@jaring/platform';
import { ImportWorkersHandler } from './import-workers.handler';
import { WorkerImportView } from './worker-import.view';

@ApiTags('worker imports')
@Controller('v1/worker-imports')
export class ImportWorkersHttpController {
  constructor(private readonly handler: ImportWorkersHandler) {}

  @Post()
  @Allow('agent', 'enrollment-officer')
  @ReadsBodyItself()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Enrol workers from a CSV file',
    description:
      'UTF-8 CSV, header nik,fullName,birthDate,phone,regionCode,occupation,declaredMonthlyIncome,programs (any order; programs separated by ;), ' +
      'as a text/csv body or the field "file" of multipart/form-data. Streamed; at most IMPORT_MAX_BYTES (50 MB) and IMPORT_MAX_ROWS (100,000 rows). ' +
      'Answers 202 once the file is received and staged; rows are validated like POST /v1/workers and enrolled in the background. ' +
      "An agent's row of a region it does not serve is refused (field regionCode), the others still enrolled; an agent follows its own imports only.",
  })
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiAcceptedResponse({ type: WorkerImportView })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'wrong columns, not valid CSV, no rows' })
  @ApiPayloadTooLargeResponse({ type: ProblemDetailsDto })
  @ApiUnsupportedMediaTypeResponse({ type: ProblemDetailsDto })
  async create(
    @Req() request: Request,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WorkerImportView> {
    const created = await this.handler.importFile(request, caller);
    response.setHeader('Location', `/v1/worker-imports/${created.id}`);
    return created;
  }
}
