import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { Topics } from '@jaring/contracts';
import { Outbox, OutboxHeaders, OutboxRelay } from '@jaring/messaging';
import { changeIncome, newWorkerId } from '../support/events';
import { databaseUrlFor, testInfrastructure } from '../support/infrastructure';
import { TopicRecorder } from '../support/kafka';
import { backboneFixture, effectCounts, type BackboneFixture } from '../support/messaging-database';
import { exited, spawnFixture } from '../support/processes';
import { recordingConsumer } from '../support/recording-consumer';
import { waitFor } from '../support/wait-for';

const DATABASE = 'jaring_test_crash';

describe('crashes between the steps of delivery', () => {
  let dataSource: DataSource;
  let kafka: Kafka;
  let producer: Producer;
  const outbox = new Outbox('test');
  const databaseUrl = () => databaseUrlFor(testInfrastructure().databaseUrl, DATABASE);
  const brokers = () => testInfrastructure().kafkaBrokers.join(',');

  let fixture: BackboneFixture;

  beforeAll(async () => {
    fixture = await backboneFixture(DATABASE);
    ({ dataSource, kafka, producer } = fixture);
  });

  afterAll(async () => {
    await fixture.close();
  });

  async function writeEvents(workerId: string, count: number): Promise<string[]> {
    return dataSource.transaction(async (manager) => {
      const ids: string[] = [];
      for (let marker = 1; marker <= count; marker++) ids.push(await changeIncome(manager, outbox, workerId, marker));
      return ids;
    });
  }

  it('a relay killed after publishing and before marking re-publishes, and the consumer applies each event once', async () => {
    const workerId = newWorkerId();
    const ids = await writeEvents(workerId, 25);

    const relayProcess = spawnFixture('relay-then-die.js', [databaseUrl(), brokers()]);
    const { signal } = await exited(relayProcess);
    expect(signal).toBe('SIGKILL');
    expect(relayProcess.output()).toContain('published');
    expect(relayProcess.output()).not.toContain('survived');

    // Kafka has the events, but the outbox still says they are unsent.
    const [{ unsent }] = await dataSource.query('SELECT count(*)::int AS unsent FROM outbox_pending WHERE message_key = $1', [workerId]);
    expect(unsent).toBe(25);

    const relay = new OutboxRelay(dataSource, producer);
    while ((await relay.publishPending()) > 0);

    const recorder = await new TopicRecorder(kafka, [Topics.enrollmentWorkers], (m) => m.key === workerId).start();
    const consumer = recordingConsumer(kafka, producer, dataSource);
    await consumer.start();
    try {
      await waitFor(() => recorder.messages.length === 50, 'each event twice on the topic', 30000);
      // the round sent again is the same round: each event's two copies carry the same outbox sequence
      const sequences = new Map<string, Set<string>>();
      for (const m of recorder.messages) {
        const id = (JSON.parse(m.value!) as { id: string }).id;
        sequences.set(id, (sequences.get(id) ?? new Set()).add(m.headers[OutboxHeaders.sequence]));
      }
      expect([...sequences.values()].map((s) => s.size)).toEqual(ids.map(() => 1));
      await waitFor(async () => (await effectCounts(dataSource, workerId)).size === 25, 'every event applied');
      const counts = await effectCounts(dataSource, workerId);
      expect([...counts.keys()].sort()).toEqual([...ids].sort());
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await Promise.all([recorder.stop(), consumer.stop()]);
    }
  });

  it('a consumer killed in the middle of a batch resumes without applying anything twice', async () => {
    const workerId = newWorkerId();
    const total = 600;
    const ids = await writeEvents(workerId, total);
    const relay = new OutboxRelay(dataSource, producer);
    while ((await relay.publishPending()) > 0);

    const groupId = `test-crash-${randomUUID()}`;
    const first = spawnFixture('slow-consumer.js', [databaseUrl(), brokers(), groupId, workerId, '300']);
    // It says "midway" from inside a handler, i.e. in the middle of a batch's open transaction.
    await waitFor(() => first.output().includes('midway'), 'the first consumer to be part-way through', 60000, 5);
    first.kill('SIGKILL');
    await exited(first);
    const appliedBeforeCrash = (await effectCounts(dataSource, workerId)).size;
    // Whatever the batch had done when it died was rolled back with it.
    expect(appliedBeforeCrash).toBeLessThan(300);

    const second = spawnFixture('slow-consumer.js', [databaseUrl(), brokers(), groupId]);
    try {
      await waitFor(async () => (await effectCounts(dataSource, workerId)).size === total, 'the restarted consumer to finish', 90000, 200);
    } finally {
      second.kill('SIGTERM');
      await exited(second);
    }
    const counts = await effectCounts(dataSource, workerId);
    expect([...counts.keys()].sort()).toEqual([...ids].sort());
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    const markers = await dataSource.query<Array<{ marker: number }>>(
      'SELECT marker::int FROM test_effects WHERE worker_id = $1 ORDER BY id',
      [workerId],
    );
    expect(markers.map((m) => m.marker)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });
});
