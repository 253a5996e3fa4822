import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '@jaring/platform';
import type { AuditEntry } from '../claims/audit-trail';
import { GetClaimAuditQuery } from './get-claim-audit.query';

@ApiTags('claims: back office')
@Controller('v1/claims/:id')
export class GetClaimAuditHttpController {
  constructor(private readonly query: GetClaimAuditQuery) {}

  @Get('audit')
  @Allow('auditor')
  @ApiOperation({ summary: "The claim's audit trail: who did what, when and why (append-only)" })
  @ApiOkResponse({ description: '{ items, total }' })
  auditTrail(@Param('id', new ParseUUIDPipe()) id: string): Promise<{ items: AuditEntry[]; total: number }> {
    return this.query.get(id);
  }
}
