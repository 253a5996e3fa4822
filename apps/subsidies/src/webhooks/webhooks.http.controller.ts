import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerApi } from '../auth/partner-api.decorator';
import { assertActsFor, CurrentPrincipal, type Principal } from '../auth/principal';
import { CreatedWebhookDto, CreateWebhookDto, WebhookListDto } from './webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('funders')
@PartnerApi()
@Controller('v1/funders/:funderId/webhooks')
export class WebhooksHttpController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary: "A signed webhook for the funder's events",
    description:
      'Deliveries follow Standard Webhooks: POST of `{ type, timestamp, data }` with headers webhook-id, webhook-timestamp and webhook-signature ' +
      '(v1, HMAC-SHA256 of `id.timestamp.body` with the secret); retried with exponential backoff until a 2xx answer.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  create(
    @Param('funderId', ParseUUIDPipe) funderId: string,
    @Body() body: CreateWebhookDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreatedWebhookDto> {
    assertActsFor(principal, funderId);
    return this.webhooks.create(funderId, body);
  }

  @Get()
  @ApiOperation({ summary: "The funder's webhooks (never their secrets)" })
  @ApiOkResponse({ type: WebhookListDto })
  list(@Param('funderId', ParseUUIDPipe) funderId: string, @CurrentPrincipal() principal: Principal): Promise<WebhookListDto> {
    assertActsFor(principal, funderId);
    return this.webhooks.list(funderId);
  }

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
    await this.webhooks.disable(funderId, webhookId);
  }
}
