import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Problem } from '@jaring/platform';
import type { BackOfficeUser } from '../auth/back-office-user';
import { CurrentUser, Roles } from '../auth/roles.decorator';
import { AuditTrail, type AuditEntry } from '../claims/audit-trail';
import type { ClaimView } from '../claims/claim-view';
import { ApprovalDto, DocumentsDto, RejectionDto, VerificationDto } from './decision.dto';
import { DecisionsHandler } from './decisions.handler';

@ApiTags('claims: back office')
@Controller('v1/claims/:id')
export class DecisionsHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly decisions: DecisionsHandler,
    private readonly audit: AuditTrail,
  ) {}

  @Post('documents')
  @HttpCode(200)
  @Roles('verifier')
  @ApiOperation({ summary: 'Record documents received; when the last one is in, the service-level clock starts' })
  documents(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DocumentsDto,
    @CurrentUser() user: BackOfficeUser,
  ): Promise<ClaimView> {
    return this.dataSource.transaction((manager) => this.decisions.receiveDocuments(manager, id, user, body.documents));
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
    return this.dataSource.transaction((manager) => this.decisions.verify(manager, id, user, body.note));
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
    return this.dataSource.transaction((manager) => this.decisions.approve(manager, id, user, body.note));
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
    return this.dataSource.transaction((manager) => this.decisions.reject(manager, id, user, body.reason));
  }

  @Get('audit')
  @Roles('auditor')
  @ApiOperation({ summary: "The claim's audit trail: who did what, when and why (append-only)" })
  @ApiOkResponse({ description: '{ items, total }' })
  async auditTrail(@Param('id', new ParseUUIDPipe()) id: string): Promise<{ items: AuditEntry[]; total: number }> {
    const items = await this.audit.list(this.dataSource.manager, id);
    if (!items.length) throw Problem.notFound(`no claim ${id}`);
    return { items, total: items.length };
  }
}
