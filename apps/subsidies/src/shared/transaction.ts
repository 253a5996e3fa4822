import type { DataSource, EntityManager } from 'typeorm';

const RETRIED_SQLSTATES = new Set(['40001', '40P01']);

/**
 * Runs a request's transactional work again (up to 3 times in all) when PostgreSQL aborted it for losing
 * a race (a deadlock or a serialization failure): concurrent grants lock worker and programme rows, and
 * the caller should not see a 500 for what a retry settles. The work must be a whole transaction (rolled
 * back on failure). Kafka handlers need not use it: the consumer retries transient failures itself.
 */
export async function retryingRaces<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 3 || !RETRIED_SQLSTATES.has(sqlState(error) ?? '')) throw error;
    }
  }
}

export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return retryingRaces(() => dataSource.transaction(work));
}

/** The PostgreSQL error code of a driver error, TypeORM's wrapper or not. */
export function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}
