import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { EVENT_CATALOG, EventHeaders, type EventCatalog, type EventEnvelope } from '@jaring/contracts';
import { childTraceparent, runWithTraceContext } from '../tracing/trace-context';
import { sendToDeadLetters, type DeadLetter } from './dead-letter';
import { isTransientError } from './transient-errors';

/** What a handler gets besides the event: the transaction its effect must be written in. */
export interface HandlerContext {
  manager: EntityManager;
  topic: string;
  partition: number;
}

export type EventHandler = (event: EventEnvelope, context: HandlerContext) => Promise<void>;
export type BatchEventHandler = (events: EventEnvelope[], context: HandlerContext) => Promise<void>;

/** A handler of one event type: called per event, or once with all of a batch's events of that type. */
export type HandlerRegistration = { batch: false; handle: EventHandler } | { batch: true; handle: BatchEventHandler };

export interface BatchConsumerOptions {
  kafka: Kafka;
  /** Used for dead letters. */
  producer: Producer;
  dataSource: DataSource;
  groupId: string;
  /** Name in the inbox table; defaults to the group id. */
  consumerName?: string;
  handlers: Map<string, HandlerRegistration>;
  catalog?: EventCatalog;
  /** A message whose handler keeps failing (not transiently) goes to the DLQ after this many attempts. */
  maxAttempts?: number;
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  partitionsConsumedConcurrently?: number;
  /** How long a silent member keeps its partitions: a crashed instance's work waits this long. */
  sessionTimeoutMs?: number;
  /** Upper bound of one fetch per partition, hence of a batch (kafkajs default 1 MiB). */
  maxBytesPerPartition?: number;
  fromBeginning?: boolean;
  /**
   * How long the group may lag with no batch handled before the consumer is restarted: a kafkajs consumer
   * can stop fetching a partition after broker trouble and never resume (tulios/kafkajs#659). Default 60 s.
   */
  stallTimeoutMs?: number;
  log?: (level: 'error' | 'warn' | 'log' | 'debug', message: string, extra?: Record<string, unknown>) => void;
  onApplied?: (count: number) => void;
  onDeadLettered?: (count: number) => void;
}

interface Item {
  message: KafkaMessage;
  envelope: EventEnvelope;
}

/**
 * Consumes whole batches: each batch's events are applied in ONE database transaction together with
 * their ids in the inbox (`processed_events`), so an event is applied exactly once however often Kafka
 * delivers it, and a crash in the middle of a batch leaves nothing half-applied. When a batch fails,
 * its events are retried one by one, so one bad event cannot hold up the others: transient failures
 * (database or broker away) are retried until they pass; any other failure, after `maxAttempts`, sends
 * the event to `<topic>.dlq` with the error. Messages that are not declared, valid events go to the DLQ
 * at once. Only then does the partition move on.
 */
export class IdempotentBatchConsumer {
  private consumer?: Consumer;
  private readonly catalog: EventCatalog;
  private readonly consumerName: string;
  private stopping = false;
  private watchdog?: NodeJS.Timeout;
  private lastProgressAt = Date.now();
  private checking = false;
  /** When the watchdog first saw the group lag with nothing handled; a restart needs a second look. */
  private suspectSince?: number;

  constructor(private readonly options: BatchConsumerOptions) {
    this.catalog = options.catalog ?? EVENT_CATALOG;
    this.consumerName = options.consumerName ?? options.groupId;
  }

  async start(): Promise<void> {
    const topics = this.catalog.topicsOf(this.options.handlers.keys());
    this.stopping = false;
    this.consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30000,
      heartbeatInterval: Math.min(3000, (this.options.sessionTimeoutMs ?? 30000) / 3),
      maxWaitTimeInMs: 100,
      maxBytesPerPartition: this.options.maxBytesPerPartition,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10000 },
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.processBatch(payload),
    });
    this.lastProgressAt = Date.now();
    const stallTimeoutMs = this.options.stallTimeoutMs ?? 60_000;
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => void this.restartIfStalled(topics, stallTimeoutMs), Math.min(15_000, stallTimeoutMs / 2));
    this.watchdog.unref();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.watchdog);
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  /** Restarts the consumer when its group lags and no batch has been handled for `stallTimeoutMs`. */
  private async restartIfStalled(topics: string[], stallTimeoutMs: number): Promise<void> {
    if (this.checking || this.stopping || Date.now() - this.lastProgressAt < stallTimeoutMs) return;
    this.checking = true;
    try {
      const lag = await this.groupLag(topics);
      // A message that arrived a moment ago is lag too: only a lag that outlives a whole round with nothing
      // handled is a stall.
      if (lag === 0 || this.suspectSince === undefined || this.lastProgressAt > this.suspectSince) {
        this.suspectSince = lag === 0 ? undefined : Date.now();
        return;
      }
      if (this.stopping) return;
      this.suspectSince = undefined;
      this.options.log?.('warn', 'consumer handled nothing while its group lags; restarting it', { groupId: this.options.groupId, lag, idleMs: Date.now() - this.lastProgressAt });
      await this.consumer?.disconnect();
      this.consumer = undefined;
      if (!this.stopping) await this.start();
    } catch (error) {
      this.options.log?.('warn', 'consumer watchdog round failed', { error: errorText(error) });
    } finally {
      this.checking = false;
    }
  }

  /** Messages on the topics that the group has not committed yet. */
  private async groupLag(topics: string[]): Promise<number> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      const committed = await admin.fetchOffsets({ groupId: this.options.groupId, topics });
      let lag = 0;
      for (const topic of topics) {
        const ends = await admin.fetchTopicOffsets(topic);
        const positions = committed.find((c) => c.topic === topic)?.partitions ?? [];
        for (const end of ends) {
          const at = Number(positions.find((p) => p.partition === end.partition)?.offset ?? -1);
          lag += Number(end.high) - (at >= 0 ? at : Number(end.low));
        }
      }
      return lag;
    } finally {
      await admin.disconnect();
    }
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    this.lastProgressAt = Date.now();
    const { batch } = payload;
    const deadLetters: DeadLetter[] = [];
    const items: Item[] = [];
    for (const message of batch.messages) {
      const decoded = this.catalog.decode(message.value);
      if (!decoded.ok) deadLetters.push(this.deadLetter(batch.topic, batch.partition, message, decoded.reason, 0));
      else if (this.options.handlers.has(decoded.envelope.type)) items.push({ message, envelope: decoded.envelope });
      // A declared event this service does not handle: nothing to do.
    }
    await this.retryTransient(payload, () => sendToDeadLetters(this.options.producer, deadLetters));
    if (deadLetters.length) this.options.onDeadLettered?.(deadLetters.length);

    if (items.length) {
      try {
        await this.applyInOneTransaction(items, batch.topic, batch.partition);
      } catch (error) {
        if (this.stopping || !payload.isRunning() || payload.isStale()) throw error;
        this.options.log?.('warn', 'batch failed; applying its events one by one', {
          topic: batch.topic, partition: batch.partition, events: items.length, error: errorText(error),
        });
        await this.applyOneByOne(payload, items);
      }
    }
    if (batch.messages.length) payload.resolveOffset(batch.lastOffset());
    await payload.commitOffsetsIfNecessary();
    await payload.heartbeat();
    this.lastProgressAt = Date.now();
  }

  /** Records the events in the inbox and applies the new ones, all in one transaction. */
  private async applyInOneTransaction(items: Item[], topic: string, partition: number): Promise<void> {
    const applied = await this.options.dataSource.transaction(async (manager) => {
      const ids = items.map((item) => item.envelope.id.toLowerCase());
      const inserted = (await manager.query(
        `INSERT INTO processed_events (consumer, event_id)
         SELECT $1, id FROM unnest($2::uuid[]) AS id ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.consumerName, ids],
      )) as Array<{ event_id: string }>;
      const fresh = new Set(inserted.map((row) => row.event_id));
      // An id can appear twice in one batch (a relay re-published it): apply the first, skip the rest.
      const toApply = items.filter((item) => fresh.delete(item.envelope.id.toLowerCase()));
      const context: HandlerContext = { manager, topic, partition };
      await this.dispatch(toApply, context);
      return toApply.length;
    });
    if (applied) this.options.onApplied?.(applied);
  }

  /** Runs handlers in the events' order; batch handlers get consecutive events of their type together. */
  private async dispatch(items: Item[], context: HandlerContext): Promise<void> {
    let index = 0;
    while (index < items.length) {
      const registration = this.options.handlers.get(items[index].envelope.type)!;
      if (registration.batch) {
        const run: EventEnvelope[] = [];
        const type = items[index].envelope.type;
        while (index < items.length && items[index].envelope.type === type) run.push(items[index++].envelope);
        await registration.handle(run, context);
      } else {
        const item = items[index++];
        await runWithTraceContext(traceContextOf(item), () => registration.handle(item.envelope, context));
      }
    }
  }

  private async applyOneByOne(payload: EachBatchPayload, items: Item[]): Promise<void> {
    const { topic, partition } = payload.batch;
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (const item of items) {
      let attempts = 0;
      let delay = this.options.retryDelayMs ?? 200;
      for (;;) {
        try {
          await this.applyInOneTransaction([item], topic, partition);
          break;
        } catch (error) {
          if (this.stopping || !payload.isRunning() || payload.isStale()) throw error;
          const transient = isTransientError(error);
          if (!transient) attempts++;
          if (!transient && attempts >= maxAttempts) {
            const letter = this.deadLetter(topic, partition, item.message, `handler failed: ${errorText(error)}`, attempts);
            await this.retryTransient(payload, () => sendToDeadLetters(this.options.producer, [letter]));
            this.options.onDeadLettered?.(1);
            this.options.log?.('error', 'event dead-lettered', { topic, partition, offset: item.message.offset, eventId: item.envelope.id, type: item.envelope.type, attempts });
            break;
          }
          this.options.log?.('warn', 'event failed; retrying', { topic, offset: item.message.offset, type: item.envelope.type, transient, attempts, error: errorText(error) });
          await payload.heartbeat().catch(() => undefined);
          // retrying is progress too: the watchdog must not restart a consumer that waits for the database
          this.lastProgressAt = Date.now();
          await sleep(delay);
          delay = Math.min(delay * 2, this.options.maxRetryDelayMs ?? 5000);
        }
      }
      payload.resolveOffset(item.message.offset);
      await payload.heartbeat();
    }
  }

  /** Retries work that fails only because something is briefly away (the broker for dead letters). */
  private async retryTransient(payload: EachBatchPayload, work: () => Promise<void>): Promise<void> {
    let delay = this.options.retryDelayMs ?? 200;
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (!isTransientError(error) || this.stopping || !payload.isRunning()) throw error;
        this.lastProgressAt = Date.now();
        await sleep(delay);
        delay = Math.min(delay * 2, this.options.maxRetryDelayMs ?? 5000);
      }
    }
  }

  private deadLetter(topic: string, partition: number, message: KafkaMessage, reason: string, attempts: number): DeadLetter {
    return { topic, partition, message, reason, attempts, consumerGroup: this.options.groupId };
  }
}

function traceContextOf(item: Item) {
  const traceparent = item.message.headers?.[EventHeaders.traceparent]?.toString();
  return { correlationId: item.envelope.correlationId, causationId: item.envelope.id, traceparent: childTraceparent(traceparent) };
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
