import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EVENTS } from '@jaring/contracts';
import {
  createKafka,
  createProducer,
  ensureTopics,
  IdempotentBatchConsumer,
  MESSAGING_MIGRATIONS,
  Outbox,
  OutboxRelay,
} from '@jaring/messaging';
import { freshDatabase } from '../support/infrastructure';
import { consumeRaw, timed, type Figure } from './bench-kit';

const TOPIC = 'bench.raw.v1';

/**
 * The event backbone's rates, each beside the raw limit of the part below it, measured in the same run:
 * raw PostgreSQL inserts (unnest, the statement the outbox uses) against outbox writes; raw Kafka
 * produce and consume against the relay and the idempotent consumer.
 */
export async function benchEventBackbone(databaseUrl: string, brokers: string[], events: number): Promise<Figure[]> {
  const url = await freshDatabase('jaring_bench_backbone', databaseUrl);
  const dataSource = await new DataSource({
    type: 'postgres',
    url,
    migrations: [...MESSAGING_MIGRATIONS],
    migrationsRun: true,
    extra: { max: 8 },
  }).initialize();
  await dataSource.query(
    'CREATE TABLE raw_rows (id uuid PRIMARY KEY, worker_id uuid NOT NULL, amount bigint NOT NULL, payload json NOT NULL)',
  );
  await dataSource.query('CREATE TABLE applied (event_id uuid NOT NULL, worker_id uuid NOT NULL, income bigint NOT NULL)');
  const kafka = createKafka({ brokers, clientId: 'bench' });
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [TOPIC] }).catch(() => undefined);
  await ensureTopics(admin, [TOPIC, 'enrollment.workers.v1'], { partitions: 6, replicationFactor: 1 });
  await admin.disconnect();
  const producer = createProducer(kafka);
  await producer.connect();

  const workers = Array.from({ length: 1000 }, () => randomUUID());
  const sample = (i: number) => ({
    definition: EVENTS.WorkerChanged,
    subject: workers[i % workers.length],
    data: {
      workerId: workers[i % workers.length],
      declaredMonthlyIncome: 1_000_000 + i,
      programs: ['JKK', 'JKM'],
      effectiveFrom: '2027-01',
    },
  });
  const figures: Figure[] = [];
  try {
    // 1. raw PostgreSQL: the same shape of row, 1,000 a statement.
    const raw = await timed(async () => {
      for (let start = 0; start < events; start += 1000) {
        const n = Math.min(1000, events - start);
        const ids = Array.from({ length: n }, () => randomUUID());
        await dataSource.query('INSERT INTO raw_rows SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::json[])', [
          ids,
          ids.map((_, i) => workers[(start + i) % workers.length]),
          ids.map((_, i) => start + i),
          ids.map((_, i) => JSON.stringify(sample(start + i).data)),
        ]);
      }
    });
    figures.push({ name: 'raw PostgreSQL insert (unnest, 1,000 a statement)', items: events, ms: raw.ms, unit: 'rows' });

    // 2. outbox writes: events validated and written in transactions of 1,000.
    const outbox = new Outbox('bench');
    const written = await timed(async () => {
      for (let start = 0; start < events; start += 1000) {
        const batch = Array.from({ length: Math.min(1000, events - start) }, (_, i) => sample(start + i));
        await dataSource.transaction((manager) => outbox.publishAll(manager, batch));
      }
    });
    figures.push({ name: 'outbox write (validated, 1,000 a transaction)', items: events, ms: written.ms, unit: 'events' });

    // 3. raw Kafka produce: the same payloads straight to a topic, same producer settings.
    const payloads = await dataSource.query<Array<{ message_key: string; payload: string }>>(
      'SELECT message_key, payload::text AS payload FROM outbox ORDER BY position',
    );
    const produced = await timed(async () => {
      for (let start = 0; start < payloads.length; start += 500) {
        await producer.sendBatch({
          acks: -1,
          topicMessages: [
            { topic: TOPIC, messages: payloads.slice(start, start + 500).map((p) => ({ key: p.message_key, value: p.payload })) },
          ],
        });
      }
    });
    figures.push({ name: 'raw Kafka produce (idempotent, acks=all, 500 a batch)', items: events, ms: produced.ms, unit: 'msgs' });

    // 4. the relay: the outbox backlog to Kafka, marked sent.
    const relay = new OutboxRelay(dataSource, producer, { batchSize: 1000 });
    const relayed = await timed(async () => {
      while ((await relay.publishPending()) > 0);
    });
    figures.push({ name: 'outbox relay (select, publish, mark; 1,000 a round)', items: events, ms: relayed.ms, unit: 'events' });

    // 5. raw Kafka consume of the raw topic, then the idempotent consumer applying the relayed events.
    const consumed = await timed(() => consumeRaw(kafka, TOPIC, events));
    figures.push({ name: 'raw Kafka consume (eachBatch, no work)', items: events, ms: consumed.ms, unit: 'msgs' });

    const applied = await timed(async () => {
      const consumer = new IdempotentBatchConsumer({
        kafka,
        producer,
        dataSource,
        groupId: `bench-${randomUUID()}`,
        handlers: new Map([
          [
            EVENTS.WorkerChanged.type,
            {
              batch: true,
              handle: async (batch, { manager }) => {
                const data = batch.map((e) => e.data as { workerId: string; declaredMonthlyIncome: number });
                await manager.query('INSERT INTO applied SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[])', [
                  batch.map((e) => e.id),
                  data.map((d) => d.workerId),
                  data.map((d) => d.declaredMonthlyIncome),
                ]);
              },
            },
          ],
        ]),
      });
      await consumer.start();
      for (;;) {
        const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM applied');
        if (n >= events) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await consumer.stop();
    });
    figures.push({ name: 'idempotent consumer (inbox + batch handler, 1 tx a batch)', items: events, ms: applied.ms, unit: 'events' });
  } finally {
    await producer.disconnect();
    await dataSource.destroy();
  }
  return figures;
}
