import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentCaller, Idempotency, IDEMPOTENCY_KEY_HEADER, idempotentRequestOf, type Caller } from '@jaring/platform';
import type { ClaimView } from '../claims/claim-view';
import { SubmitClaimDto } from './submit-claim.dto';
import { SubmitClaimHandler } from './submit-claim.handler';

@ApiTags('claims')
@Controller('v1/claims')
export class SubmitClaimHttpController {
  constructor(
    private readonly handler: SubmitClaimHandler,
    private readonly idempotency: Idempotency,
  ) {}

  @Post()
  // agents for the workers of their own regions (another region's worker is a 404), verifiers for anyone
  @Allow('agent', 'verifier')
  @ApiOperation({ summary: 'Submit a claim: 201 with the eligibility decision (every reason) and the computed benefit' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'optional: a retried submission with the same key returns the first answer',
  })
  @ApiCreatedResponse({ description: 'The claim, eligible or not' })
  async submit(
    @Body() body: SubmitClaimDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ClaimView> {
    if (request.headers[IDEMPOTENCY_KEY_HEADER] === undefined) return this.handler.submit(body, caller);
    // the key is the caller's client's own (the platform scopes it)
    const outcome = await this.handler.submitIdempotently(idempotentRequestOf(request), body, caller);
    return this.idempotency.send(outcome, response);
  }
}
