import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerApi } from '../auth/partner-api.decorator';
import { assertActsFor, CurrentPrincipal, type Principal } from '../auth/principal';
import { WebhookListDto } from './list-webhooks.dto';
import { ListWebhooksQuery } from './list-webhooks.query';

@ApiTags('funders')
@PartnerApi()
@Controller('v1/funders/:funderId/webhooks')
export class ListWebhooksHttpController {
  constructor(private readonly webhooks: ListWebhooksQuery) {}

  @Get()
  @ApiOperation({ summary: "The funder's webhooks (never their secrets)" })
  @ApiOkResponse({ type: WebhookListDto })
  list(@Param('funderId', ParseUUIDPipe) funderId: string, @CurrentPrincipal() principal: Principal): Promise<WebhookListDto> {
    assertActsFor(principal, funderId);
    return this.webhooks.list(funderId);
  }
}
