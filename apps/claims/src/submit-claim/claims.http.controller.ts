import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Idempotency, IDEMPOTENCY_KEY_HEADER, idempotentRequestOf, Problem } from '@jaring/platform';
import { AuditTrail } from '../claims/audit-trail';
import { ClaimRepository } from '../claims/claim.repository';
import { claimView, type ClaimView } from '../claims/claim-view';
import { SubmitClaimDto } from './submit-claim.dto';
import { SubmitClaimHandler } from './submit-claim.handler';

@ApiTags('claims')
@Controller('v1/claims')
export class ClaimsHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: Idempotency,
    private readonly handler: SubmitClaimHandler,
    private readonly claims: ClaimRepository,
    private readonly audit: AuditTrail,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Submit a claim: 201 with the eligibility decision (every reason) and the computed benefit' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'optional: a retried submission with the same key returns the first answer',
  })
  @ApiCreatedResponse({ description: 'The claim, eligible or not' })
  async submit(@Body() body: SubmitClaimDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<ClaimView> {
    if (request.headers[IDEMPOTENCY_KEY_HEADER] === undefined) {
      return this.dataSource.transaction((manager) => this.handler.submit(manager, body));
    }
    const outcome = await this.idempotency.run(idempotentRequestOf(request), (manager) => this.handler.submit(manager, body));
    return this.idempotency.send(outcome, response);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A claim: status, eligibility, benefit breakdown, documents, due date, payment and history' })
  @ApiOkResponse({ description: 'The claim (no personal data)' })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ClaimView> {
    const claim = await this.claims.find(this.dataSource.manager, id);
    if (!claim) throw Problem.notFound(`no claim ${id}`);
    return claimView(claim, await this.audit.list(this.dataSource.manager, id));
  }
}
