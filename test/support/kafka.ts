import { randomUUID } from 'node:crypto';
import type { Consumer, IHeaders, Kafka } from 'kafkajs';
import { createKafka, ensureTopics } from '@jaring/messaging';
import { ALL_TOPICS } from '@jaring/contracts';
import { testInfrastructure } from './infrastructure';

export function testKafka(clientId = 'jaring-test'): Kafka {
  const kafka = createKafka({
    brokers: testInfrastructure().kafkaBrokers,
    clientId,
    // Only errors reach the test output, and not a broker's error answers ("kafkajs Connection: Response
    // ..."): kafkajs logs each one, even those it retries by itself (a coordinator loading, a leader moving).
    log: (level, message, extra) => {
      if (level === 'error' && !message.startsWith('kafkajs Connection: Response ')) {
        process.stderr.write(`${message} ${JSON.stringify(extra)}\n`);
      }
    },
  });
  return kafka;
}

export async function createAllTopics(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, ALL_TOPICS, { partitions: 6, replicationFactor: 1 });
  } finally {
    await admin.disconnect();
  }
}

export interface SeenMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

export interface TopicRecorderOptions {
  /**
   * Start at the topics' current ends instead of their beginnings: for a test whose messages all come
   * after it starts, on a long-lived broker whose history (benchmarks write hundreds of thousands of
   * messages) would take a while to read through. Default false (from the beginning).
   */
  fromEnd?: boolean;
}

/**
 * Reads topics from the beginning (or, with `fromEnd`, from their current ends) with a fresh consumer
 * group and keeps the messages `keep` accepts (tests share topics, so each keeps only its own workers' messages).
 */
export class TopicRecorder {
  readonly messages: SeenMessage[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: string[],
    private readonly keep: (m: SeenMessage) => boolean,
    private readonly options: TopicRecorderOptions = {},
  ) {}

  async start(): Promise<this> {
    // From the end: the ends are read before subscribing and each partition is sought there once the
    // consumer runs, so nothing produced after start() is missed (a fresh group would otherwise begin at
    // the ends of the moment it joined). Setting offsets through the admin client instead makes a group
    // join per topic, seconds each.
    const ends = this.options.fromEnd ? await topicEnds(this.kafka, this.topics) : [];
    const seenOffsets = new Set<string>();
    this.consumer = this.kafka.consumer({ groupId: `test-recorder-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: !this.options.fromEnd });
    await this.consumer.run({
      eachMessage: ({ topic, partition, message }) => {
        // a seek can deliver a message a second time
        if (this.options.fromEnd) {
          const position = `${topic}/${partition}/${message.offset}`;
          if (seenOffsets.has(position)) return Promise.resolve();
          seenOffsets.add(position);
        }
        const seen: SeenMessage = {
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: headersToStrings(message.headers),
        };
        if (this.keep(seen)) this.messages.push(seen);
        return Promise.resolve();
      },
    });
    for (const { topic, partition, offset } of ends) this.consumer.seek({ topic, partition, offset });
    return this;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

/**
 * Runs a Kafka admin call again while the broker answers with a retriable error: on a fresh or busy
 * broker, topics created a moment ago have no leader yet and a group's coordinator may still be moving.
 */
export async function retriedWhileRetriable<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable || attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** The current end offset of every partition of the topics. */
export async function topicEnds(
  kafka: Kafka,
  topics: readonly string[],
): Promise<Array<{ topic: string; partition: number; offset: string }>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await retriedWhileRetriable(() =>
      Promise.all(
        topics.map(async (topic) => (await admin.fetchTopicOffsets(topic)).map((p) => ({ topic, partition: p.partition, offset: p.high }))),
      ),
    );
    return ends.flat();
  } finally {
    await admin.disconnect();
  }
}

/**
 * Commits a consumer group's offsets at the topics' current ends. Only possible while the group has no
 * member; a group that never committed then starts there, one that did skips what was produced meanwhile.
 */
export async function commitTopicEnds(kafka: Kafka, groupId: string, topics: readonly string[]): Promise<void> {
  const ends = await topicEnds(kafka, topics);
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of topics) {
      // Explicit offsets: resetOffsets' "latest" is stored as -1, which a fromBeginning consumer reads as "none".
      const partitions = ends.filter((end) => end.topic === topic).map((end) => ({ partition: end.partition, offset: end.offset }));
      await retriedWhileRetriable(() => admin.setOffsets({ groupId, topic, partitions }));
    }
  } finally {
    await admin.disconnect();
  }
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) out[name] = value.toString();
  return out;
}
