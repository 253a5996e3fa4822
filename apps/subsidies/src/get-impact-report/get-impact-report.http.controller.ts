import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentCaller, Problem, type Caller } from '@jaring/platform';
import { RateLimited } from '../auth/subsidies-rate-limit';
import { ImpactReportDto } from './get-impact-report.dto';
import { GetImpactReportQuery } from './get-impact-report.query';
import { impactReportCsv } from './impact-report-csv';

@ApiTags('programmes')
@RateLimited()
@Controller('v1/programmes/:id/report')
export class GetImpactReportHttpController {
  constructor(private readonly reports: GetImpactReportQuery) {}

  @Get()
  @Allow('funder', 'programme-officer', 'auditor')
  @ApiOperation({
    summary: "A programme's impact: workers protected, months and rupiah paid, claims paid to families, workers who kept paying",
  })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'], description: 'Or send Accept: text/csv' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ImpactReportDto })
  async report(
    @Param('id', ParseUUIDPipe) programmeId: string,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
    @Query('format') format?: string,
    @Headers('accept') accept?: string,
  ): Promise<ImpactReportDto | string> {
    if (format !== undefined && format !== 'json' && format !== 'csv') {
      throw Problem.badRequest('unknown report format', [{ field: 'format', reason: 'must be json or csv' }]);
    }
    const report = await this.reports.report(caller, programmeId);
    const csv = format === 'csv' || (format === undefined && /\btext\/csv\b/i.test(accept ?? ''));
    if (!csv) return report;
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    response.setHeader('content-disposition', `attachment; filename="programme-${programmeId}-report-${report.asOf}.csv"`);
    return impactReportCsv(report);
  }
}
