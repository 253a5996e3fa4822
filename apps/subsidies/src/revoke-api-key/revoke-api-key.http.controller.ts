import { Controller, Delete, HttpCode, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerApi } from '../auth/partner-api.decorator';
import { assertActsFor, CurrentPrincipal, type Principal } from '../auth/principal';
import { RevokeApiKeyHandler } from './revoke-api-key.handler';

@ApiTags('funders')
@PartnerApi()
@Controller('v1/funders/:funderId/api-keys')
export class RevokeApiKeyHttpController {
  constructor(private readonly revokeApiKey: RevokeApiKeyHandler) {}

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
    await this.revokeApiKey.handle(funderId, keyId);
  }
}
