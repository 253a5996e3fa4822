import { Body, Controller, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiIdempotencyKey, Idempotency, idempotentRequestOf } from '@jaring/platform';
import { PartnerApi } from '../auth/partner-api.decorator';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { idempotencyScope } from '../programmes/programmes.service';
import { NominateWorkersDto, NominationResultListDto } from './nomination.dto';
import { NominateWorkers } from './nominate-workers.service';

@ApiTags('programmes')
@PartnerApi()
@Controller('v1/programmes/:id/nominations')
export class NominationsHttpController {
  constructor(
    private readonly nominations: NominateWorkers,
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
    const outcome = await this.nominations.nominate(
      principal,
      programmeId,
      body,
      idempotentRequestOf(request, idempotencyScope(principal)),
    );
    return this.idempotency.send(outcome, response);
  }
}
