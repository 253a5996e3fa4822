import { Controller, Delete, HttpCode, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Allow, CurrentCaller, type Caller } from '@jaring/platform';
import { assertActsFor } from '../auth/funder-access';
import { RateLimited } from '../auth/subsidies-rate-limit';
import { DisableWebhookHandler } from './disable-webhook.handler';

@ApiTags('funders')
@RateLimited()
@Controller('v1/funders/:funderId/webhooks')
export class DisableWebhookHttpController {
  constructor(private readonly disableWebhook: DisableWebhookHandler) {}

  @Delete(':webhookId')
  @HttpCode(204)
  @Allow('funder', 'programme-officer')
  @ApiOperation({ summary: 'Stop a webhook' })
  @ApiNoContentResponse()
  async disable(
    @Param('funderId', ParseUUIDPipe) funderId: string,
    @Param('webhookId', ParseUUIDPipe) webhookId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    assertActsFor(caller, funderId);
    await this.disableWebhook.handle(funderId, webhookId, actorOf(caller));
  }
}
