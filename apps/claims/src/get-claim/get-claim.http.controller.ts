import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ClaimView } from '../claims/claim-view';
import { GetClaimQuery } from './get-claim.query';

@ApiTags('claims')
@Controller('v1/claims')
export class GetClaimHttpController {
  constructor(private readonly query: GetClaimQuery) {}

  @Get(':id')
  @ApiOperation({ summary: 'A claim: status, eligibility, benefit breakdown, documents, due date, payment and history' })
  @ApiOkResponse({ description: 'The claim (no personal data)' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ClaimView> {
    return this.query.get(id);
  }
}
