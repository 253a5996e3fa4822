import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { EventHeaders } from '@jaring/contracts';
import { commitTopicEnds } from '../../support/kafka';

/** How many events of a type were seen in the current phase, and when the first and the last arrived. */
export interface TypeTally {
  count: number;
  firstAt: number;
  lastAt: number;
}

/**
 * The bench's view of the platform, as an integrator sees it: a consumer of the public topics (its own
 * group, from the topics' ends) that counts each event type and hands chosen events to the bench (the
 * invoices a payment channel then collects). It reads headers only, and parses a value only for a
 * listener, so that watching costs the measured services little of the shared cores.
 */
export class EventTally {
  private tallies = new Map<string, TypeTally>();
  private readonly listeners = new Map<string, (workerId: string, event: any) => void>();
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: string[],
  ) {}

  async start(): Promise<this> {
    const groupId = `bench-scale-${randomUUID()}`;
    await commitTopicEnds(this.kafka, groupId, this.topics);
    this.consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 50 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics });
    await this.consumer.run({
      partitionsConsumedConcurrently: 6,
      eachBatch: ({ batch }) => {
        for (const message of batch.messages) this.see(message);
        return Promise.resolve();
      },
    });
    return this;
  }

  /** Calls `listener` with each event of `type` (parsed) from now on. */
  on(type: string, listener: (workerId: string, event: any) => void): void {
    this.listeners.set(type, listener);
  }

  /** Starts a new phase: counts from zero. */
  reset(): void {
    this.tallies = new Map();
  }

  count(type: string): number {
    return this.tallies.get(type)?.count ?? 0;
  }

  tally(type: string): TypeTally | undefined {
    return this.tallies.get(type);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private see(message: KafkaMessage): void {
    const type = message.headers?.[EventHeaders.type]?.toString();
    if (!type) return;
    const now = Date.now();
    const tally = this.tallies.get(type);
    if (tally) {
      tally.count++;
      tally.lastAt = now;
    } else {
      this.tallies.set(type, { count: 1, firstAt: now, lastAt: now });
    }
    const listener = this.listeners.get(type);
    if (listener && message.key && message.value) listener(message.key.toString(), JSON.parse(message.value.toString()));
  }
}
