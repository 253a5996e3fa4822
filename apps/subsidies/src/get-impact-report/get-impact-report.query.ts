import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Clock, todayOf } from '@jaring/domain';
import { CLOCK, rupiah, type Caller } from '@jaring/platform';
import { assertActsFor } from '../auth/funder-access';
import { findProgramme } from '../programmes/find-programme';
import { toProgrammeDto } from '../programmes/programme-row';
import type { ImpactReportDto } from './get-impact-report.dto';

/**
 * What a programme's money did, from the service's own records: the sponsorships it granted (with the
 * worker's region and occupation at the grant), the months it paid (authorisations, net of the months refunded
 * after a worker's death, which are shown apart), the claims paid to
 * its workers or their families since their grant, and how many workers kept paying after their
 * sponsorship's last month: the figure that tells a funder whether its stimulus worked.
 */
@Injectable()
export class GetImpactReportQuery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async report(caller: Caller, programmeId: string): Promise<ImpactReportDto> {
    // One snapshot: every figure below is read from the same committed state.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const row = await findProgramme(manager, programmeId);
      assertActsFor(caller, row.funder_id);
      const programme = toProgrammeDto(row);
      const q = <T>(sql: string) => manager.query<T[]>(sql, [programmeId]);

      const byRegion = await q<{ region_code: string; workers: number }>(
        'SELECT region_code, count(*)::int AS workers FROM sponsorships WHERE programme_id = $1 GROUP BY region_code ORDER BY region_code',
      );
      const byOccupation = await q<{ occupation: string; workers: number }>(
        'SELECT occupation, count(*)::int AS workers FROM sponsorships WHERE programme_id = $1 GROUP BY occupation ORDER BY occupation',
      );
      const [sponsorships] = await q<{ workers: number; active: number; deregistered: number; died: number }>(
        `SELECT count(*)::int AS workers,
                count(*) FILTER (WHERE status = 'ACTIVE')::int AS active,
                count(*) FILTER (WHERE end_reason = 'WORKER_DEREGISTERED')::int AS deregistered,
                count(*) FILTER (WHERE end_reason = 'WORKER_DIED')::int AS died
         FROM sponsorships WHERE programme_id = $1`,
      );
      // Net of refunds, as the budget's SPENT is: a month refunded whole after a death was not paid for a member.
      const [paid] = await q<{ months: number; amount: string; months_refunded: number; refunded: string }>(
        `SELECT count(*) FILTER (WHERE m.refund_id IS NULL OR m.refunded_amount < m.authorised_amount)::int AS months,
                coalesce(sum(m.authorised_amount - coalesce(m.refunded_amount, 0)), 0)::bigint AS amount,
                count(m.refund_id)::int AS months_refunded,
                coalesce(sum(m.refunded_amount), 0)::bigint AS refunded
         FROM sponsorships s JOIN sponsored_months m ON m.sponsorship_id = s.id
         WHERE s.programme_id = $1 AND m.authorisation_id IS NOT NULL`,
      );
      const claims = await q<{ type: string; kind: string; claims: number; amount: string }>(
        `SELECT c.type, c.kind, count(*)::int AS claims, sum(c.amount)::bigint AS amount
         FROM sponsorships s JOIN claims_paid c ON c.worker_id = s.worker_id AND c.paid_on >= s.granted_on
         WHERE s.programme_id = $1 GROUP BY c.type, c.kind ORDER BY c.type, c.kind`,
      );
      const [retention] = await q<{ handed_over: number; kept_paying: number }>(
        `SELECT count(*)::int AS handed_over,
                count(*) FILTER (WHERE EXISTS (
                  SELECT 1 FROM self_payments p WHERE p.worker_id = s.worker_id AND p.period > s.last_period))::int AS kept_paying
         FROM sponsorships s WHERE s.programme_id = $1 AND s.end_reason = 'MONTHS_USED'`,
      );

      const byKind = claims.map((c) => ({ type: c.type, kind: c.kind, claims: c.claims, amount: rupiah(c.amount) }));
      return {
        programmeId,
        programmeName: programme.name,
        funderId: programme.funderId,
        funderType: programme.funderType,
        asOf: todayOf(this.clock),
        budget: {
          budget: programme.budget,
          reserved: programme.reserved,
          spent: programme.spent,
          refunded: programme.refunded,
          remaining: programme.remaining,
        },
        workersProtected: sponsorships.workers,
        byRegion: byRegion.map((r) => ({ regionCode: r.region_code, workers: r.workers })),
        byOccupation: byOccupation.map((o) => ({ occupation: o.occupation, workers: o.workers })),
        monthsPaid: paid.months,
        contributionsPaid: rupiah(paid.amount),
        monthsRefunded: paid.months_refunded,
        contributionsRefunded: rupiah(paid.refunded),
        activeSponsorships: sponsorships.active,
        endedByDeregistration: sponsorships.deregistered,
        endedByDeath: sponsorships.died,
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
