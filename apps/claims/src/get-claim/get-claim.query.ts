import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import { regionsVisibleTo, type Caller } from '@jaring/platform';
import { AuditTrail } from '../claims/audit-trail';
import { ClaimRepository } from '../claims/claim.repository';
import { claimView, type ClaimView } from '../claims/claim-view';
import { ContributionRefundsRepository } from '../contribution-refunds/contribution-refunds.repository';
import { workerVisible } from '../domain/worker-visibility';

/** A claim as the API shows it, with its history (GET /v1/claims/{id}). */
@Injectable()
export class GetClaimQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimRepository,
    private readonly audit: AuditTrail,
    private readonly refunds: ContributionRefundsRepository,
  ) {}

  /**
   * A claim of a worker outside the caller's regions (an agent's own; the back office sees every region)
   * answers as an unknown claim does. The answer says what the caller may decide on it now.
   */
  async get(id: string, caller: Caller): Promise<ClaimView> {
    const manager = this.dataSource.manager;
    const visibleRegions = regionsVisibleTo(caller);
    const claim = await this.claims.find(manager, id);
    if (!claim || (visibleRegions && !workerVisible(visibleRegions, await this.workerRegion(claim.workerId)))) {
      throw UseCaseError.notFound(`no claim ${id}`);
    }
    // A death claim shows the refunds owed with it (docs/rules.md, refund), paid or not.
    const refunds = claim.onceKey === 'DEATH' && claim.eligible ? await this.refunds.ofWorker(manager, claim.workerId) : undefined;
    return claimView(claim, await this.audit.list(manager, id), caller, refunds);
  }

  /** The worker's regency; null when not on record, undefined when the worker is unknown. */
  private async workerRegion(workerId: string): Promise<string | null | undefined> {
    const [row] = await this.dataSource.query<Array<{ region_code: string | null }>>(
      `SELECT region_code FROM workers WHERE worker_id = $1`,
      [workerId],
    );
    return row?.region_code;
  }
}
