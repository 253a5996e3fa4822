import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentCaller, type Caller } from '@jaring/platform';
import { assertActsFor } from '../auth/funder-access';
import { RateLimited } from '../auth/subsidies-rate-limit';
import { ApiKeyListDto } from './list-api-keys.dto';
import { ListApiKeysQuery } from './list-api-keys.query';

@ApiTags('funders')
@RateLimited()
@Controller('v1/funders/:funderId/api-keys')
export class ListApiKeysHttpController {
  constructor(private readonly keys: ListApiKeysQuery) {}

  @Get()
  @Allow('funder', 'programme-officer', 'auditor')
  @ApiOperation({ summary: "The funder's keys (prefix only, never the key)" })
  @ApiOkResponse({ type: ApiKeyListDto })
  list(@Param('funderId', ParseUUIDPipe) funderId: string, @CurrentCaller() caller: Caller): Promise<ApiKeyListDto> {
    assertActsFor(caller, funderId);
    return this.keys.list(funderId);
  }
}
