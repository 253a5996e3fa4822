import { Controller, Delete, HttpCode, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerApi } from '../auth/partner-api.decorator';
import { assertActsFor, CurrentPrincipal, type Principal } from '../auth/principal';
import { DisableWebhookHandler } from './disable-webhook.handler';

@ApiTags('funders')
@PartnerApi()
@Controller('v1/funders/:funderId/webhooks')
export class DisableWebhookHttpController {
  constructor(private readonly disableWebhook: DisableWebhookHandler) {}

  @Delete(':webhookId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop a webhook' })
  @ApiNoContentResponse()
  async disable(
    @Param('funderId', ParseUUIDPipe) funderId: string,
    @Param('webhookId', ParseUUIDPipe) webhookId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    assertActsFor(principal, funderId);
    await this.disableWebhook.handle(funderId, webhookId);
  }
}
