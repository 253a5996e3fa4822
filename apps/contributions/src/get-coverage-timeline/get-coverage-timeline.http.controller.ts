import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller, ProblemDetailsDto, regionsVisibleTo } from '@jaring/platform';
import { AccountRead } from '../accounts/account-read.decorator';
import { CoverageTimelineDto, CoverageTimelineQueryDto } from './get-coverage-timeline.dto';
import { GetCoverageTimelineQuery } from './get-coverage-timeline.query';

@ApiTags('coverage')
@Controller('v1/workers/:workerId/coverage-timeline')
export class GetCoverageTimelineHttpController {
  constructor(private readonly timeline: GetCoverageTimelineQuery) {}

  @Get()
  @AccountRead(CoverageTimelineDto)
  @ApiOperation({
    summary: "The worker's coverage month by month: covered or not, the invoice, who paid what",
    description: 'Default: the year up to the current period (from the membership start when later); at most 36 months.',
  })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'a malformed period, from after to, or more than 36 months' })
  get(
    @Param('workerId', new ParseUUIDPipe()) workerId: string,
    @Query() query: CoverageTimelineQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<CoverageTimelineDto> {
    return this.timeline.get(workerId, query, regionsVisibleTo(caller));
  }
}
