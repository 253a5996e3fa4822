import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/api-key.guard';
import { PartnerApi } from '../auth/partner-api.decorator';
import { CreateApiKeyDto, CreatedApiKeyDto } from './issue-api-key.dto';
import { IssueApiKeyHandler } from './issue-api-key.handler';

@ApiTags('funders')
@PartnerApi()
@Controller('v1/funders/:funderId/api-keys')
export class IssueApiKeyHttpController {
  constructor(private readonly issueApiKey: IssueApiKeyHandler) {}

  @Post()
  @AdminOnly()
  @ApiOperation({ summary: "Issue an API key for a funder's partner (operator only); the key is shown once" })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  create(@Param('funderId', ParseUUIDPipe) funderId: string, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.issueApiKey.handle(funderId, body.name);
  }
}
