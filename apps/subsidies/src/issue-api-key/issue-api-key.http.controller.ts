import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Allow, CurrentCaller, type Caller } from '@jaring/platform';
import { RateLimited } from '../auth/subsidies-rate-limit';
import { CreateApiKeyDto, CreatedApiKeyDto } from './issue-api-key.dto';
import { IssueApiKeyHandler } from './issue-api-key.handler';

@ApiTags('funders')
@RateLimited()
@Controller('v1/funders/:funderId/api-keys')
export class IssueApiKeyHttpController {
  constructor(private readonly issueApiKey: IssueApiKeyHandler) {}

  @Post()
  @Allow('programme-officer')
  @ApiOperation({ summary: "Issue an API key for a funder's partner (programme officers); the key is shown once" })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  create(
    @Param('funderId', ParseUUIDPipe) funderId: string,
    @Body() body: CreateApiKeyDto,
    @CurrentCaller() caller: Caller,
  ): Promise<CreatedApiKeyDto> {
    return this.issueApiKey.handle(funderId, body.name, actorOf(caller));
  }
}
