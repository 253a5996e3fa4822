import type { Producer, TopicMessages } from 'kafkajs';
import type { DataSource, QueryRunner } from 'typeorm';
import { assertDelivered, type PartitionCounts } from './delivery-check';

export interface OutboxRelayOptions {
  /** Rows published per round, about (whole transactions); one Kafka sendBatch per this many rows. */
  batchSize?: number;
  /** Pause when there is nothing to publish. */
  idleDelayMs?: number;
  /** Longest pause after failures (the delay doubles from idleDelayMs up to this). */
  maxBackoffMs?: number;
  /** How long events may wait for a transaction still open before the relay says so (and again as often). */
  heldBackWarningMs?: number;
  /** How long published rows are kept for inspection before they are purged. */
  retentionHours?: number;
  log?: (level: 'error' | 'warn' | 'log', message: string, extra?: Record<string, unknown>) => void;
  /** Called after Kafka acknowledged a round and before the cursor moves past it. Tests kill the process here. */
  afterPublish?: (count: number) => Promise<void> | void;
  onPublished?: (count: number) => void;
  /**
   * The topics' partition counts, to check that Kafka acknowledged every partition a round wrote to before the
   * cursor moves past it (delivery-check.ts: kafkajs can drop a partition's messages silently when leaders
   * move). Services always pass them; without, Kafka's answer is trusted.
   */
  partitionCounts?: PartitionCounts;
}

interface OutboxRow {
  position: string;
  topic: string;
  message_key: string;
  payload: string;
  headers: Record<string, string>;
}

/** The relay's cursor (the `outbox_relay` row); xid8 values are kept as text, only compared in SQL. */
interface RelayCursor {
  source: string;
  published_below: string;
  round_below: string | null;
  next_sequence: string;
}

/**
 * The Kafka headers by which a consumer knows an event from an outbox, and whether it applied it already: the
 * outbox (a random id per database) and the event's number in that outbox's publishing order.
 */
export const OutboxHeaders = {
  source: 'outbox-source',
  sequence: 'outbox-sequence',
} as const;

/**
 * Only one relay per service database publishes at a time (a transaction-level advisory lock), so the
 * outbox's order is the order on Kafka even with several replicas running.
 * Exported for whoever looks for the replica holding it (pg_locks: an advisory lock whose classid is the key's
 * upper 32 bits and objid its lower, held for one publishing round; the cluster test).
 */
export const OUTBOX_RELAY_LOCK = 7_300_451_009;
const PURGE_EVERY_MS = 10 * 60_000;
const HELD_BACK_WARNING_MS = 30_000;

/**
 * Has the relay's transaction read the outbox by its index on (txid, position) only. PostgreSQL has no statistics
 * for a new outbox (nor for the newest transactions of an old one) and then guesses that a range of txids holds a
 * third of the table: it read the whole table to learn whether anything waits, and sorted the whole backlog to find
 * a round's end, 30 ms a round on 20,000 rows and growing with them. Through the index each of a round's questions
 * reads about a round's rows, whatever the statistics say.
 */
const READ_BY_THE_INDEX = `set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true)`;

/**
 * The published rows older than the retention ($1 hours): those below the relay's cursor and below the first
 * transaction that wrote a row still young, found by walking the index from the oldest transaction up. The work is
 * the rows deleted, not the outbox kept: the whole-table scan it replaces took 1.4-1.9 s of a core on 950,000 rows,
 * and every service's relay ran it at about the same moment. An old row behind a younger one waits for a later purge.
 */
const PURGE_SQL = `
  WITH bound AS (
    SELECT LEAST(r.published_below,
                 coalesce((SELECT txid FROM outbox WHERE created_at >= now() - make_interval(hours => $1) ORDER BY txid LIMIT 1),
                          r.published_below)) AS below
      FROM outbox_relay r
  ), purged AS (
    DELETE FROM outbox WHERE txid < (SELECT below FROM bound) RETURNING 1
  )
  SELECT count(*)::int AS count FROM purged`;

/**
 * The end of the next round starting at transaction `from`: every transaction below it has finished (the oldest
 * one still running bounds it: `pg_snapshot_xmin`), so nothing can join the round later, and it holds about
 * `$2` rows (whole transactions, at least one). No row: the round would be empty.
 */
const NEXT_ROUND_SQL = `
  SELECT h.horizon::text AS horizon, f.txid::text AS first, c.txid::text AS cut, a.txid::text AS after_first,
         EXISTS (SELECT 1 FROM outbox WHERE txid >= $1) AS waiting
    FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon) h
    LEFT JOIN LATERAL (SELECT txid FROM outbox WHERE txid >= $1 AND txid < h.horizon ORDER BY txid LIMIT 1) f ON true
    LEFT JOIN LATERAL (SELECT txid FROM outbox WHERE txid >= $1 AND txid < h.horizon ORDER BY txid OFFSET $2 LIMIT 1) c ON true
    LEFT JOIN LATERAL (SELECT txid FROM outbox WHERE txid > f.txid AND txid < h.horizon ORDER BY txid LIMIT 1) a ON true`;

/**
 * Publishes the outbox to Kafka in order, in rounds, with the idempotent producer (acks from all in-sync
 * replicas). Rows are not marked one by one: a round is every row written by a range of finished transactions,
 * chosen and committed before it is sent, and the relay's cursor moves past it in one row when Kafka has
 * acknowledged it (the next round chosen in the same commit). A relay that dies in between leaves the round to
 * be sent again, the same rows with the same sequence numbers, which consumers recognise (`OutboxHeaders`).
 *
 * Order: by position within a round, by transaction from round to round. A worker's events keep their order
 * unless a transaction that took its id before another's, then waited for it, ends up in a later round than it
 * (a third transaction, started between the two and still running, holding the round's end back): design.md.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private lastPurge = 0;
  private readonly batchSize: number;
  private readonly idleDelayMs: number;
  private readonly maxBackoffMs: number;
  /** Whether the last round left the next one chosen (more is waiting): the loop goes on at once. */
  private roundWaiting = false;
  private heldBackSince?: number;
  private lastHeldBackWarning = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.idleDelayMs = options.idleDelayMs ?? 50;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Publishes one round; returns how many events went out (0 when another relay holds the lock). */
  async publishPending(): Promise<number> {
    this.roundWaiting = false;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      let cursor = await this.lockCursor(runner);
      if (!cursor) return 0;
      if (cursor.round_below === null) {
        // The round is fixed in the database before anything is sent, so that it is sent again whole if need be.
        const below = await this.nextRoundEnd(runner, cursor.published_below);
        if (below === null) {
          await runner.rollbackTransaction();
          return 0;
        }
        await runner.query('UPDATE outbox_relay SET round_below = $1::xid8', [below]);
        await runner.commitTransaction();
        cursor = await this.lockCursor(runner);
        if (!cursor?.round_below) return 0; // another relay sent it meanwhile
      }
      const rows = (await runner.query(
        `SELECT position, topic, message_key, payload::text AS payload, headers
           FROM outbox WHERE txid >= $1::xid8 AND txid < $2::xid8 ORDER BY position`,
        [cursor.published_below, cursor.round_below],
      )) as OutboxRow[];
      await this.send(rows, cursor);
      await this.options.afterPublish?.(rows.length);
      const next = await this.nextRoundEnd(runner, cursor.round_below);
      await runner.query(`UPDATE outbox_relay SET published_below = $1::xid8, round_below = $2::xid8, next_sequence = next_sequence + $3`, [
        cursor.round_below,
        next,
        rows.length,
      ]);
      await runner.commitTransaction();
      this.roundWaiting = next !== null;
      if (rows.length) this.options.onPublished?.(rows.length);
      return rows.length;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Events written but not yet on Kafka: a health and metrics figure. */
  async backlog(): Promise<number> {
    const [{ count }] = await this.dataSource.query<Array<{ count: number }>>('SELECT count(*)::int AS count FROM outbox_pending');
    return count;
  }

  /** A transaction holding the relay's lock and its cursor, or nothing when another relay holds it. */
  private async lockCursor(runner: QueryRunner): Promise<RelayCursor | undefined> {
    await runner.startTransaction();
    const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_xact_lock($1) AS locked, ${READ_BY_THE_INDEX}`, [
      OUTBOX_RELAY_LOCK,
    ])) as Array<{ locked: boolean }>;
    if (!locked) {
      await runner.rollbackTransaction();
      return undefined;
    }
    const [cursor] = (await runner.query(
      `SELECT source::text AS source, published_below::text AS published_below, round_below::text AS round_below,
              next_sequence::text AS next_sequence
         FROM outbox_relay`,
    )) as RelayCursor[];
    return cursor;
  }

  private async nextRoundEnd(runner: QueryRunner, from: string): Promise<string | null> {
    const [end] = (await runner.query(NEXT_ROUND_SQL, [from, this.batchSize])) as Array<{
      horizon: string;
      first: string | null;
      cut: string | null;
      after_first: string | null;
      waiting: boolean;
    }>;
    this.noteHeldBack(end.first === null && end.waiting, end.horizon);
    if (end.first === null) return null;
    if (end.cut === null) return end.horizon;
    // one transaction wrote more than a round's rows: the round is that transaction
    return end.cut !== end.first ? end.cut : (end.after_first ?? end.horizon);
  }

  /**
   * Says so when events wait only for a transaction still open (the oldest running one, `horizon`), every
   * `heldBackWarningMs` (30 s) while it lasts: a session left idle in a transaction would hold the outbox back for good.
   * The transaction is found by its id: `SELECT pid, xact_start, state FROM pg_stat_activity WHERE backend_xid = …`.
   */
  private noteHeldBack(heldBack: boolean, horizon: string): void {
    if (!heldBack) {
      this.heldBackSince = undefined;
      return;
    }
    const now = Date.now();
    this.heldBackSince ??= now;
    const every = this.options.heldBackWarningMs ?? HELD_BACK_WARNING_MS;
    if (now - this.heldBackSince >= every && now - this.lastHeldBackWarning >= every) {
      this.lastHeldBackWarning = now;
      this.options.log?.('warn', 'outbox events wait for a transaction still open', {
        oldestRunningTransaction: horizon,
        waitingForMs: now - this.heldBackSince,
      });
    }
  }

  /** The round's rows numbered in order, in sends of `batchSize`, each checked against Kafka's answer. */
  private async send(rows: OutboxRow[], cursor: RelayCursor): Promise<void> {
    const first = BigInt(cursor.next_sequence);
    for (let start = 0; start < rows.length; start += this.batchSize) {
      const chunk = rows.slice(start, start + this.batchSize).map((row, i) => ({
        ...row,
        headers: {
          ...row.headers,
          [OutboxHeaders.source]: cursor.source,
          [OutboxHeaders.sequence]: String(first + BigInt(start + i)),
        },
      }));
      const topicMessages = groupByTopic(chunk);
      const answer = await this.producer.sendBatch({ acks: -1, topicMessages });
      if (this.options.partitionCounts) {
        await assertDelivered(topicMessages, answer, this.options.partitionCounts, 'the round', 'nothing marked published, sent again');
      }
    }
  }

  private async run(): Promise<void> {
    let delay = this.idleDelayMs;
    while (this.running) {
      try {
        await this.publishPending();
        await this.purgeIfDue();
        delay = this.idleDelayMs;
        if (this.roundWaiting) continue;
      } catch (error) {
        delay = Math.min(delay * 2, this.maxBackoffMs);
        this.options.log?.('warn', 'outbox relay round failed; retrying', { error: (error as Error).message, retryInMs: delay });
      }
      await this.sleep(delay);
    }
  }

  private async purgeIfDue(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    await this.purgePublished();
  }

  /** Deletes the published events older than the retention (`PURGE_SQL`); returns how many. */
  async purgePublished(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT ${READ_BY_THE_INDEX}`);
      const [{ count }] = await manager.query<Array<{ count: number }>>(PURGE_SQL, [this.options.retentionHours ?? 72]);
      return count;
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function groupByTopic(rows: OutboxRow[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const row of rows) {
    let group = byTopic.get(row.topic);
    if (!group) byTopic.set(row.topic, (group = { topic: row.topic, messages: [] }));
    group.messages.push({ key: row.message_key, value: row.payload, headers: row.headers });
  }
  return [...byTopic.values()];
}
