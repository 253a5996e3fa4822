import { Partitioners, type Admin, type RecordMetadata, type TopicMessages } from 'kafkajs';

/**
 * Why the relay checks Kafka's answer: kafkajs 2.2.4 can drop messages silently. When a produce request fails
 * because a partition's leader moved (a broker restarted), its retry regroups the messages by the new leaders but
 * sends only to brokers that have not answered yet; a partition whose new leader already answered for other
 * partitions is never sent, and `sendBatch` still resolves (tulios/kafkajs#1303). The relay would then mark those
 * events published. So a round counts as delivered only when Kafka's answer names every partition its messages
 * belong to; otherwise the round fails and is sent again (consumers absorb the repeats).
 */
export interface PartitionCounts {
  /** How many partitions a topic has; `fresh` asks Kafka again instead of using what is known. */
  of(topic: string, fresh?: boolean): Promise<number>;
}

/** Partition counts read from Kafka once per topic (topics are not widened while services run). */
export class AdminPartitionCounts implements PartitionCounts {
  private readonly known = new Map<string, number>();

  constructor(private readonly admin: Admin) {}

  async of(topic: string, fresh = false): Promise<number> {
    const cached = this.known.get(topic);
    if (cached !== undefined && !fresh) return cached;
    const { topics } = await this.admin.fetchTopicMetadata({ topics: [topic] });
    const count = topics[0]?.partitions.length ?? 0;
    if (count > 0) this.known.set(topic, count);
    return count;
  }
}

type TopicPartition = `${string}#${number}`;

/**
 * The topic-partitions Kafka's answer does not name, of those the messages go to by the producer's own (Java
 * compatible) partitioner. Messages without a key are placed round-robin and cannot be checked; the outbox's
 * always have one (the worker id).
 */
export async function unansweredPartitions(
  sent: readonly TopicMessages[],
  answer: readonly RecordMetadata[],
  counts: PartitionCounts,
  fresh = false,
): Promise<string[]> {
  const answered = new Set<TopicPartition>(answer.map((a) => `${a.topicName}#${a.partition}` as const));
  const missing = new Set<string>();
  for (const { topic, messages } of sent) {
    const partitionCount = await counts.of(topic, fresh);
    // keyed messages are placed by the key's hash and the partition count alone: the rest is not read
    const partitionMetadata = Array.from({ length: partitionCount }, (_, partitionId) => ({
      partitionId,
      leader: 0,
      partitionErrorCode: 0,
      replicas: [],
      isr: [],
    }));
    const partitionOf = Partitioners.JavaCompatiblePartitioner();
    for (const message of messages) {
      if (message.key === null || message.key === undefined) continue;
      const partition = partitionOf({ topic, partitionMetadata, message });
      if (!answered.has(`${topic}#${partition}`)) missing.add(`${topic}#${partition}`);
    }
  }
  return [...missing].sort();
}

/**
 * Kafka's answer left out partitions the messages were written to: they may never have been sent. Transient (the
 * consumer retries it, `isTransientError`): sending again is the remedy, and consumers absorb the repeats.
 */
export class PartitionsNotAcknowledged extends Error {
  constructor(
    readonly missing: string[],
    what: string,
    consequence: string,
  ) {
    super(`Kafka acknowledged ${what} without partitions ${missing.join(', ')}: ${consequence}`);
    this.name = 'PartitionsNotAcknowledged';
  }
}

/**
 * Throws `PartitionsNotAcknowledged` unless every partition written to was acknowledged (asking Kafka once more for
 * the counts first). `what` was sent, and `consequence` is what the caller does about it, for the message.
 */
export async function assertDelivered(
  sent: readonly TopicMessages[],
  answer: readonly RecordMetadata[],
  counts: PartitionCounts,
  what: string,
  consequence: string,
): Promise<void> {
  if ((await unansweredPartitions(sent, answer, counts)).length === 0) return;
  const missing = await unansweredPartitions(sent, answer, counts, true);
  if (missing.length) throw new PartitionsNotAcknowledged(missing, what, consequence);
}
