import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerApi } from '../auth/partner-api.decorator';
import { assertActsFor, CurrentPrincipal, type Principal } from '../auth/principal';
import { FunderDto } from '../funders/funder.dto';
import { GetFunderQuery } from './get-funder.query';

@ApiTags('funders')
@PartnerApi()
@Controller('v1/funders')
export class GetFunderHttpController {
  constructor(private readonly funders: GetFunderQuery) {}

  @Get(':id')
  @ApiOperation({ summary: 'A funder (its own partners, or the operator)' })
  @ApiOkResponse({ type: FunderDto })
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<FunderDto> {
    assertActsFor(principal, id);
    return this.funders.get(id);
  }
}
