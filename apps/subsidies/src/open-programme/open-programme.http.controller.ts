import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiIdempotencyKey, Idempotency, idempotentRequestOf } from '@jaring/platform';
import { PartnerApi } from '../auth/partner-api.decorator';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { idempotencyScope } from '../programmes/idempotency-scope';
import { ProgrammeDto } from '../programmes/programme.dto';
import { CreateProgrammeDto } from './open-programme.dto';
import { OpenProgrammeHandler } from './open-programme.handler';

@ApiTags('programmes')
@PartnerApi()
@Controller('v1/programmes')
export class OpenProgrammeHttpController {
  constructor(
    private readonly openProgramme: OpenProgrammeHandler,
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
    const outcome = await this.openProgramme.handle(principal, body, idempotentRequestOf(request, idempotencyScope(principal)));
    return this.idempotency.send(outcome, response);
  }
}
