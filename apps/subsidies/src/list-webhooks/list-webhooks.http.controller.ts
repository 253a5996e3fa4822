import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentCaller, type Caller } from '@jaring/platform';
import { assertActsFor } from '../auth/funder-access';
import { RateLimited } from '../auth/subsidies-rate-limit';
import { WebhookListDto } from './list-webhooks.dto';
import { ListWebhooksQuery } from './list-webhooks.query';

@ApiTags('funders')
@RateLimited()
@Controller('v1/funders/:funderId/webhooks')
export class ListWebhooksHttpController {
  constructor(private readonly webhooks: ListWebhooksQuery) {}

  @Get()
  @Allow('funder', 'programme-officer', 'auditor')
  @ApiOperation({ summary: "The funder's webhooks (never their secrets)" })
  @ApiOkResponse({ type: WebhookListDto })
  list(@Param('funderId', ParseUUIDPipe) funderId: string, @CurrentCaller() caller: Caller): Promise<WebhookListDto> {
    assertActsFor(caller, funderId);
    return this.webhooks.list(funderId);
  }
}
