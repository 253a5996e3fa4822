import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentCaller, type Caller } from '@jaring/platform';
import type { ClaimView } from '../claims/claim-view';
import { ApprovalDto, DocumentsDto, RejectionDto, VerificationDto } from './decide-claim.dto';
import { DecideClaimHandler } from './decide-claim.handler';

@ApiTags('claims: back office')
@Controller('v1/claims/:id')
export class DecideClaimHttpController {
  constructor(private readonly decisions: DecideClaimHandler) {}

  @Post('documents')
  @HttpCode(200)
  @Allow('verifier')
  @ApiOperation({ summary: 'Record documents received; when the last one is in, the service-level clock starts' })
  documents(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: DocumentsDto, @CurrentCaller() caller: Caller): Promise<ClaimView> {
    return this.decisions.receiveDocuments(id, caller, body.documents);
  }

  @Post('verification')
  @HttpCode(200)
  @Allow('verifier')
  @ApiOperation({
    summary: 'Verify an eligible claim whose documents are complete (SUBMITTED → VERIFIED); not by whoever changed its bank account',
  })
  verify(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: VerificationDto, @CurrentCaller() caller: Caller): Promise<ClaimView> {
    return this.decisions.verify(id, caller, body.note);
  }

  @Post('approval')
  @HttpCode(200)
  @Allow('approver')
  @ApiOperation({
    summary:
      'Approve a verified claim (VERIFIED → APPROVED); not by its verifier nor whoever changed its bank account; above the configured amount, two approvers',
  })
  approve(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ApprovalDto, @CurrentCaller() caller: Caller): Promise<ClaimView> {
    return this.decisions.approve(id, caller, body.note);
  }

  @Post('rejection')
  @HttpCode(200)
  @Allow('verifier', 'approver')
  @ApiOperation({ summary: 'Reject a submitted or verified claim, with the reason' })
  reject(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: RejectionDto, @CurrentCaller() caller: Caller): Promise<ClaimView> {
    return this.decisions.reject(id, caller, body.reason);
  }
}
