import { randomUUID } from 'node:crypto';
import type { Consumer, IHeaders, Kafka } from 'kafkajs';
import { consumerGroupOf, createKafka, ensureTopics } from '@jaring/messaging';
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
 *
 * One member joins the group for all the topics and seeks each partition to its end (a seek commits it), which
 * is what kafkajs's `admin.setOffsets` does for a single topic: a join a topic cost about 1.5 s, 30 s for them all.
 */
export async function commitTopicEnds(kafka: Kafka, groupId: string, topics: readonly string[]): Promise<void> {
  if (!topics.length) return;
  const ends = await topicEnds(kafka, topics);
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  const admin = kafka.admin();
  await Promise.all([consumer.connect(), admin.connect()]);
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    const { state } = await consumer.describeGroup();
    if (!['Empty', 'Dead'].includes(state)) throw new Error(`${groupId} has running members (${state}): its offsets cannot move`);
    const allCommitted = async () => {
      const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
      const at = new Map(committed.flatMap(({ topic, partitions }) => partitions.map((p) => [`${topic}/${p.partition}`, p.offset])));
      return ends.every((end) => at.get(`${end.topic}/${end.partition}`) === end.offset);
    };
    await new Promise<void>((resolve, reject) => {
      // A fetch from a broker first commits the seeks of the partitions it leads: done once all are committed.
      let checking = false;
      let done = false;
      consumer.on(consumer.events.FETCH, () => {
        if (checking || done) return;
        checking = true;
        allCommitted()
          .then((committed) => {
            checking = false;
            done = committed;
            if (committed) resolve();
          })
          .catch(reject);
      });
      consumer.run({ eachBatchAutoResolve: false, eachBatch: () => Promise.resolve() }).catch(reject);
      consumer.pause(topics.map((topic) => ({ topic })));
      for (const end of ends) consumer.seek(end);
    });
  } finally {
    await Promise.all([consumer.disconnect(), admin.disconnect()]);
  }
}

/**
 * Gives a service under test a clean start on the shared broker: every topic exists, and the service's consumer
 * group starts at their ends, so it never reads what earlier test files left there (their workers, by the
 * thousand) into its fresh database. Call before the service boots.
 */
export async function startGroupAtTopicEnds(serviceName: string): Promise<void> {
  const kafka = testKafka();
  await createAllTopics(kafka);
  await commitTopicEnds(kafka, consumerGroupOf(serviceName), ALL_TOPICS);
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) out[name] = value.toString();
  return out;
}
