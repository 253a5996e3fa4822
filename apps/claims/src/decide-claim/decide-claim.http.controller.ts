import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BackOfficeUser } from '../auth/back-office-user';
import { CurrentUser, Roles } from '../auth/roles.decorator';
import type { ClaimView } from '../claims/claim-view';
import { ApprovalDto, DocumentsDto, RejectionDto, VerificationDto } from './decide-claim.dto';
import { DecideClaimHandler } from './decide-claim.handler';

@ApiTags('claims: back office')
@Controller('v1/claims/:id')
export class DecideClaimHttpController {
  constructor(private readonly decisions: DecideClaimHandler) {}

  @Post('documents')
  @HttpCode(200)
  @Roles('verifier')
  @ApiOperation({ summary: 'Record documents received; when the last one is in, the service-level clock starts' })
  documents(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DocumentsDto,
    @CurrentUser() user: BackOfficeUser,
  ): Promise<ClaimView> {
    return this.decisions.receiveDocuments(id, user, body.documents);
  }

  @Post('verification')
  @HttpCode(200)
  @Roles('verifier')
  @ApiOperation({ summary: 'Verify an eligible claim whose documents are complete (SUBMITTED → VERIFIED)' })
  verify(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: VerificationDto,
    @CurrentUser() user: BackOfficeUser,
  ): Promise<ClaimView> {
    return this.decisions.verify(id, user, body.note);
  }

  @Post('approval')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({ summary: 'Approve a verified claim (VERIFIED → APPROVED); the approver must not be the verifier' })
  approve(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ApprovalDto,
    @CurrentUser() user: BackOfficeUser,
  ): Promise<ClaimView> {
    return this.decisions.approve(id, user, body.note);
  }

  @Post('rejection')
  @HttpCode(200)
  @Roles('verifier', 'approver')
  @ApiOperation({ summary: 'Reject a submitted or verified claim, with the reason' })
  reject(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RejectionDto,
    @CurrentUser() user: BackOfficeUser,
  ): Promise<ClaimView> {
    return this.decisions.reject(id, user, body.reason);
  }
}
