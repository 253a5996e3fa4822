import { Controller, DefaultValuePipe, Get, ParseIntPipe, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentCaller, type Caller } from '@jaring/platform';
import { RateLimited } from '../auth/subsidies-rate-limit';
import { ProgrammeListDto } from './list-programmes.dto';
import { ListProgrammesQuery } from './list-programmes.query';

@ApiTags('programmes')
@RateLimited()
@Controller('v1/programmes')
export class ListProgrammesHttpController {
  constructor(private readonly programmes: ListProgrammesQuery) {}

  @Get()
  @Allow('funder', 'programme-officer', 'auditor')
  @ApiOperation({ summary: "The caller's programmes (a funder's key sees only its funder's)" })
  @ApiQuery({ name: 'funderId', required: false })
  @ApiOkResponse({ type: ProgrammeListDto })
  list(
    @CurrentCaller() caller: Caller,
    @Query('funderId', new ParseUUIDPipe({ optional: true })) funderId?: string,
    @Query('limit', new DefaultValuePipe(50), ParseIntPipe) limit = 50,
    @Query('offset', new DefaultValuePipe(0), ParseIntPipe) offset = 0,
  ): Promise<ProgrammeListDto> {
    return this.programmes.list(caller, funderId, Math.min(Math.max(limit, 1), 500), Math.max(offset, 0));
  }
}
