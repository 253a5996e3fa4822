import { Kafka, logLevel, type Admin, type ITopicConfig, type KafkaConfig, type LogEntry, type Producer, type SASLOptions } from 'kafkajs';
import { deadLetterTopic } from '@jaring/contracts';
import { JavaCompatiblePartitioner } from './java-compatible-partitioner';

export const KAFKA_SASL_MECHANISMS = ['scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/**
 * How a service reaches a secured cluster (docs/operations.md, "Kafka security"): TLS to the brokers and a
 * SASL/SCRAM user. Absent, the client speaks plaintext without authentication (the local broker).
 */
export interface KafkaSecurity {
  /** TLS to the brokers; `ca`: the PEM certificates to trust instead of the system's (a cluster's own CA). */
  tls?: { ca?: string };
  sasl?: { mechanism: KafkaSaslMechanism; username: string; password: string };
}

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  security?: KafkaSecurity;
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

/**
 * kafkajs's `ssl` and `sasl` for a service's security settings; none of them when there is none. With a CA,
 * only brokers whose certificate that CA signed are trusted (and their host names checked, as always).
 */
export function kafkaSecurityConfig(security: KafkaSecurity = {}): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const config: Pick<KafkaConfig, 'ssl' | 'sasl'> = {};
  if (security.tls) config.ssl = security.tls.ca ? { ca: [security.tls.ca], rejectUnauthorized: true } : true;
  if (security.sasl) {
    const { mechanism, username, password } = security.sasl;
    // kafkajs types SASL options as one object type per mechanism, which a union of mechanisms does not narrow to
    config.sasl = { mechanism, username, password } as SASLOptions;
  }
  return config;
}

/**
 * The whole kafkajs client configuration of a service. Every client it makes (producer, consumers,
 * admins, the Nest transport, the health check) comes from this one `Kafka`, so they all connect alike.
 */
export function kafkaClientConfig(options: KafkaClientOptions): KafkaConfig {
  return {
    clientId: options.clientId,
    brokers: options.brokers,
    ...kafkaSecurityConfig(options.security),
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
  };
}

/** A kafkajs client that logs through our logger and keeps retrying a broker that is briefly away. */
export function createKafka(options: KafkaClientOptions): Kafka {
  return new Kafka(kafkaClientConfig(options));
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

/** The topics of `wanted` that this client does not see: missing, or not its to describe. */
export async function missingTopics(admin: Admin, wanted: readonly string[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  return wanted.filter((topic) => !existing.has(topic));
}

/**
 * Resolves once every topic of `wanted` exists, looking every `everyMs`. `onMissing` hears which are missing
 * at the first look and whenever that changes, so a log says what the service waits for, once.
 */
export async function waitForTopics(
  admin: Admin,
  wanted: readonly string[],
  options: { everyMs?: number; onMissing?: (missing: string[]) => void } = {},
): Promise<void> {
  let told = '';
  for (;;) {
    const missing = await missingTopics(admin, wanted);
    if (!missing.length) return;
    if (missing.join() !== told) options.onMissing?.(missing);
    told = missing.join();
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 2000));
  }
}
