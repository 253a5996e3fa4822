import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerApi } from '../auth/partner-api.decorator';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { ProgrammeDto } from '../programmes/programme.dto';
import { GetProgrammeQuery } from './get-programme.query';

@ApiTags('programmes')
@PartnerApi()
@Controller('v1/programmes')
export class GetProgrammeHttpController {
  constructor(private readonly programmes: GetProgrammeQuery) {}

  @Get(':id')
  @ApiOperation({ summary: 'A programme with its budget, reserved, spent, remaining and sponsored workers' })
  @ApiOkResponse({ type: ProgrammeDto })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<ProgrammeDto> {
    return this.programmes.get(principal, id);
  }
}
