import { Body, Controller, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentCaller, Idempotency, IDEMPOTENCY_KEY_HEADER, idempotentRequestOf, type Caller } from '@jaring/platform';
import type { ClaimView } from '../claims/claim-view';
import { ClaimScholarshipDto } from './claim-scholarship.dto';
import { ClaimScholarshipHandler } from './claim-scholarship.handler';

@ApiTags('claims')
@Controller('v1/claims/:id')
export class ClaimScholarshipHttpController {
  constructor(
    private readonly handler: ClaimScholarshipHandler,
    private readonly idempotency: Idempotency,
  ) {}

  @Post('scholarships')
  // as a claim's submission: agents for their own regions' workers (another's is a 404), verifiers for anyone
  @Allow('agent', 'verifier')
  @ApiOperation({ summary: "Claim one school year's scholarship for a child on an approved or paid death claim: 201 with the new claim" })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'optional: a retry with the same key returns the first answer' })
  @ApiCreatedResponse({ description: 'The scholarship claim (kind SCHOLARSHIP), to be verified, approved and paid as any claim' })
  async claim(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ClaimScholarshipDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ClaimView> {
    if (request.headers[IDEMPOTENCY_KEY_HEADER] === undefined) return this.handler.claim(id, body, caller);
    const outcome = await this.handler.claimIdempotently(idempotentRequestOf(request), id, body, caller);
    return this.idempotency.send(outcome, response);
  }
}
