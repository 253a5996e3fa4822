import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerApi } from '../auth/partner-api.decorator';
import { assertActsFor, CurrentPrincipal, type Principal } from '../auth/principal';
import { ApiKeyListDto } from './list-api-keys.dto';
import { ListApiKeysQuery } from './list-api-keys.query';

@ApiTags('funders')
@PartnerApi()
@Controller('v1/funders/:funderId/api-keys')
export class ListApiKeysHttpController {
  constructor(private readonly keys: ListApiKeysQuery) {}

  @Get()
  @ApiOperation({ summary: "The funder's keys (prefix only, never the key)" })
  @ApiOkResponse({ type: ApiKeyListDto })
  list(@Param('funderId', ParseUUIDPipe) funderId: string, @CurrentPrincipal() principal: Principal): Promise<ApiKeyListDto> {
    assertActsFor(principal, funderId);
    return this.keys.list(funderId);
  }
}
