import type { EntityManager } from 'typeorm';
import { rupiah, rowsOf } from '@jaring/platform';

/**
 * The accounts of a programme's budget. FUNDING is the funder's commitment (it goes to -budget when the
 * programme opens); the money then sits in AVAILABLE (remaining), RESERVED (promised to sponsorships)
 * or SPENT (authorised to pay invoices).
 */
export type BudgetAccount = 'FUNDING' | 'AVAILABLE' | 'RESERVED' | 'SPENT';
export type BudgetEntryKind = 'BUDGET' | 'RESERVE' | 'SPEND' | 'RELEASE';

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

/**
 * Movements gathered while a batch is worked out, written at the end of its transaction: the journal
 * entries, and each programme's balances moved by exactly those entries (so the two cannot disagree).
 * The programme rows are locked last and in id order: a batch holds them only for the final UPDATE,
 * and concurrent batches of other partitions never wait on each other in a cycle.
 */
export class BudgetChanges {
  private readonly movements: BudgetMovement[] = [];

  move(movement: BudgetMovement): this {
    if (movement.amount > 0) this.movements.push(movement);
    return this;
  }

  async apply(manager: EntityManager): Promise<void> {
    if (!this.movements.length) return;
    const deltas = new Map<string, Record<BudgetAccount, number>>();
    for (const m of this.movements) {
      const delta = deltas.get(m.programmeId) ?? { FUNDING: 0, AVAILABLE: 0, RESERVED: 0, SPENT: 0 };
      delta[m.from] -= m.amount;
      delta[m.to] += m.amount;
      deltas.set(m.programmeId, delta);
    }
    // The journal first: its inserts take only KEY SHARE locks on the programmes, which do not conflict
    // with the NO KEY UPDATE locks below (the lock an UPDATE of these columns takes anyway). The rows are
    // then held only for the UPDATE and the commit.
    await recordBudgetEntries(manager, this.movements);
    const ids = [...deltas.keys()].sort();
    await manager.query('SELECT id FROM programmes WHERE id = ANY ($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [ids]);
    await manager.query(
      `UPDATE programmes p SET available = p.available + d.available, reserved = p.reserved + d.reserved, spent = p.spent + d.spent
       FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[]) AS d (id, available, reserved, spent)
       WHERE p.id = d.id AND p.id = ANY ($1::uuid[])`,
      [ids, ids.map((id) => deltas.get(id)!.AVAILABLE), ids.map((id) => deltas.get(id)!.RESERVED), ids.map((id) => deltas.get(id)!.SPENT)],
    );
    this.movements.length = 0;
  }
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
  const rows = (await manager.query(
    `SELECT account, sum(amount)::bigint AS balance FROM (
       SELECT credit_account AS account, amount FROM budget_entries WHERE programme_id = $1
       UNION ALL SELECT debit_account, -amount FROM budget_entries WHERE programme_id = $1) moves
     GROUP BY account`,
    [programmeId],
  )) as Array<{ account: BudgetAccount; balance: string }>;
  const balances: Record<BudgetAccount, number> = { FUNDING: 0, AVAILABLE: 0, RESERVED: 0, SPENT: 0 };
  for (const row of rows) balances[row.account] = rupiah(row.balance);
  return balances;
}
