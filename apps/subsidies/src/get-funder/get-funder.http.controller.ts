import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentCaller, type Caller } from '@jaring/platform';
import { assertActsFor } from '../auth/funder-access';
import { RateLimited } from '../auth/subsidies-rate-limit';
import { FunderDto } from '../funders/funder.dto';
import { GetFunderQuery } from './get-funder.query';

@ApiTags('funders')
@RateLimited()
@Controller('v1/funders')
export class GetFunderHttpController {
  constructor(private readonly funders: GetFunderQuery) {}

  @Get(':id')
  @Allow('funder', 'programme-officer', 'auditor')
  @ApiOperation({ summary: 'A funder (its own API keys, programme officers, auditors)' })
  @ApiOkResponse({ type: FunderDto })
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentCaller() caller: Caller): Promise<FunderDto> {
    assertActsFor(caller, id);
    return this.funders.get(id);
  }
}
