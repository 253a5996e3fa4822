import { Body, Controller, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiIdempotencyKey, Idempotency, idempotentRequestOf } from '@jaring/platform';
import { PartnerApi } from '../auth/partner-api.decorator';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { idempotencyScope } from '../programmes/idempotency-scope';
import { NominateWorkersDto, NominationResultListDto } from './nominate-workers.dto';
import { NominateWorkersHandler } from './nominate-workers.handler';

@ApiTags('programmes')
@PartnerApi()
@Controller('v1/programmes/:id/nominations')
export class NominateWorkersHttpController {
  constructor(
    private readonly nominateWorkers: NominateWorkersHandler,
    private readonly idempotency: Idempotency,
  ) {}

  @Post()
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
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<NominationResultListDto> {
    const outcome = await this.nominateWorkers.handle(
      principal,
      programmeId,
      body,
      idempotentRequestOf(request, idempotencyScope(principal)),
    );
    return this.idempotency.send(outcome, response);
  }
}
