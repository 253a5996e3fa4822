import { Body, Controller, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ApiIdempotencyKey, CurrentCaller, Idempotency, idempotentRequestOf, type Caller } from '@jaring/platform';
import { RateLimited } from '../auth/subsidies-rate-limit';
import { NominateWorkersDto, NominationResultListDto } from './nominate-workers.dto';
import { NominateWorkersHandler } from './nominate-workers.handler';

@ApiTags('programmes')
@RateLimited()
@Controller('v1/programmes/:id/nominations')
export class NominateWorkersHttpController {
  constructor(
    private readonly nominateWorkers: NominateWorkersHandler,
    private readonly idempotency: Idempotency,
  ) {}

  @Post()
  @Allow('funder', 'programme-officer')
  @ApiOperation({
    summary: 'Name workers to sponsor',
    description:
      'Registered workers are granted (or refused, with the reason) at once, reserving the cost from the budget; workers not registered yet are PENDING and decided when they register.',
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: NominationResultListDto })
  async nominate(
    @Param('id', ParseUUIDPipe) programmeId: string,
    @Body() body: NominateWorkersDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<NominationResultListDto> {
    const outcome = await this.nominateWorkers.handle(caller, programmeId, body, idempotentRequestOf(request));
    return this.idempotency.send(outcome, response);
  }
}
