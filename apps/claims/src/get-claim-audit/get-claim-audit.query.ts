import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import { AuditTrail, type AuditEntry } from '../claims/audit-trail';

/** A claim's audit trail for auditors (GET /v1/claims/{id}/audit): who did what, when and why. */
@Injectable()
export class GetClaimAuditQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async get(claimId: string): Promise<{ items: AuditEntry[]; total: number }> {
    const items = await this.audit.list(this.dataSource.manager, claimId);
    // Every claim has at least its SUBMITTED entry: none means no such claim.
    if (!items.length) throw UseCaseError.notFound(`no claim ${claimId}`);
    return { items, total: items.length };
  }
}
