import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { EVENT_CATALOG, EventHeaders, type EventCatalog, type EventEnvelope } from '@jaring/contracts';
import { childTraceparent, runWithTraceContext } from '../tracing/trace-context';
import type { PartitionCounts } from '../outbox/delivery-check';
import { sendToDeadLetters, type DeadLetter } from './dead-letter';
import { Inbox, outboxOrigin, type InboxItem } from './inbox';
import { partitionKey, type PartitionPosition, StallWatch } from './stall-watch';
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
  /**
   * The topics' partition counts, to check that Kafka acknowledged every partition a dead letter went to before the
   * failed message's offset is committed (delivery-check.ts). Services always pass them; without, Kafka's answer is
   * trusted.
   */
  partitionCounts?: PartitionCounts;
  dataSource: DataSource;
  groupId: string;
  /** Name in the inbox tables; defaults to the group id. */
  consumerName?: string;
  handlers: Map<string, HandlerRegistration>;
  catalog?: EventCatalog;
  /** A message whose handler keeps failing (not transiently) goes to the DLQ after this many attempts. */
  maxAttempts?: number;
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /**
   * Batches handled at once, each in its own transaction (default 6, the partitions of a topic: one
   * replica keeps each of its partitions busy while PostgreSQL works on the others' statements).
   */
  partitionsConsumedConcurrently?: number;
  /** How long a silent member keeps its partitions: a crashed instance's work waits this long. */
  sessionTimeoutMs?: number;
  /** Upper bound of one fetch per partition, hence of a batch (kafkajs default 1 MiB). */
  maxBytesPerPartition?: number;
  fromBeginning?: boolean;
  /**
   * How long a partition of this consumer may lag with nothing handled on it before the consumer is
   * restarted: a kafkajs consumer can stop fetching a partition after broker trouble and never resume
   * (tulios/kafkajs#659). Default 30 s.
   */
  stallTimeoutMs?: number;
  log?: (level: 'error' | 'warn' | 'log' | 'debug', message: string, extra?: Record<string, unknown>) => void;
  onApplied?: (count: number) => void;
  onDeadLettered?: (count: number) => void;
}

const DEFAULT_STALL_TIMEOUT_MS = 30_000;
/** The longest a call into kafkajs may take in a restart or a watchdog round before it is given up. */
const KAFKAJS_CALL_BOUND_MS = 30_000;
export const STALL_WARNING = 'consumer made no progress on partitions that lag; restarting it';

type Item = InboxItem;

/**
 * Consumes whole batches: each batch's events are applied in ONE database transaction together with
 * the inbox's record of them (`Inbox`: the outboxes' sequences reached on the partition), so an event is applied
 * exactly once however often Kafka delivers it or a relay sends it, and a crash in the middle of a batch leaves
 * nothing half-applied. When a batch fails,
 * its events are retried one by one, so one bad event cannot hold up the others: transient failures
 * (database or broker away) are retried until they pass; any other failure, after `maxAttempts`, sends
 * the event to `<topic>.dlq` with the error. Messages that are not declared, valid events go to the DLQ
 * at once. Only then does the partition move on.
 */
export class IdempotentBatchConsumer {
  private consumer?: Consumer;
  private readonly catalog: EventCatalog;
  private readonly inbox: Inbox;
  private readonly stallWatch: StallWatch;
  private stopping = false;
  private watchdog?: NodeJS.Timeout;
  private checking = false;
  /** The restart under way, if any: one at a time, whoever asks (a crash, the watchdog). */
  private restarting?: Promise<void>;
  private looks = 0;

  constructor(private readonly options: BatchConsumerOptions) {
    this.catalog = options.catalog ?? EVENT_CATALOG;
    this.inbox = new Inbox(options.consumerName ?? options.groupId);
    this.stallWatch = new StallWatch(options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS);
  }

  async start(): Promise<void> {
    this.stopping = false;
    await this.connectAndRun();
    clearInterval(this.watchdog);
    this.watchdog = setInterval(
      () => void this.restartIfStalled(),
      Math.min(15_000, (this.options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS) / 2),
    );
    this.watchdog.unref();
  }

  /** How many times the watchdog has looked at the assigned partitions' progress (for tests and diagnostics). */
  get watchdogLooks(): number {
    return this.looks;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.watchdog);
    await this.restarting;
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  /**
   * A new kafkajs consumer, connected and running. kafkajs is told never to restart one by itself
   * (`restartOnFailure`): its own restart re-runs a crashed consumer in place, and a restart of ours at
   * the same moment (the watchdog's) would leave two members of this process in the group, one of them
   * out of reach. A crash is reported (CRASH) after kafkajs has disconnected the consumer, and it is
   * replaced here, like a stalled one.
   */
  private async connectAndRun(): Promise<void> {
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30000,
      heartbeatInterval: Math.min(3000, (this.options.sessionTimeoutMs ?? 30000) / 3),
      maxWaitTimeInMs: 100,
      maxBytesPerPartition: this.options.maxBytesPerPartition,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10000, restartOnFailure: () => Promise.resolve(false) },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      if (this.consumer !== consumer) return; // a replaced consumer's assignment is not this one's
      const keys = Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) => partitions.map((p) => partitionKey(topic, p)));
      this.stallWatch.assign(keys, Date.now());
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (this.consumer === consumer) void this.restart('consumer crashed; replacing it', { error: errorText(payload.error) });
    });
    // A restart that gave up waiting for this one has replaced it: it must not run on by itself.
    const replaced = () => this.consumer !== consumer;
    await consumer.connect();
    if (replaced()) return consumer.disconnect();
    await consumer.subscribe({
      topics: this.catalog.topicsOf(this.options.handlers.keys()),
      fromBeginning: this.options.fromBeginning ?? true,
    });
    if (replaced()) return consumer.disconnect();
    await consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 6,
      eachBatch: (payload) => this.processBatch(payload),
    });
    if (replaced()) await consumer.disconnect();
  }

  /**
   * Replaces the kafkajs consumer by a new one, until that succeeds or the consumer is stopped. Nothing
   * of kafkajs is awaited without a bound: a consumer that hangs while disconnecting (a fetch to a broker
   * that went away) is left behind, and a new one that cannot join yet is dropped and tried again later.
   */
  private restart(reason: string, extra: Record<string, unknown>): Promise<void> {
    if (this.restarting || this.stopping) return this.restarting ?? Promise.resolve();
    this.options.log?.('warn', reason, { groupId: this.options.groupId, ...extra });
    const restarting = (async () => {
      let delay = this.options.retryDelayMs ?? 300;
      for (let attempt = 1; !this.stopping; attempt++) {
        const old = this.consumer;
        this.consumer = undefined;
        await bounded(old ? old.disconnect() : Promise.resolve(), KAFKAJS_CALL_BOUND_MS).catch((error) =>
          this.options.log?.('warn', 'old consumer did not disconnect cleanly', { error: errorText(error) }),
        );
        if (this.stopping) return;
        try {
          await bounded(this.connectAndRun(), 2 * KAFKAJS_CALL_BOUND_MS);
          return;
        } catch (error) {
          this.options.log?.('warn', 'consumer restart failed; trying again', {
            groupId: this.options.groupId,
            attempt,
            error: errorText(error),
          });
          await sleep(delay);
          delay = Math.min(delay * 2, this.options.maxRetryDelayMs ?? 10_000);
        }
      }
    })();
    this.restarting = restarting.finally(() => (this.restarting = undefined));
    return this.restarting;
  }

  /** Restarts the consumer when a partition it was given lags with nothing handled on it (see StallWatch). */
  private async restartIfStalled(): Promise<void> {
    if (this.checking || this.stopping || this.restarting) return;
    this.checking = true;
    try {
      const stalled = this.stallWatch.look(await bounded(this.positions(this.stallWatch.assigned), KAFKAJS_CALL_BOUND_MS), Date.now());
      this.looks++;
      if (stalled.length && !this.stopping) await this.restart(STALL_WARNING, { partitions: stalled });
    } catch (error) {
      this.options.log?.('warn', 'consumer watchdog round failed', { error: errorText(error) });
    } finally {
      this.checking = false;
    }
  }

  /** The group's committed offsets and the ends of these partitions (`topic/partition`). */
  private async positions(keys: string[]): Promise<PartitionPosition[]> {
    if (!keys.length) return [];
    const topics = [...new Set(keys.map((key) => key.slice(0, key.lastIndexOf('/'))))];
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      const committed = await admin.fetchOffsets({ groupId: this.options.groupId, topics });
      const positions: PartitionPosition[] = [];
      for (const topic of topics) {
        const at = new Map((committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
        for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
          const offset = at.get(partition) ?? -1;
          // nothing committed yet: the group starts at the beginning (fromBeginning)
          positions.push({ key: partitionKey(topic, partition), committed: offset >= 0 ? offset : Number(low), end: Number(high) });
        }
      }
      return positions;
    } finally {
      await admin.disconnect();
    }
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const progress = () => this.stallWatch.moved(partitionKey(batch.topic, batch.partition), Date.now());
    progress();
    const deadLetters: DeadLetter[] = [];
    const items: Item[] = [];
    for (const message of batch.messages) {
      const decoded = this.catalog.decode(message.value);
      const origin = outboxOrigin(message);
      if (!decoded.ok) deadLetters.push(this.deadLetter(batch.topic, batch.partition, message, decoded.reason, 0));
      else if (!origin.ok) deadLetters.push(this.deadLetter(batch.topic, batch.partition, message, origin.reason, 0));
      else if (this.options.handlers.has(decoded.envelope.type)) items.push({ message, envelope: decoded.envelope, origin: origin.origin });
      // A declared event this service does not handle: nothing to do.
    }
    await this.retryTransient(payload, () => sendToDeadLetters(this.options.producer, deadLetters, this.options.partitionCounts), progress);
    if (deadLetters.length) this.options.onDeadLettered?.(deadLetters.length);

    if (items.length) {
      try {
        await this.applyInOneTransaction(items, batch.topic, batch.partition);
      } catch (error) {
        if (this.stopping || !payload.isRunning() || payload.isStale()) throw error;
        this.options.log?.('warn', 'batch failed; applying its events one by one', {
          topic: batch.topic,
          partition: batch.partition,
          events: items.length,
          error: errorText(error),
        });
        await this.applyOneByOne(payload, items, progress);
      }
    }
    if (batch.messages.length) payload.resolveOffset(batch.lastOffset());
    await payload.commitOffsetsIfNecessary();
    await payload.heartbeat();
    progress();
  }

  /** Applies the events the inbox does not know yet and records them there, all in one transaction. */
  private async applyInOneTransaction(items: Item[], topic: string, partition: number): Promise<void> {
    const applied = await this.options.dataSource.transaction(async (manager) => {
      const { fresh, record } = await this.inbox.admit(manager, items, topic, partition);
      const context: HandlerContext = { manager, topic, partition };
      await this.dispatch(fresh, context);
      await record();
      return fresh.length;
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

  private async applyOneByOne(payload: EachBatchPayload, items: Item[], progress: () => void): Promise<void> {
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
            await this.retryTransient(
              payload,
              () => sendToDeadLetters(this.options.producer, [letter], this.options.partitionCounts),
              progress,
            );
            this.options.onDeadLettered?.(1);
            this.options.log?.('error', 'event dead-lettered', {
              topic,
              partition,
              offset: item.message.offset,
              eventId: item.envelope.id,
              type: item.envelope.type,
              attempts,
            });
            break;
          }
          this.options.log?.('warn', 'event failed; retrying', {
            topic,
            offset: item.message.offset,
            type: item.envelope.type,
            transient,
            attempts,
            error: errorText(error),
          });
          await payload.heartbeat().catch(() => undefined);
          // retrying is progress too: the watchdog must not restart a consumer that waits for the database
          progress();
          await sleep(delay);
          delay = Math.min(delay * 2, this.options.maxRetryDelayMs ?? 5000);
        }
      }
      payload.resolveOffset(item.message.offset);
      await payload.heartbeat();
    }
  }

  /** Retries work that fails only because something is briefly away (the broker for dead letters). */
  private async retryTransient(payload: EachBatchPayload, work: () => Promise<void>, progress: () => void): Promise<void> {
    let delay = this.options.retryDelayMs ?? 200;
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (!isTransientError(error) || this.stopping || !payload.isRunning()) throw error;
        progress();
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

/** `work`, or a rejection once `ms` have passed (the work itself is left to finish or not). */
async function bounded<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from kafkajs within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
