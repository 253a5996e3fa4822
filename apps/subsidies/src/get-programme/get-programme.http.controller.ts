import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentCaller, type Caller } from '@jaring/platform';
import { RateLimited } from '../auth/subsidies-rate-limit';
import { ProgrammeDto } from '../programmes/programme.dto';
import { GetProgrammeQuery } from './get-programme.query';

@ApiTags('programmes')
@RateLimited()
@Controller('v1/programmes')
export class GetProgrammeHttpController {
  constructor(private readonly programmes: GetProgrammeQuery) {}

  @Get(':id')
  @Allow('funder', 'programme-officer', 'auditor')
  @ApiOperation({ summary: 'A programme with its budget, reserved, spent, remaining and sponsored workers' })
  @ApiOkResponse({ type: ProgrammeDto })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentCaller() caller: Caller): Promise<ProgrammeDto> {
    return this.programmes.get(caller, id);
  }
}
