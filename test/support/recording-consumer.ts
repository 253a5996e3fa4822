import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '@jaring/contracts';
import { IdempotentBatchConsumer, type BatchConsumerOptions, type EventHandler } from '@jaring/messaging';

/** A handler that records each application of a worker.changed event in test_effects. */
export const recordEffect: EventHandler = async (event, { manager }) => {
  const data = (event as EventEnvelope<{ workerId: string; declaredMonthlyIncome: number }>).data;
  await manager.query('INSERT INTO test_effects (event_id, worker_id, marker) VALUES ($1, $2, $3)', [
    event.id,
    data.workerId,
    data.declaredMonthlyIncome,
  ]);
};

export function recordingConsumer(
  kafka: Kafka,
  producer: Producer,
  dataSource: DataSource,
  options: Partial<BatchConsumerOptions> & { handle?: EventHandler } = {},
): IdempotentBatchConsumer {
  const { handle = recordEffect, ...rest } = options;
  return new IdempotentBatchConsumer({
    kafka,
    producer,
    dataSource,
    groupId: `test-consumer-${randomUUID()}`,
    handlers: new Map([['enrollment.worker.changed', { batch: false, handle }]]),
    retryDelayMs: 20,
    ...rest,
  });
}
