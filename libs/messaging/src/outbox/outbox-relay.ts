import type { Producer, TopicMessages } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { assertDelivered, type PartitionCounts } from './delivery-check';

export interface OutboxRelayOptions {
  /** Rows published per round; one Kafka sendBatch and one UPDATE each. */
  batchSize?: number;
  /** Pause when there is nothing to publish. */
  idleDelayMs?: number;
  /** Longest pause after failures (the delay doubles from idleDelayMs up to this). */
  maxBackoffMs?: number;
  /** How long published rows are kept for inspection before they are purged. */
  retentionHours?: number;
  log?: (level: 'error' | 'warn' | 'log', message: string, extra?: Record<string, unknown>) => void;
  /** Called after Kafka acknowledged a round and before it is marked sent. Tests kill the process here. */
  afterPublish?: (count: number) => Promise<void> | void;
  onPublished?: (count: number) => void;
  /**
   * The topics' partition counts, to check that Kafka acknowledged every partition a round wrote to before the
   * rows are marked published (delivery-check.ts: kafkajs can drop a partition's messages silently when leaders
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

/**
 * Only one relay per service database publishes at a time (a transaction-level advisory lock), so the
 * outbox's order, which is each worker's order, is the order on Kafka even with several replicas running.
 * Exported for whoever looks for the replica holding it (pg_locks: an advisory lock whose classid is the key's
 * upper 32 bits and objid its lower, held for one publishing round; the cluster test).
 */
export const OUTBOX_RELAY_LOCK = 7_300_451_009;
const PURGE_EVERY_MS = 10 * 60_000;

/**
 * Publishes the outbox to Kafka in order, in batches, with the idempotent producer (acks from all
 * in-sync replicas), and marks the rows sent in the same database transaction that selected them.
 * If it dies between Kafka's acknowledgement and the commit, the rows are published again on the next
 * round: delivery is at least once, and consumers deduplicate on the event id.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private lastPurge = 0;
  private readonly batchSize: number;
  private readonly idleDelayMs: number;
  private readonly maxBackoffMs: number;

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
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [OUTBOX_RELAY_LOCK])) as Array<{
        locked: boolean;
      }>;
      if (!locked) {
        await runner.rollbackTransaction();
        return 0;
      }
      const rows = (await runner.query(
        `SELECT position, topic, message_key, payload::text AS payload, headers
           FROM outbox WHERE published_at IS NULL ORDER BY position LIMIT $1`,
        [this.batchSize],
      )) as OutboxRow[];
      if (rows.length) {
        const topicMessages = groupByTopic(rows);
        const answer = await this.producer.sendBatch({ acks: -1, topicMessages });
        if (this.options.partitionCounts) await assertDelivered(topicMessages, answer, this.options.partitionCounts);
        await this.options.afterPublish?.(rows.length);
        await runner.query('UPDATE outbox SET published_at = now() WHERE position = ANY($1::bigint[])', [rows.map((r) => r.position)]);
      }
      await runner.commitTransaction();
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
    const [{ count }] = await this.dataSource.query<Array<{ count: number }>>(
      'SELECT count(*)::int AS count FROM outbox WHERE published_at IS NULL',
    );
    return count;
  }

  private async run(): Promise<void> {
    let delay = this.idleDelayMs;
    while (this.running) {
      try {
        const published = await this.publishPending();
        await this.purgeIfDue();
        delay = this.idleDelayMs;
        if (published === this.batchSize) continue;
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
    const hours = this.options.retentionHours ?? 72;
    await this.dataSource.query(`DELETE FROM outbox WHERE published_at < now() - make_interval(hours => $1)`, [hours]);
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
