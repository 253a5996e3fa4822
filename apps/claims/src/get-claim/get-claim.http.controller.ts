import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentCaller, type Caller } from '@jaring/platform';
import type { ClaimView } from '../claims/claim-view';
import { GetClaimQuery } from './get-claim.query';

@ApiTags('claims')
@Controller('v1/claims')
export class GetClaimHttpController {
  constructor(private readonly query: GetClaimQuery) {}

  @Get(':id')
  // agents follow the claims of their own regions' workers (any other is a 404); the back office every claim
  @Allow('agent', 'verifier', 'approver', 'finance', 'auditor')
  @ApiOperation({
    summary: 'A claim: status, eligibility, benefit breakdown, documents, due date, payment, history and the decisions the caller may take',
  })
  @ApiOkResponse({ description: 'The claim (no personal data)' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentCaller() caller: Caller): Promise<ClaimView> {
    return this.query.get(id, caller);
  }
}
