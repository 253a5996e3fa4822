import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/api-key.guard';
import { PartnerApi } from '../auth/partner-api.decorator';
import { assertActsFor, CurrentPrincipal, type Principal } from '../auth/principal';
import { CreateFunderDto, FunderDto } from './funder.dto';
import { FundersService } from './funders.service';

@ApiTags('funders')
@PartnerApi()
@Controller('v1/funders')
export class FundersHttpController {
  constructor(private readonly funders: FundersService) {}

  @Post()
  @AdminOnly()
  @ApiOperation({ summary: 'Register a funder (operator only)' })
  @ApiCreatedResponse({ type: FunderDto })
  create(@Body() body: CreateFunderDto): Promise<FunderDto> {
    return this.funders.create(body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A funder (its own partners, or the operator)' })
  @ApiOkResponse({ type: FunderDto })
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<FunderDto> {
    assertActsFor(principal, id);
    return this.funders.get(id);
  }
}
