import { Kafka, logLevel, type Admin, type ITopicConfig, type LogEntry, type Producer } from 'kafkajs';
import { deadLetterTopic } from '@jaring/contracts';
import { JavaCompatiblePartitioner } from './java-compatible-partitioner';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  /** Where kafkajs's own log lines go; they are JSON objects, never message contents. */
  log?: (level: 'error' | 'warn' | 'log' | 'debug', message: string, extra: Record<string, unknown>) => void;
}

const LEVELS: Record<number, 'error' | 'warn' | 'log' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};

export function parseBrokers(value: string): string[] {
  return value
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

/** A kafkajs client that logs through our logger and keeps retrying a broker that is briefly away. */
export function createKafka(options: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 10000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        const { message, ...extra } = log;
        // Our idempotent producer has bounded retries on purpose: a broker outage must fail the relay's
        // round (and roll its transaction back) rather than hang it. A re-send after giving up can
        // duplicate a message, which consumers absorb; kafkajs warns about it on every start.
        if (message.startsWith('Limiting retries for the idempotent producer')) return;
        options.log?.(LEVELS[level] ?? 'log', `kafkajs ${namespace}: ${message}`, extra);
      },
  });
}

/**
 * Idempotent (the producer's own retries never duplicate), one request in flight (a retry never reorders
 * a worker's events), and the Java client's partitioner, so a key lands where other clients put it too.
 * Sends use acks: -1 (all in-sync replicas).
 */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: JavaCompatiblePartitioner,
  });
}

export interface TopicLayout {
  partitions: number;
  replicationFactor: number;
}

/**
 * Creates the topics and their dead-letter topics if missing. The project creates its topics itself, with
 * the partition count it wants, and never relies on the broker's auto-creation.
 */
export async function ensureTopics(admin: Admin, topics: readonly string[], layout: TopicLayout): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const wanted: ITopicConfig[] = [];
  for (const topic of topics) {
    for (const name of [topic, deadLetterTopic(topic)]) {
      if (!existing.has(name)) wanted.push({ topic: name, numPartitions: layout.partitions, replicationFactor: layout.replicationFactor });
    }
  }
  if (!wanted.length) return;
  try {
    await admin.createTopics({ topics: wanted, waitForLeaders: true });
  } catch (error) {
    // Two services starting together may both try; what matters is that the topics exist afterwards.
    const after = new Set(await admin.listTopics());
    if (wanted.some((t) => !after.has(t.topic))) throw error;
  }
}
