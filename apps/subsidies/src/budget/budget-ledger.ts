import type { EntityManager } from 'typeorm';
import { rupiah, rowsOf } from '@jaring/platform';

/**
 * The accounts of a programme's budget. FUNDING is the funder's commitment (it goes to -budget when the
 * programme opens); the money then sits in AVAILABLE (remaining), RESERVED (promised to sponsorships)
 * or SPENT (authorised to pay invoices, less what was refunded: a REFUND entry moves it back to AVAILABLE).
 */
export type BudgetAccount = 'FUNDING' | 'AVAILABLE' | 'RESERVED' | 'SPENT';
export type BudgetEntryKind = 'BUDGET' | 'RESERVE' | 'SPEND' | 'RELEASE' | 'REFUND';

/** One double-entry movement: `amount` leaves `from` (debited) and arrives in `to` (credited). */
export interface BudgetMovement {
  /** Chosen by the caller (derived from what caused it), so the same movement can never be written twice. */
  id: string;
  programmeId: string;
  from: BudgetAccount;
  to: BudgetAccount;
  amount: number;
  kind: BudgetEntryKind;
  sponsorshipId?: string | null;
}

export interface BudgetBalances {
  budget: number;
  available: number;
  reserved: number;
  spent: number;
}

/**
 * Writes journal entries, many in one statement. The balances they move are updated by the caller in
 * the same transaction (the programme row); zero amounts are not movements and are skipped.
 */
export async function recordBudgetEntries(manager: EntityManager, movements: BudgetMovement[]): Promise<void> {
  const real = movements.filter((m) => m.amount > 0);
  if (!real.length) return;
  await manager.query(
    `INSERT INTO budget_entries (id, programme_id, debit_account, credit_account, amount, kind, sponsorship_id)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::uuid[])`,
    [
      real.map((m) => m.id),
      real.map((m) => m.programmeId),
      real.map((m) => m.from),
      real.map((m) => m.to),
      real.map((m) => m.amount),
      real.map((m) => m.kind),
      real.map((m) => m.sponsorshipId ?? null),
    ],
  );
}

export type ReserveOutcome =
  | { reserved: true; balances: BudgetBalances }
  | { reserved: false; reason: 'BUDGET_EXHAUSTED' | 'QUOTA_REACHED'; balances: BudgetBalances };

/**
 * Moves a sponsorship's whole cost from AVAILABLE to RESERVED and counts the worker against the quota,
 * if and only if the budget and the quota can take it. One conditional UPDATE of the programme row: under
 * concurrent grants PostgreSQL makes the later ones wait for the row and re-check the condition on the
 * committed balance, so the budget cannot go below zero whatever the interleaving.
 */
export async function tryReserve(
  manager: EntityManager,
  programmeId: string,
  amount: number,
  sponsorshipId: string,
): Promise<ReserveOutcome> {
  const [row] = await rowsOf<BalanceRow>(
    manager,
    `UPDATE programmes SET available = available - $2, reserved = reserved + $2, sponsored_workers = sponsored_workers + 1
     WHERE id = $1 AND available >= $2 AND (quota IS NULL OR sponsored_workers < quota)
     RETURNING budget, available, reserved, spent`,
    [programmeId, amount],
  );
  if (row) {
    await recordBudgetEntries(manager, [
      { id: sponsorshipId, programmeId, from: 'AVAILABLE', to: 'RESERVED', amount, kind: 'RESERVE', sponsorshipId },
    ]);
    return { reserved: true, balances: balancesOf(row) };
  }
  const [current] = await rowsOf<BalanceRow & { quota: number | null; sponsored_workers: number }>(
    manager,
    'SELECT budget, available, reserved, spent, quota, sponsored_workers FROM programmes WHERE id = $1',
    [programmeId],
  );
  const quotaReached = current.quota !== null && current.sponsored_workers >= current.quota;
  return { reserved: false, reason: quotaReached ? 'QUOTA_REACHED' : 'BUDGET_EXHAUSTED', balances: balancesOf(current) };
}

interface BalanceRow {
  budget: string;
  available: string;
  reserved: string;
  spent: string;
}

export function balancesOf(row: BalanceRow): BudgetBalances {
  return { budget: rupiah(row.budget), available: rupiah(row.available), reserved: rupiah(row.reserved), spent: rupiah(row.spent) };
}

/** The balances the journal gives (credits - debits per account), to check them against the programme row. */
export async function journalBalances(manager: Pick<EntityManager, 'query'>, programmeId: string): Promise<Record<BudgetAccount, number>> {
  const rows = await manager.query<Array<{ account: BudgetAccount; balance: string }>>(
    `SELECT account, sum(amount)::bigint AS balance FROM (
       SELECT credit_account AS account, amount FROM budget_entries WHERE programme_id = $1
       UNION ALL SELECT debit_account, -amount FROM budget_entries WHERE programme_id = $1) moves
     GROUP BY account`,
    [programmeId],
  );
  const balances: Record<BudgetAccount, number> = { FUNDING: 0, AVAILABLE: 0, RESERVED: 0, SPENT: 0 };
  for (const row of rows) balances[row.account] = rupiah(row.balance);
  return balances;
}
