import type { KafkaMessage, Producer, TopicMessages } from 'kafkajs';
import { deadLetterTopic } from '@jaring/contracts';
import { assertDelivered, type PartitionCounts } from '../outbox/delivery-check';

export interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  reason: string;
  attempts: number;
  consumerGroup: string;
}

/** Dead-letter headers: the original headers stay as they were, ours are prefixed `dlq-`. */
export const DlqHeaders = {
  reason: 'dlq-reason',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  consumerGroup: 'dlq-consumer-group',
  attempts: 'dlq-attempts',
  failedAt: 'dlq-failed-at',
} as const;

/**
 * Puts messages on `<topic>.dlq` with the original key, value and headers, and why they failed. With the topics'
 * partition counts, it resolves only once Kafka's answer names every partition written to (delivery-check.ts:
 * kafkajs can drop a partition's messages and resolve all the same); otherwise it throws `PartitionsNotAcknowledged`,
 * and the consumer, which commits the failed messages' offsets only after this, sends them again.
 */
export async function sendToDeadLetters(producer: Producer, letters: DeadLetter[], partitionCounts?: PartitionCounts): Promise<void> {
  if (!letters.length) return;
  const byTopic = new Map<string, DeadLetter[]>();
  for (const letter of letters) byTopic.set(letter.topic, [...(byTopic.get(letter.topic) ?? []), letter]);
  const topicMessages: TopicMessages[] = [...byTopic].map(([topic, group]) => ({
    topic: deadLetterTopic(topic),
    messages: group.map((letter) => ({
      key: letter.message.key,
      value: letter.message.value,
      headers: {
        ...letter.message.headers,
        [DlqHeaders.reason]: letter.reason.slice(0, 2000),
        [DlqHeaders.originalTopic]: letter.topic,
        [DlqHeaders.originalPartition]: String(letter.partition),
        [DlqHeaders.originalOffset]: letter.message.offset,
        [DlqHeaders.consumerGroup]: letter.consumerGroup,
        [DlqHeaders.attempts]: String(letter.attempts),
        [DlqHeaders.failedAt]: new Date().toISOString(),
      },
    })),
  }));
  const answer = await producer.sendBatch({ acks: -1, topicMessages });
  if (partitionCounts)
    await assertDelivered(topicMessages, answer, partitionCounts, 'the dead letters', 'their offsets stay uncommitted, sent again');
}
