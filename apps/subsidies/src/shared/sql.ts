import type { EntityManager } from 'typeorm';

/**
 * The rows a statement returns. TypeORM hands UPDATE and DELETE results back as `[rows, rowCount]` and
 * everything else as `rows`; this takes the rows either way, so `UPDATE ... RETURNING` reads like a SELECT.
 */
export async function rowsOf<T>(manager: Pick<EntityManager, 'query'>, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const result = (await manager.query(sql, parameters)) as unknown;
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
