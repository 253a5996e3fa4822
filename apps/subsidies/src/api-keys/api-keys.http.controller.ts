import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/api-key.guard';
import { PartnerApi } from '../auth/partner-api.decorator';
import { assertActsFor, CurrentPrincipal, type Principal } from '../auth/principal';
import { ApiKeyListDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-key.dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('funders')
@PartnerApi()
@Controller('v1/funders/:funderId/api-keys')
export class ApiKeysHttpController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @AdminOnly()
  @ApiOperation({ summary: "Issue an API key for a funder's partner (operator only); the key is shown once" })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  create(@Param('funderId', ParseUUIDPipe) funderId: string, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.keys.create(funderId, body.name);
  }

  @Get()
  @ApiOperation({ summary: "The funder's keys (prefix only, never the key)" })
  @ApiOkResponse({ type: ApiKeyListDto })
  list(@Param('funderId', ParseUUIDPipe) funderId: string, @CurrentPrincipal() principal: Principal): Promise<ApiKeyListDto> {
    assertActsFor(principal, funderId);
    return this.keys.list(funderId);
  }

  @Delete(':keyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a key at once (the operator, or a partner of the same funder, e.g. after a leak)' })
  @ApiNoContentResponse()
  async revoke(
    @Param('funderId', ParseUUIDPipe) funderId: string,
    @Param('keyId', ParseUUIDPipe) keyId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    assertActsFor(principal, funderId);
    await this.keys.revoke(funderId, keyId);
  }
}
