import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import { AuditTrail } from '../claims/audit-trail';
import { ClaimRepository } from '../claims/claim.repository';
import { claimView, type ClaimView } from '../claims/claim-view';

/** A claim as the API shows it, with its history (GET /v1/claims/{id}). */
@Injectable()
export class GetClaimQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimRepository,
    private readonly audit: AuditTrail,
  ) {}

  async get(id: string): Promise<ClaimView> {
    const claim = await this.claims.find(this.dataSource.manager, id);
    if (!claim) throw UseCaseError.notFound(`no claim ${id}`);
    return claimView(claim, await this.audit.list(this.dataSource.manager, id));
  }
}
