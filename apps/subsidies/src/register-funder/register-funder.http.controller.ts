import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Allow, CurrentCaller, type Caller } from '@jaring/platform';
import { RateLimited } from '../auth/subsidies-rate-limit';
import { FunderDto } from '../funders/funder.dto';
import { CreateFunderDto } from './register-funder.dto';
import { RegisterFunderHandler } from './register-funder.handler';

@ApiTags('funders')
@RateLimited()
@Controller('v1/funders')
export class RegisterFunderHttpController {
  constructor(private readonly registerFunder: RegisterFunderHandler) {}

  @Post()
  @Allow('programme-officer')
  @ApiOperation({ summary: 'Register a funder (programme officers)' })
  @ApiCreatedResponse({ type: FunderDto })
  create(@Body() body: CreateFunderDto, @CurrentCaller() caller: Caller): Promise<FunderDto> {
    return this.registerFunder.handle(body, actorOf(caller));
  }
}
