import type { Admin } from 'kafkajs';
import { Client } from 'pg';

/** What the platform had written at one moment: rows in its databases, messages on its topics. */
export interface WorkDone {
  rows: number;
  messages: number;
  /** Rows written so far by table (`database.table`): where a worker's month goes. */
  rowsByTable: Map<string, number>;
}

/**
 * Rows inserted, updated and deleted so far in the services' databases (PostgreSQL's table statistics)
 * and messages produced so far on the platform's topics (their end offsets).
 *
 * Why: the month's goal is a rate of workers; a worker's month is a fixed amount of work (invoice, inbox,
 * outbox, payment, ledger and read-model rows in four databases; its events on Kafka). That amount over
 * the raw rates measured in the same run is the most this machine could do, whatever the code: the
 * ceiling the end-to-end figure is read against.
 *
 * Table statistics reach the shared view when a backend goes idle (at most every second, or after 10 s
 * when it stays idle): each reading waits for that first.
 */
export async function workDone(databaseUrls: string[], admin: Admin, topics: readonly string[]): Promise<WorkDone> {
  await new Promise((resolve) => setTimeout(resolve, 11_000));
  let rows = 0;
  const rowsByTable = new Map<string, number>();
  for (const url of databaseUrls) {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows: tables } = await client.query<{ database: string; name: string; n: string }>(
        'SELECT current_database() AS database, relname AS name, (n_tup_ins + n_tup_upd + n_tup_del)::bigint AS n FROM pg_stat_user_tables',
      );
      for (const table of tables) {
        rows += Number(table.n);
        rowsByTable.set(`${table.database.replace(/^jaring_/, '')}.${table.name}`, Number(table.n));
      }
    } finally {
      await client.end();
    }
  }
  let messages = 0;
  for (const topic of topics) {
    for (const partition of await admin.fetchTopicOffsets(topic)) messages += Number(partition.high);
  }
  return { rows, messages, rowsByTable };
}

/** The work of one worker between two readings, and the rates the raw figures allow for it. */
export function ceilingPerWorker(
  before: WorkDone,
  after: WorkDone,
  workers: number,
  raw: { insertRowsPerSecond: number; kafkaMessagesPerSecond: number },
) {
  const rowsPerWorker = (after.rows - before.rows) / workers;
  const messagesPerWorker = (after.messages - before.messages) / workers;
  const byTable = [...after.rowsByTable]
    .map(([table, n]) => ({ table, rowsPerWorker: Math.round(((n - (before.rowsByTable.get(table) ?? 0)) / workers) * 100) / 100 }))
    .filter((t) => t.rowsPerWorker > 0)
    .sort((a, b) => b.rowsPerWorker - a.rowsPerWorker);
  return {
    rowsPerWorker: Math.round(rowsPerWorker * 10) / 10,
    rowsByTable: byTable,
    messagesPerWorker: Math.round(messagesPerWorker * 10) / 10,
    postgresCeiling: Math.round(raw.insertRowsPerSecond / rowsPerWorker),
    kafkaCeiling: Math.round(raw.kafkaMessagesPerSecond / messagesPerWorker),
  };
}
