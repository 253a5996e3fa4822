import { Controller, DefaultValuePipe, Get, ParseIntPipe, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PartnerApi } from '../auth/partner-api.decorator';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { ProgrammeListDto } from './list-programmes.dto';
import { ListProgrammesQuery } from './list-programmes.query';

@ApiTags('programmes')
@PartnerApi()
@Controller('v1/programmes')
export class ListProgrammesHttpController {
  constructor(private readonly programmes: ListProgrammesQuery) {}

  @Get()
  @ApiOperation({ summary: "The caller's programmes (a partner sees only its funder's)" })
  @ApiQuery({ name: 'funderId', required: false })
  @ApiOkResponse({ type: ProgrammeListDto })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('funderId', new ParseUUIDPipe({ optional: true })) funderId?: string,
    @Query('limit', new DefaultValuePipe(50), ParseIntPipe) limit = 50,
    @Query('offset', new DefaultValuePipe(0), ParseIntPipe) offset = 0,
  ): Promise<ProgrammeListDto> {
    return this.programmes.list(principal, funderId, Math.min(Math.max(limit, 1), 500), Math.max(offset, 0));
  }
}
