import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Clock, todayOf } from '@jaring/domain';
import { CLOCK, rupiah } from '@jaring/platform';
import { assertActsFor, type Principal } from '../auth/principal';
import { toProgrammeDto } from '../programmes/programme-row';
import { ProgrammesService } from '../programmes/programmes.service';
import type { ImpactReportDto } from './impact-report.dto';

/**
 * What a programme's money did, from the service's own records: the sponsorships it granted (with the
 * worker's region and occupation at the grant), the months it paid (authorisations), the claims paid to
 * its workers or their families since their grant, and how many workers kept paying after their
 * sponsorship's last month: the figure that tells a funder whether its stimulus worked.
 */
@Injectable()
export class ImpactReports {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programmes: ProgrammesService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async report(principal: Principal, programmeId: string): Promise<ImpactReportDto> {
    // One snapshot: every figure below is read from the same committed state.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const row = await this.programmes.findRow(manager, programmeId);
      assertActsFor(principal, row.funder_id);
      const programme = toProgrammeDto(row);
      const q = (sql: string) => manager.query(sql, [programmeId]);

      const byRegion = (await q(
        'SELECT region_code, count(*)::int AS workers FROM sponsorships WHERE programme_id = $1 GROUP BY region_code ORDER BY region_code',
      )) as Array<{
        region_code: string;
        workers: number;
      }>;
      const byOccupation = (await q(
        'SELECT occupation, count(*)::int AS workers FROM sponsorships WHERE programme_id = $1 GROUP BY occupation ORDER BY occupation',
      )) as Array<{
        occupation: string;
        workers: number;
      }>;
      const [sponsorships] = (await q(
        `SELECT count(*)::int AS workers,
                count(*) FILTER (WHERE status = 'ACTIVE')::int AS active,
                count(*) FILTER (WHERE end_reason = 'WORKER_DEREGISTERED')::int AS deregistered
         FROM sponsorships WHERE programme_id = $1`,
      )) as Array<{ workers: number; active: number; deregistered: number }>;
      const [paid] = (await q(
        `SELECT count(*)::int AS months, coalesce(sum(m.authorised_amount), 0)::bigint AS amount
         FROM sponsorships s JOIN sponsored_months m ON m.sponsorship_id = s.id
         WHERE s.programme_id = $1 AND m.authorisation_id IS NOT NULL`,
      )) as Array<{ months: number; amount: string }>;
      const claims = (await q(
        `SELECT c.type, c.kind, count(*)::int AS claims, sum(c.amount)::bigint AS amount
         FROM sponsorships s JOIN claims_paid c ON c.worker_id = s.worker_id AND c.paid_on >= s.granted_on
         WHERE s.programme_id = $1 GROUP BY c.type, c.kind ORDER BY c.type, c.kind`,
      )) as Array<{ type: string; kind: string; claims: number; amount: string }>;
      const [retention] = (await q(
        `SELECT count(*)::int AS handed_over,
                count(*) FILTER (WHERE EXISTS (
                  SELECT 1 FROM self_payments p WHERE p.worker_id = s.worker_id AND p.period > s.last_period))::int AS kept_paying
         FROM sponsorships s WHERE s.programme_id = $1 AND s.end_reason = 'MONTHS_USED'`,
      )) as Array<{ handed_over: number; kept_paying: number }>;

      const byKind = claims.map((c) => ({ type: c.type, kind: c.kind, claims: c.claims, amount: rupiah(c.amount) }));
      return {
        programmeId,
        programmeName: programme.name,
        funderId: programme.funderId,
        funderType: programme.funderType,
        asOf: todayOf(this.clock),
        budget: { budget: programme.budget, reserved: programme.reserved, spent: programme.spent, remaining: programme.remaining },
        workersProtected: sponsorships.workers,
        byRegion: byRegion.map((r) => ({ regionCode: r.region_code, workers: r.workers })),
        byOccupation: byOccupation.map((o) => ({ occupation: o.occupation, workers: o.workers })),
        monthsPaid: paid.months,
        contributionsPaid: rupiah(paid.amount),
        activeSponsorships: sponsorships.active,
        endedByDeregistration: sponsorships.deregistered,
        claims: { claims: byKind.reduce((n, c) => n + c.claims, 0), amount: byKind.reduce((n, c) => n + c.amount, 0), byKind },
        retention: {
          handedOver: retention.handed_over,
          keptPaying: retention.kept_paying,
          keptPayingPercent: retention.handed_over ? Math.round((retention.kept_paying * 1000) / retention.handed_over) / 10 : 0,
        },
      };
    });
  }
}

/**
 * The report as CSV, one figure per line (`metric,dimension,value`): a spreadsheet or a BI tool reads it
 * without knowing the JSON's nesting. Dimensions are `region:5371`, `occupation:WEAVER`, `JKM/DEATH`.
 */
export function impactReportCsv(report: ImpactReportDto): string {
  const rows: Array<[string, string, string | number]> = [
    ['programmeId', '', report.programmeId],
    ['programmeName', '', report.programmeName],
    ['funderType', '', report.funderType],
    ['asOf', '', report.asOf],
    ['budget', '', report.budget.budget],
    ['reserved', '', report.budget.reserved],
    ['spent', '', report.budget.spent],
    ['remaining', '', report.budget.remaining],
    ['workersProtected', '', report.workersProtected],
    ...report.byRegion.map((r): [string, string, number] => ['workersProtected', `region:${r.regionCode}`, r.workers]),
    ...report.byOccupation.map((o): [string, string, number] => ['workersProtected', `occupation:${o.occupation}`, o.workers]),
    ['monthsPaid', '', report.monthsPaid],
    ['contributionsPaid', '', report.contributionsPaid],
    ['activeSponsorships', '', report.activeSponsorships],
    ['endedByDeregistration', '', report.endedByDeregistration],
    ['claimsPaid', '', report.claims.claims],
    ['benefitsPaid', '', report.claims.amount],
    ...report.claims.byKind.flatMap((c): Array<[string, string, number]> => [
      ['claimsPaid', `${c.type}/${c.kind}`, c.claims],
      ['benefitsPaid', `${c.type}/${c.kind}`, c.amount],
    ]),
    ['handedOver', '', report.retention.handedOver],
    ['keptPaying', '', report.retention.keptPaying],
    ['keptPayingPercent', '', report.retention.keptPayingPercent],
  ];
  return ['metric,dimension,value', ...rows.map((row) => row.map(csvCell).join(','))].join('\r\n') + '\r\n';
}

/** RFC 4180 quoting; a leading =, +, - or @ is neutralised so a spreadsheet never runs a name as a formula. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
