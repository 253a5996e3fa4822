import { Injectable } from '@nestjs/common';
import { EVENTS, type CoverageChangedV1, type EventEnvelope } from '@jaring/contracts';
import { type IsoDate, Period } from '@jaring/domain';
import type { PendingEvent } from '@jaring/messaging';
import { lapseDateOf } from '../domain/coverage-rules';

/** Memberships that ended for good: a payment moves no coverage. */
const ENDED = ['DEREGISTERED', 'DECEASED'];

/** Periods a worker has just got paid, with the programmes they cover. */
export interface NewlyPaid {
  workerId: string;
  periods: Period[];
  programs: Set<string>;
  causedBy?: EventEnvelope;
}

/** A worker's account as it stands, read by the caller in its transaction (after locking it). */
export interface AccountState {
  workerId: string;
  status: string;
  billingFrom: string;
  paidThrough: string | null;
}

/** What a payment changes on an account: written by `coverageUpdateStatement`. */
export interface CoverageUpdate {
  workerId: string;
  lastPaid: string;
  lapsesOn: IsoDate;
}

export interface CoverageChange {
  updates: CoverageUpdate[];
  /** For the caller to write to the outbox with its own events. */
  events: Array<PendingEvent<CoverageChangedV1>>;
}

/**
 * After invoices became PAID: the worker's coverage now reaches the latest paid period of the current
 * membership, the lapse date moves (docs/rules.md, arrears), and the change is announced: `activated` for the
 * first paid period or the first after a lapse (re-joining), `extended` otherwise. A deregistered or
 * deceased worker's late payment (a sponsor's, of a month up to the month of death) is recorded but does not
 * reactivate anyone.
 *
 * Decides only: the caller passes the accounts as it read them and writes the updates with its own
 * statements (`coverageUpdateStatement`), so that a payment costs no round trip of its own for coverage.
 */
@Injectable()
export class CoverageUpdater {
  afterPaid(paid: NewlyPaid[], accounts: ReadonlyMap<string, AccountState>): CoverageChange {
    if (!paid.length) return { updates: [], events: [] };
    const byWorker = new Map<string, NewlyPaid>();
    for (const item of paid) {
      const known = byWorker.get(item.workerId);
      if (!known) byWorker.set(item.workerId, { ...item, periods: [...item.periods], programs: new Set(item.programs) });
      else {
        known.periods.push(...item.periods);
        item.programs.forEach((p) => known.programs.add(p));
      }
    }
    // In worker order, as the accounts were always locked and announced.
    const found = [...byWorker.keys()].sort().flatMap((workerId) => accounts.get(workerId) ?? []);
    // Paid periods only ever get added, so the latest paid period is the later of the stored one and the
    // newly paid ones: no need to read the invoices again.
    const changed = found.flatMap((account) => {
      const from = Period.parse(account.billingFrom);
      const candidates = [
        ...byWorker.get(account.workerId)!.periods,
        ...(account.paidThrough ? [Period.parse(account.paidThrough)] : []),
      ].filter((p) => !p.isBefore(from));
      const last = candidates.reduce<Period | null>((max, p) => (max === null || p.isAfter(max) ? p : max), null);
      return ENDED.includes(account.status) || last === null ? [] : [{ account, from, last }];
    });
    return {
      updates: changed.map(({ account, from, last }) => ({
        workerId: account.workerId,
        lastPaid: last.toString(),
        lapsesOn: lapseDateOf(from, last),
      })),
      events: changed.flatMap(({ account, from, last }): Array<PendingEvent<CoverageChangedV1>> => {
        const item = byWorker.get(account.workerId)!;
        const periods = item.periods.filter((p) => !p.isBefore(from)).sort((a, b) => a.compareTo(b));
        if (!periods.length) return [];
        const data: CoverageChangedV1 = {
          workerId: account.workerId,
          programs: ['JKK', 'JKM', 'JHT'].filter((p) => item.programs.has(p)),
          periods: periods.map((p) => p.toString()),
          coveredFrom: periods[0].firstDay(),
          coveredUntil: last.lastDay(),
        };
        const definition = account.status === 'ACTIVE' ? EVENTS.CoverageExtended : EVENTS.CoverageActivated;
        return [{ definition, subject: account.workerId, data, causedBy: item.causedBy }];
      }),
    };
  }
}

/**
 * The UPDATE that writes coverage updates (a statement, or a data-modifying WITH part of the caller's
 * statement), its three array parameters numbered from `first`, and their values.
 */
export function coverageUpdateStatement(first: number): { sql: string; parameters: (updates: CoverageUpdate[]) => string[][] } {
  const [ids, lastPaid, lapsesOn] = [first, first + 1, first + 2].map((n) => `$${n}`);
  return {
    sql: `UPDATE accounts a SET status = 'ACTIVE', paid_through = u.last_paid, lapses_on = u.lapses_on, lapsed_on = NULL, updated_at = now()
            FROM unnest(${ids}::uuid[], ${lastPaid}::text[], ${lapsesOn}::date[]) AS u(worker_id, last_paid, lapses_on) WHERE a.worker_id = u.worker_id`,
    parameters: (updates) => [updates.map((u) => u.workerId), updates.map((u) => u.lastPaid), updates.map((u) => u.lapsesOn)],
  };
}
