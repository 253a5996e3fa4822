import type { EntityManager } from 'typeorm';
import { type BudgetAccount, type BudgetMovement, recordBudgetEntries } from './budget-ledger';

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
