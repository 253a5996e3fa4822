import { Controller, Get, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { type Clock, compareIsoDates, isIsoDate, Period, todayOf } from '@jaring/domain';
import { CLOCK, Problem, problemType } from '@jaring/platform';
import { arrearsPayableUntil, paidUntilOf } from '../domain/coverage-rules';

export class CoverageQueryDto {
  @ApiPropertyOptional({ example: '2026-11-20', description: 'The day asked about (an incident date); default today' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a date YYYY-MM-DD' })
  date?: string;
}

export class CoverageDto {
  @ApiProperty({ format: 'uuid' }) workerId!: string;
  @ApiProperty({ example: '2026-11-20' }) date!: string;
  @ApiProperty({ description: 'Covered on `date`: its period was paid (docs/rules.md: an unpaid period is not covered)' }) covered!: boolean;
  @ApiProperty({ type: [String], description: 'The programmes covered on `date`' }) programs!: string[];
  @ApiProperty({ enum: ['PENDING_PAYMENT', 'ACTIVE', 'LAPSED', 'DEREGISTERED'], description: 'The membership now' }) status!: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-12-31', description: 'The last covered day of the current membership' }) paidUntil!: string | null;
  @ApiProperty({ type: [String], example: ['2026-11', '2026-12'], description: 'Every paid (covered) period' }) periods!: string[];
  @ApiProperty({ nullable: true, type: String, description: 'Arrears can be paid until this day (docs/rules.md: 3 months from the end of coverage)' }) graceUntil!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The day the membership lapses if nothing more is paid' }) lapsesOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) lapsedOn!: string | null;
}

interface AccountRow {
  status: string;
  billing_from: string;
  paid_through: string | null;
  lapses_on: string | null;
  lapsed_on: string | null;
  deregistered_on: string | null;
}

/** Whether a worker was covered on a day: what a claim asks (docs/api.md, Coverage shape). */
@ApiTags('coverage')
@Controller('v1/workers/:workerId/coverage')
export class CoverageHttpController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOkResponse({ type: CoverageDto })
  async get(@Param('workerId', new ParseUUIDPipe()) workerId: string, @Query() query: CoverageQueryDto): Promise<CoverageDto> {
    const date = query.date ?? todayOf(this.clock);
    if (!isIsoDate(date)) throw Problem.badRequest(`${date} is not a day of the calendar`, [{ field: 'date', reason: 'not a day of the calendar' }]);
    const [account] = (await this.dataSource.query(
      `SELECT status, billing_from, paid_through, lapses_on::text AS lapses_on, lapsed_on::text AS lapsed_on, deregistered_on::text AS deregistered_on
         FROM accounts WHERE worker_id = $1`,
      [workerId],
    )) as AccountRow[];
    if (!account) throw Problem.notFound(`no contribution account for worker ${workerId}`, { type: problemType('worker-not-found') });
    const paid = (await this.dataSource.query(`SELECT period, lines FROM invoices WHERE worker_id = $1 AND status = 'PAID' ORDER BY period`, [workerId])) as Array<{
      period: string;
      lines: Array<{ program: string }>;
    }>;
    // Coverage ends with the membership (deregistration), even inside a paid month.
    const ended = account.deregistered_on !== null && compareIsoDates(date, account.deregistered_on) > 0;
    const onDate = ended ? undefined : paid.find((row) => row.period === Period.fromDate(date).toString());
    const open = account.status === 'ACTIVE' || account.status === 'PENDING_PAYMENT';
    const lastPaid = account.paid_through ? Period.parse(account.paid_through) : null;
    return {
      workerId,
      date,
      covered: onDate !== undefined,
      programs: onDate ? onDate.lines.map((l) => l.program) : [],
      status: account.status,
      paidUntil: paidUntilOf(lastPaid),
      periods: paid.map((row) => row.period),
      graceUntil: open ? arrearsPayableUntil(Period.parse(account.billing_from), lastPaid) : null,
      lapsesOn: open ? account.lapses_on : null,
      lapsedOn: account.lapsed_on,
    };
  }
}
