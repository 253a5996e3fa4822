import { Controller, Get, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Clock, isIsoDate, todayOf } from '@jaring/domain';
import { type Caller, CLOCK, CurrentCaller, Problem, regionsVisibleTo } from '@jaring/platform';
import { AccountRead } from '../accounts/account-read.decorator';
import { CoverageDto, CoverageQueryDto } from './get-coverage.dto';
import { GetCoverageQuery } from './get-coverage.query';

/** Whether a worker was covered on a day: what a claim asks (docs/api.md, Coverage shape). */
@ApiTags('coverage')
@Controller('v1/workers/:workerId/coverage')
export class GetCoverageHttpController {
  constructor(
    private readonly coverage: GetCoverageQuery,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @AccountRead(CoverageDto)
  get(
    @Param('workerId', new ParseUUIDPipe()) workerId: string,
    @Query() query: CoverageQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<CoverageDto> {
    const date = query.date ?? todayOf(this.clock);
    // The DTO checks the shape YYYY-MM-DD; a day that is not in the calendar (2026-02-30) is refused here.
    if (!isIsoDate(date))
      throw Problem.badRequest(`${String(date)} is not a day of the calendar`, [{ field: 'date', reason: 'not a day of the calendar' }]);
    return this.coverage.get(workerId, date, regionsVisibleTo(caller));
  }
}
