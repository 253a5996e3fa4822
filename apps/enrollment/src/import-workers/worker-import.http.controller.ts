import { Controller, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Repository } from 'typeorm';
import type { Clock } from '@jaring/domain';
import { CLOCK, Problem, ProblemDetailsDto, ReadsBodyItself } from '@jaring/platform';
import { ImportProcessor } from './import-processor';
import { ImportUploadService } from './import-upload.service';
import { WorkerImportEntity, WorkerImportErrorEntity } from './worker-import.entity';
import { ImportStatusQuery, WorkerImportView } from './worker-import.view';

@ApiTags('worker imports')
@Controller('v1/worker-imports')
export class WorkerImportHttpController {
  constructor(
    private readonly upload: ImportUploadService,
    private readonly processor: ImportProcessor,
    @InjectRepository(WorkerImportEntity) private readonly imports: Repository<WorkerImportEntity>,
    @InjectRepository(WorkerImportErrorEntity) private readonly errors: Repository<WorkerImportErrorEntity>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ReadsBodyItself()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Enrol workers from a CSV file',
    description:
      'UTF-8 CSV, header nik,fullName,birthDate,phone,regionCode,occupation,declaredMonthlyIncome,programs (any order; programs separated by ;), ' +
      'as a text/csv body or the field "file" of multipart/form-data. Streamed; at most IMPORT_MAX_BYTES (50 MB) and IMPORT_MAX_ROWS (100,000 rows). ' +
      'Answers 202 once the file is received and staged; rows are validated like POST /v1/workers and enrolled in the background.',
  })
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiAcceptedResponse({ type: WorkerImportView })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'wrong columns, not valid CSV, no rows' })
  @ApiPayloadTooLargeResponse({ type: ProblemDetailsDto })
  @ApiUnsupportedMediaTypeResponse({ type: ProblemDetailsDto })
  async create(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<WorkerImportView> {
    const { id } = await this.upload.receive(request, this.clock.now());
    this.processor.start(id);
    response.setHeader('Location', `/v1/worker-imports/${id}`);
    return this.view(id, new ImportStatusQuery());
  }

  @Get(':id')
  @ApiOperation({ summary: 'Progress of an import, with every refused row and why' })
  @ApiOkResponse({ type: WorkerImportView })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  get(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: ImportStatusQuery): Promise<WorkerImportView> {
    return this.view(id, query);
  }

  private async view(id: string, query: ImportStatusQuery): Promise<WorkerImportView> {
    const found = await this.imports.findOneBy({ id });
    if (!found) throw Problem.notFound('no worker import with this id');
    const [errors, errorsTotal] = await this.errors.findAndCount({
      where: { importId: id },
      order: { rowNumber: 'ASC', position: 'ASC' },
      skip: query.errorsOffset,
      take: query.errorsLimit,
    });
    return {
      id: found.id,
      status: found.status,
      total: found.total,
      processed: found.processed,
      enrolled: found.enrolled,
      duplicates: found.duplicates,
      failed: found.failed,
      errors: errors.map((e) => ({ row: e.rowNumber, field: e.field, reason: e.reason })),
      errorsTotal,
      receivedAt: found.receivedAt.toISOString(),
      finishedAt: found.finishedAt?.toISOString() ?? null,
      failure: found.failure,
    };
  }
}
