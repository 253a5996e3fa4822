import { Readable } from 'node:stream';
import { Controller, Get, Header, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Allow, type Caller, CurrentCaller, ProblemDetailsDto } from '@jaring/platform';
import { GetImportFailedRowsQuery } from './get-import-failed-rows.query';

@ApiTags('worker imports')
@Controller('v1/worker-imports')
export class GetImportFailedRowsHttpController {
  constructor(private readonly query: GetImportFailedRowsQuery) {}

  @Get(':id/failed-rows')
  @Allow('agent', 'enrollment-officer', 'auditor')
  @ApiProduces('text/csv')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: "The import's refused rows as CSV, to fix and upload again",
    description:
      "The import's columns, then errors (each reason as field: reason, joined with ; ), one line per refused row with its values as " +
      'uploaded; a row whose NIK was already registered says nik: already registered. Values a spreadsheet would run as a formula are ' +
      'written behind an apostrophe, which the import drops. Kept IMPORT_FAILED_ROWS_RETENTION_DAYS after the import finished. ' +
      "An agent has the files of its own imports only; another's answers 404.",
  })
  @ApiOkResponse({ description: 'text/csv; charset=utf-8, as an attachment', schema: { type: 'string' } })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: '`import-running`: the import has not finished' })
  @ApiGoneResponse({ type: ProblemDetailsDto, description: '`failed-rows-purged`: the refused rows were deleted after their retention' })
  async file(@Param('id', new ParseUUIDPipe()) id: string, @CurrentCaller() caller: Caller): Promise<StreamableFile> {
    const { filename, lines } = await this.query.file(id, caller);
    return new StreamableFile(Readable.from(lines), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${filename}"`,
    });
  }
}
