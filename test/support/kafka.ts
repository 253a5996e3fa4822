import { randomUUID } from 'node:crypto';
import type { Consumer, IHeaders, Kafka } from 'kafkajs';
import { createKafka, ensureTopics } from '@jaring/messaging';
import { ALL_TOPICS } from '@jaring/contracts';
import { testInfrastructure } from './infrastructure';

export function testKafka(clientId = 'jaring-test'): Kafka {
  const kafka = createKafka({
    brokers: testInfrastructure().kafkaBrokers,
    clientId,
    log: (level, message) => {
      if (level === 'error' && !/coordinator is (loading|not available)/i.test(message)) process.stderr.write(`${message}\n`);
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

/**
 * Reads topics from the beginning with a fresh consumer group and keeps the messages `keep` accepts
 * (tests share topics, so each keeps only its own workers' messages).
 */
export class TopicRecorder {
  readonly messages: SeenMessage[] = [];
  private consumer?: Consumer;

  constructor(private readonly kafka: Kafka, private readonly topics: string[], private readonly keep: (m: SeenMessage) => boolean) {}

  async start(): Promise<this> {
    this.consumer = this.kafka.consumer({ groupId: `test-recorder-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const seen: SeenMessage = {
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: headersToStrings(message.headers),
        };
        if (this.keep(seen)) this.messages.push(seen);
      },
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) out[name] = value.toString();
  return out;
}
