import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { todayOf, workingDaysAfter, type Clock } from '@jaring/domain';
import { CLOCK, rupiah } from '@jaring/platform';
import { OPEN_STATUSES, type GetDueClaimsDto } from './get-due-claims.dto';

export interface DueClaim {
  id: string;
  workerId: string;
  type: string;
  kind: string;
  status: string;
  benefitTotal: number;
  documentsCompleteOn: string;
  dueOn: string;
  overdue: boolean;
  workingDaysOverdue: number;
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
  type: string;
  kind: string;
  status: string;
  benefit_total: string;
  documents_complete_on: string;
  due_on: string;
}

/** The back office's worklist of unpaid claims by due date (docs/api.md, GET /v1/claims?dueBefore=). */
@Injectable()
export class GetDueClaimsQuery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(query: GetDueClaimsDto): Promise<DueClaimsPage> {
    const statuses = query.status ? [query.status] : [...OPEN_STATUSES];
    const where = `status = ANY($1) AND due_on IS NOT NULL AND ($2::date IS NULL OR due_on <= $2::date)`;
    const params = [statuses, query.dueBefore ?? null];
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM claims WHERE ${where}`,
      params,
    );
    const rows = await this.dataSource.query<DueClaimRow[]>(
      `SELECT id, worker_id, type, kind, status, benefit_total::text, documents_complete_on::text, due_on::text FROM claims WHERE ${where}
       ORDER BY due_on, id LIMIT $3 OFFSET $4`,
      [...params, query.limit, query.offset],
    );
    const today = todayOf(this.clock);
    const items = rows.map((r) => {
      const late = workingDaysAfter(r.due_on, today);
      return {
        id: r.id,
        workerId: r.worker_id,
        type: r.type,
        kind: r.kind,
        status: r.status,
        benefitTotal: rupiah(r.benefit_total),
        documentsCompleteOn: r.documents_complete_on,
        dueOn: r.due_on,
        overdue: r.due_on < today,
        workingDaysOverdue: late,
      };
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
