import type { DataSource, EntityManager } from 'typeorm';

/** PostgreSQL's answers for a transaction that lost a race: serialization failure, deadlock. */
const LOST_RACE_SQLSTATES = new Set(['40001', '40P01']);
const ATTEMPTS = 3;

/** The PostgreSQL error code (SQLSTATE) of a driver error, wrapped by TypeORM or not. */
export function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A transaction that lost a race (a deadlock, a serialization failure): it is over, and may be run again. */
export function isLostRace(error: unknown): boolean {
  return LOST_RACE_SQLSTATES.has(sqlState(error) ?? '');
}

/**
 * Runs a whole transaction's work again (3 attempts in all) when PostgreSQL aborted it for losing a race
 * (a deadlock or a serialization failure): concurrent requests lock the same rows in different orders, and a
 * caller should not see a 500 for what a retry settles. The work must be a whole transaction, rolled back on
 * failure. Kafka handlers need not use it: the consumer retries transient failures itself.
 */
export async function retryingLostRaces<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isLostRace(error)) throw error;
    }
  }
}

/** One transaction for a request's work, run again when it lost a race (see `retryingLostRaces`). */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return retryingLostRaces(() => dataSource.transaction(work));
}
