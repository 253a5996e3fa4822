import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Allow, CurrentCaller, type Caller } from '@jaring/platform';
import { assertActsFor } from '../auth/funder-access';
import { RateLimited } from '../auth/subsidies-rate-limit';
import { CreatedWebhookDto, CreateWebhookDto } from './register-webhook.dto';
import { RegisterWebhookHandler } from './register-webhook.handler';

@ApiTags('funders')
@RateLimited()
@Controller('v1/funders/:funderId/webhooks')
export class RegisterWebhookHttpController {
  constructor(private readonly registerWebhook: RegisterWebhookHandler) {}

  @Post()
  @Allow('funder', 'programme-officer')
  @ApiOperation({
    summary: "A signed webhook for the funder's events",
    description:
      'Deliveries follow Standard Webhooks: POST of `{ type, timestamp, data }` with headers webhook-id, webhook-timestamp and webhook-signature ' +
      '(v1, HMAC-SHA256 of `id.timestamp.body` with the secret); retried with exponential backoff until a 2xx answer. ' +
      'The URL must be, or resolve only to, public addresses (checked again at every delivery); https only in production.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  create(
    @Param('funderId', ParseUUIDPipe) funderId: string,
    @Body() body: CreateWebhookDto,
    @CurrentCaller() caller: Caller,
  ): Promise<CreatedWebhookDto> {
    assertActsFor(caller, funderId);
    return this.registerWebhook.handle(funderId, body, actorOf(caller));
  }
}
