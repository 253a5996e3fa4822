import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';
import { type Clock, Period } from '@jaring/domain';
import { CLOCK, Problem } from '@jaring/platform';
import { type BillingRun, BillingRunService } from './billing-run.service';

export class StartBillingRunDto {
  @ApiPropertyOptional({ example: '2026-12', description: 'The period to bill; default the current one' })
  @IsOptional()
  @ValidateBy(
    { name: 'period', validator: { validate: (value) => Period.isValid(value) } },
    { message: 'period must be a period YYYY-MM, from 1900-01 to 9999-12' },
  )
  period?: string;
}

export class BillingRunDto implements BillingRun {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2026-12' }) period!: string;
  @ApiProperty({ enum: ['RUNNING', 'DONE', 'FAILED'] }) status!: BillingRun['status'];
  @ApiProperty({ enum: ['HTTP', 'SCHEDULE'] }) trigger!: string;
  @ApiProperty() workersBilled!: number;
  @ApiProperty() invoicesIssued!: number;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
}

/**
 * POST starts the run and answers 202 at once (a period of a million workers takes minutes); GET follows
 * it. Repeating a run is safe: it issues only the invoices still missing. Not money-moving (no payment),
 * so no Idempotency-Key: the run itself is idempotent.
 */
@ApiTags('billing')
@Controller('v1/billing-runs')
export class BillingRunHttpController {
  constructor(
    private readonly runs: BillingRunService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: BillingRunDto })
  async start(@Body() body: StartBillingRunDto): Promise<BillingRun> {
    const period = body.period ? Period.parse(body.period, 'period') : Period.current(this.clock);
    const { run } = await this.runs.start(period, 'HTTP');
    return run;
  }

  @Get(':id')
  @ApiOkResponse({ type: BillingRunDto })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<BillingRun> {
    const run = await this.runs.find(id);
    if (!run) throw Problem.notFound(`no billing run ${id}`);
    return run;
  }
}
