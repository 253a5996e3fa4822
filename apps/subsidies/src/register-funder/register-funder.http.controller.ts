import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/api-key.guard';
import { PartnerApi } from '../auth/partner-api.decorator';
import { FunderDto } from '../funders/funder.dto';
import { CreateFunderDto } from './register-funder.dto';
import { RegisterFunderHandler } from './register-funder.handler';

@ApiTags('funders')
@PartnerApi()
@Controller('v1/funders')
export class RegisterFunderHttpController {
  constructor(private readonly registerFunder: RegisterFunderHandler) {}

  @Post()
  @AdminOnly()
  @ApiOperation({ summary: 'Register a funder (operator only)' })
  @ApiCreatedResponse({ type: FunderDto })
  create(@Body() body: CreateFunderDto): Promise<FunderDto> {
    return this.registerFunder.handle(body);
  }
}
