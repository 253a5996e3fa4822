import { Controller, Delete, HttpCode, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Allow, CurrentCaller, type Caller } from '@jaring/platform';
import { assertActsFor } from '../auth/funder-access';
import { RateLimited } from '../auth/subsidies-rate-limit';
import { RevokeApiKeyHandler } from './revoke-api-key.handler';

@ApiTags('funders')
@RateLimited()
@Controller('v1/funders/:funderId/api-keys')
export class RevokeApiKeyHttpController {
  constructor(private readonly revokeApiKey: RevokeApiKeyHandler) {}

  @Delete(':keyId')
  @HttpCode(204)
  @Allow('funder', 'programme-officer')
  @ApiOperation({ summary: 'Revoke a key at once (a programme officer, or a key of the same funder, e.g. after a leak)' })
  @ApiNoContentResponse()
  async revoke(
    @Param('funderId', ParseUUIDPipe) funderId: string,
    @Param('keyId', ParseUUIDPipe) keyId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    assertActsFor(caller, funderId);
    await this.revokeApiKey.handle(funderId, keyId, actorOf(caller));
  }
}
