import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { todayOf, workingDaysAfter, type Clock } from '@jaring/domain';
import { CLOCK } from '@jaring/platform';
import { Roles } from '../auth/roles.decorator';
import { safeNumber } from '../read-models/claim-facts.reader';
import { DueClaimsQuery, OPEN_STATUSES } from './due-claims.query';

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

/** The back office's worklist of unpaid claims by due date (docs/api.md, GET /v1/claims?dueBefore=). */
@ApiTags('claims: back office')
@Controller('v1/claims')
export class DueClaimsHttpController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('verifier', 'approver', 'finance', 'auditor')
  @ApiOperation({ summary: 'Unpaid claims with a due date, the earliest first; `dueBefore` keeps those due by that day' })
  @ApiOkResponse({ description: '{ items, total, limit, offset }' })
  async list(@Query() query: DueClaimsQuery): Promise<{ items: DueClaim[]; total: number; limit: number; offset: number }> {
    const statuses = query.status ? [query.status] : [...OPEN_STATUSES];
    const where = `status = ANY($1) AND due_on IS NOT NULL AND ($2::date IS NULL OR due_on <= $2::date)`;
    const params = [statuses, query.dueBefore ?? null];
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM claims WHERE ${where}`, params)) as Array<{
      total: number;
    }>;
    const rows = (await this.dataSource.query(
      `SELECT id, worker_id, type, kind, status, benefit_total::text, documents_complete_on::text, due_on::text FROM claims WHERE ${where}
       ORDER BY due_on, id LIMIT $3 OFFSET $4`,
      [...params, query.limit, query.offset],
    )) as Array<Record<string, string>>;
    const today = todayOf(this.clock);
    const items = rows.map((r) => {
      const late = workingDaysAfter(r.due_on, today);
      return {
        id: r.id,
        workerId: r.worker_id,
        type: r.type,
        kind: r.kind,
        status: r.status,
        benefitTotal: safeNumber(r.benefit_total),
        documentsCompleteOn: r.documents_complete_on,
        dueOn: r.due_on,
        overdue: r.due_on < today,
        workingDaysOverdue: late,
      };
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
