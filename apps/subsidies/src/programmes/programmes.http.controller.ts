import { Body, Controller, DefaultValuePipe, Get, Param, ParseIntPipe, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiIdempotencyKey, Idempotency, idempotentRequestOf } from '@jaring/platform';
import { PartnerApi } from '../auth/partner-api.decorator';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { CreateProgrammeDto, ProgrammeDto, ProgrammeListDto } from './programme.dto';
import { idempotencyScope, ProgrammesService } from './programmes.service';

@ApiTags('programmes')
@PartnerApi()
@Controller('v1/programmes')
export class ProgrammesHttpController {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly idempotency: Idempotency,
  ) {}

  @Post()
  @ApiOperation({ summary: "Open a programme with its budget (the funder's partner, or the operator)" })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ProgrammeDto })
  async create(
    @Body() body: CreateProgrammeDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProgrammeDto> {
    const outcome = await this.programmes.create(principal, body, idempotentRequestOf(request, idempotencyScope(principal)));
    return this.idempotency.send(outcome, response);
  }

  @Get()
  @ApiOperation({ summary: "The caller's programmes (a partner sees only its funder's)" })
  @ApiQuery({ name: 'funderId', required: false })
  @ApiOkResponse({ type: ProgrammeListDto })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('funderId', new ParseUUIDPipe({ optional: true })) funderId?: string,
    @Query('limit', new DefaultValuePipe(50), ParseIntPipe) limit = 50,
    @Query('offset', new DefaultValuePipe(0), ParseIntPipe) offset = 0,
  ): Promise<ProgrammeListDto> {
    return this.programmes.list(principal, funderId, Math.min(Math.max(limit, 1), 500), Math.max(offset, 0));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A programme with its budget, reserved, spent, remaining and sponsored workers' })
  @ApiOkResponse({ type: ProgrammeDto })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<ProgrammeDto> {
    return this.programmes.get(principal, id);
  }
}
