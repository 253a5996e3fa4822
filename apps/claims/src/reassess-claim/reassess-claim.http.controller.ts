import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentCaller, Idempotency, IDEMPOTENCY_KEY_HEADER, idempotentRequestOf, type Caller } from '@jaring/platform';
import type { ClaimView } from '../claims/claim-view';
import { ReassessmentDto } from './reassess-claim.dto';
import { ReassessClaimHandler } from './reassess-claim.handler';

@ApiTags('claims: back office')
@Controller('v1/claims/:id')
export class ReassessClaimHttpController {
  constructor(
    private readonly handler: ReassessClaimHandler,
    private readonly idempotency: Idempotency,
  ) {}

  @Post('reassessment')
  @HttpCode(200)
  @Allow('verifier')
  @ApiOperation({ summary: "Decide a claim recorded ineligible again on today's facts; its history keeps both decisions" })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'optional: a retry with the same key returns the first answer' })
  async reassess(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReassessmentDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ClaimView> {
    if (request.headers[IDEMPOTENCY_KEY_HEADER] === undefined) return this.handler.reassess(id, caller, body.note);
    const outcome = await this.handler.reassessIdempotently(idempotentRequestOf(request), id, caller, body.note);
    return this.idempotency.send(outcome, response);
  }
}
