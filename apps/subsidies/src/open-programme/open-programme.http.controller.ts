import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ApiIdempotencyKey, CurrentCaller, Idempotency, idempotentRequestOf, type Caller } from '@jaring/platform';
import { RateLimited } from '../auth/subsidies-rate-limit';
import { ProgrammeDto } from '../programmes/programme.dto';
import { CreateProgrammeDto } from './open-programme.dto';
import { OpenProgrammeHandler } from './open-programme.handler';

@ApiTags('programmes')
@RateLimited()
@Controller('v1/programmes')
export class OpenProgrammeHttpController {
  constructor(
    private readonly openProgramme: OpenProgrammeHandler,
    private readonly idempotency: Idempotency,
  ) {}

  @Post()
  @Allow('funder', 'programme-officer')
  @ApiOperation({ summary: 'Open a programme with its budget (a key of the funder, or a programme officer)' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ProgrammeDto })
  async create(
    @Body() body: CreateProgrammeDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProgrammeDto> {
    // the caller's client scopes the key (the platform's rule): a funder's keys share theirs
    const outcome = await this.openProgramme.handle(caller, body, idempotentRequestOf(request));
    return this.idempotency.send(outcome, response);
  }
}
