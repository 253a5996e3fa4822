import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { todayOf, type Clock } from '@jaring/domain';
import { CLOCK, rupiah } from '@jaring/platform';
import type { PayoutHold } from '../claims/claim-record';
import { serviceLevelStanding, type ServiceLevelStanding } from '../domain/service-level-standing';
import { OPEN_STATUSES, type GetDueClaimsDto } from './get-due-claims.dto';

export interface DueClaim extends ServiceLevelStanding {
  id: string;
  workerId: string;
  /** The worker's regency; null when registered before claims recorded regions. */
  regionCode: string | null;
  type: string;
  kind: string;
  status: string;
  submittedOn: string;
  benefitTotal: number;
  documentsCompleteOn: string | null;
  dueOn: string | null;
  payoutHold: PayoutHold | null;
}

export interface DueClaimsPage {
  items: DueClaim[];
  total: number;
  limit: number;
  offset: number;
}

interface DueClaimRow {
  id: string;
  worker_id: string;
  region_code: string | null;
  type: string;
  kind: string;
  status: string;
  submitted_on: string;
  benefit_total: string;
  documents_complete_on: string | null;
  due_on: string | null;
  payout_hold: PayoutHold | null;
}

/**
 * The back office's queue of open claims (docs/api.md, GET /v1/claims): by due date, the earliest first, then
 * those with no due date yet (documents missing, or ineligible and waiting to be rejected) in the order they
 * came. Each with its standing against the service level on the service's today.
 */
@Injectable()
export class GetDueClaimsQuery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(query: GetDueClaimsDto): Promise<DueClaimsPage> {
    const statuses = query.status ? [query.status] : [...OPEN_STATUSES];
    const from = `claims c LEFT JOIN workers w ON w.worker_id = c.worker_id
      WHERE c.status = ANY($1) AND ($2::date IS NULL OR c.due_on <= $2::date) AND ($3::text IS NULL OR c.type = $3)
        AND ($4::text IS NULL OR w.region_code = $4)`;
    const params = [statuses, query.dueBefore ?? null, query.type ?? null, query.regionCode ?? null];
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(`SELECT count(*)::int AS total FROM ${from}`, params);
    const rows = await this.dataSource.query<DueClaimRow[]>(
      `SELECT c.id, c.worker_id, w.region_code, c.type, c.kind, c.status, c.submitted_on::text, c.benefit_total::text,
              c.documents_complete_on::text, c.due_on::text, c.payout_hold
       FROM ${from}
       ORDER BY c.due_on NULLS LAST, c.submitted_at, c.id LIMIT $5 OFFSET $6`,
      [...params, query.limit, query.offset],
    );
    const today = todayOf(this.clock);
    const items = rows.map((r): DueClaim => {
      const benefitTotal = rupiah(r.benefit_total);
      return {
        id: r.id,
        workerId: r.worker_id,
        regionCode: r.region_code,
        type: r.type,
        kind: r.kind,
        status: r.status,
        submittedOn: r.submitted_on,
        benefitTotal,
        documentsCompleteOn: r.documents_complete_on,
        dueOn: r.due_on,
        payoutHold: r.payout_hold,
        ...serviceLevelStanding(benefitTotal, r.due_on, today),
      };
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
