import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { Kafka, Producer } from 'kafkajs';
import { createProducer, MESSAGING_MIGRATIONS } from '@jaring/messaging';
import { createAllTopics, testKafka } from './kafka';
import { freshDatabase } from './infrastructure';

/**
 * A table for tests to record what handlers did. No unique key on event_id on purpose: a duplicate
 * application must show up as a second row, so the tests can catch it.
 */
export class TestEffects1764100000001 implements MigrationInterface {
  name = 'TestEffects1764100000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE test_effects (
      id bigserial PRIMARY KEY, event_id uuid NOT NULL, worker_id uuid NOT NULL, marker bigint NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    await queryRunner.query(`CREATE TABLE test_workers (id uuid PRIMARY KEY, income bigint NOT NULL)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE test_effects');
    await queryRunner.query('DROP TABLE test_workers');
  }
}

export const TEST_MIGRATIONS = [...MESSAGING_MIGRATIONS, TestEffects1764100000001];

export async function messagingDatabase(name: string): Promise<DataSource> {
  const url = await freshDatabase(name);
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    migrations: TEST_MIGRATIONS,
    migrationsRun: true,
    logging: ['error'],
    extra: { max: 10 },
  });
  await dataSource.initialize();
  return dataSource;
}

export async function effectCounts(dataSource: DataSource, workerId: string): Promise<Map<string, number>> {
  const rows = await dataSource.query<Array<{ event_id: string; n: number }>>(
    'SELECT event_id, count(*)::int AS n FROM test_effects WHERE worker_id = $1 GROUP BY event_id',
    [workerId],
  );
  return new Map(rows.map((r) => [r.event_id, r.n]));
}

/** What the event-backbone tests share: their own database, a Kafka client with the topics, a producer. */
export interface BackboneFixture {
  dataSource: DataSource;
  kafka: Kafka;
  producer: Producer;
  close(): Promise<void>;
}

export async function backboneFixture(database: string): Promise<BackboneFixture> {
  const dataSource = await messagingDatabase(database);
  const kafka = testKafka();
  await createAllTopics(kafka);
  const producer = createProducer(kafka);
  await producer.connect();
  return {
    dataSource,
    kafka,
    producer,
    close: async () => {
      await producer.disconnect();
      await dataSource.destroy();
    },
  };
}
