import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENTS, type CoverageChangedV1, type EventEnvelope } from '@jaring/contracts';
import { Period } from '@jaring/domain';
import type { PendingEvent } from '@jaring/messaging';
import { lapseDateOf } from '../domain/coverage-rules';

/** Periods a worker has just got paid, with the programmes they cover. */
export interface NewlyPaid {
  workerId: string;
  periods: Period[];
  programs: Set<string>;
  causedBy?: EventEnvelope;
}

interface AccountRow {
  worker_id: string;
  status: string;
  billing_from: string;
  last_paid: string | null;
}

/**
 * After invoices became PAID: the worker's coverage now reaches the latest paid period of the current
 * membership, the lapse date moves (RULES.md, arrears), and the change is announced: `activated` for the
 * first paid period or the first after a lapse (re-joining), `extended` otherwise (returned, for the
 * caller to write to the outbox with its own events). A deregistered worker's late payment is recorded
 * but does not reactivate anyone.
 */
@Injectable()
export class CoverageUpdater {
  async afterPaid(manager: EntityManager, paid: NewlyPaid[]): Promise<Array<PendingEvent<CoverageChangedV1>>> {
    if (!paid.length) return [];
    const byWorker = new Map<string, NewlyPaid>();
    for (const item of paid) {
      const known = byWorker.get(item.workerId);
      if (!known) byWorker.set(item.workerId, { ...item, periods: [...item.periods], programs: new Set(item.programs) });
      else {
        known.periods.push(...item.periods);
        item.programs.forEach((p) => known.programs.add(p));
      }
    }
    // Paid periods only ever get added, so the latest paid period is the later of the stored one and the
    // newly paid ones: no need to read the invoices again.
    const found = (await manager.query(
      `SELECT worker_id, status, billing_from, paid_through FROM accounts WHERE worker_id = ANY($1::uuid[]) ORDER BY worker_id FOR UPDATE`,
      [[...byWorker.keys()]],
    )) as Array<{ worker_id: string; status: string; billing_from: string; paid_through: string | null }>;
    const rows: AccountRow[] = found.map((account) => {
      const from = Period.parse(account.billing_from);
      const candidates = [...byWorker.get(account.worker_id)!.periods, ...(account.paid_through ? [Period.parse(account.paid_through)] : [])].filter((p) => !p.isBefore(from));
      const last = candidates.reduce<Period | null>((max, p) => (max === null || p.isAfter(max) ? p : max), null);
      return { worker_id: account.worker_id, status: account.status, billing_from: account.billing_from, last_paid: last?.toString() ?? null };
    });
    const updates = rows.filter((row) => row.status !== 'DEREGISTERED' && row.last_paid !== null);
    if (!updates.length) return [];
    await manager.query(
      `UPDATE accounts a SET status = 'ACTIVE', paid_through = u.last_paid, lapses_on = u.lapses_on, lapsed_on = NULL, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::date[]) AS u(worker_id, last_paid, lapses_on) WHERE a.worker_id = u.worker_id`,
      [
        updates.map((r) => r.worker_id),
        updates.map((r) => r.last_paid),
        updates.map((r) => lapseDateOf(Period.parse(r.billing_from), Period.parse(r.last_paid))),
      ],
    );
    return updates.flatMap((row): Array<PendingEvent<CoverageChangedV1>> => {
      const item = byWorker.get(row.worker_id)!;
      const periods = item.periods.filter((p) => !p.isBefore(Period.parse(row.billing_from))).sort((a, b) => a.compareTo(b));
      if (!periods.length) return [];
      const data: CoverageChangedV1 = {
        workerId: row.worker_id,
        programs: ['JKK', 'JKM', 'JHT'].filter((p) => item.programs.has(p)),
        periods: periods.map((p) => p.toString()),
        coveredFrom: periods[0].firstDay(),
        coveredUntil: Period.parse(row.last_paid!).lastDay(),
      };
      const definition = row.status === 'ACTIVE' ? EVENTS.CoverageExtended : EVENTS.CoverageActivated;
      return [{ definition, subject: row.worker_id, data, causedBy: item.causedBy }];
    });
  }
}
