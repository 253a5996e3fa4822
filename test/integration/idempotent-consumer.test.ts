import { randomUUID } from 'node:crypto';
import { Partitioners, type Consumer, type Kafka, type Producer, type ProducerBatch } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { deadLetterTopic, Topics } from '@jaring/contracts';
import {
  AdminPartitionCounts,
  DlqHeaders,
  isTransientError,
  Outbox,
  OutboxHeaders,
  OutboxRelay,
  sendToDeadLetters,
  STALL_WARNING,
  type IdempotentBatchConsumer,
} from '@jaring/messaging';
import { changeIncome, newWorkerId, workerChanged } from '../support/events';
import { TopicRecorder, type SeenMessage } from '../support/kafka';
import { backboneFixture, effectCounts, type BackboneFixture } from '../support/messaging-database';
import { recordEffect, recordingConsumer } from '../support/recording-consumer';
import { waitFor } from '../support/wait-for';

describe('idempotent batch consumer', () => {
  let dataSource: DataSource;
  let kafka: Kafka;
  let producer: Producer;
  const outbox = new Outbox('test');
  const running: IdempotentBatchConsumer[] = [];

  let fixture: BackboneFixture;

  beforeAll(async () => {
    fixture = await backboneFixture('jaring_test_consumer');
    ({ dataSource, kafka, producer } = fixture);
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((c) => c.stop()));
  });

  afterAll(async () => {
    await fixture.close();
  });

  async function start(consumer: IdempotentBatchConsumer): Promise<IdempotentBatchConsumer> {
    running.push(consumer);
    await consumer.start();
    return consumer;
  }

  async function publishThroughOutbox(workerId: string, markers: number[]): Promise<string[]> {
    const ids: string[] = [];
    for (const marker of markers) ids.push(await dataSource.transaction((m) => changeIncome(m, outbox, workerId, marker)));
    const relay = new OutboxRelay(dataSource, producer);
    while ((await relay.publishPending()) > 0);
    return ids;
  }

  async function sendRaw(workerId: string, values: Array<string | Buffer>): Promise<void> {
    await producer.send({ topic: Topics.enrollmentWorkers, acks: -1, messages: values.map((value) => ({ key: workerId, value })) });
  }

  it("applies one key's events once each, in the order they were written", async () => {
    const workerId = newWorkerId();
    const markers = Array.from({ length: 120 }, (_, i) => i + 1);
    const ids = await publishThroughOutbox(workerId, markers);
    await start(recordingConsumer(kafka, producer, dataSource));

    await waitFor(async () => (await effectCounts(dataSource, workerId)).size === ids.length, 'all events applied');
    const rows = await dataSource.query<Array<{ marker: number }>>(
      'SELECT marker::int FROM test_effects WHERE worker_id = $1 ORDER BY id',
      [workerId],
    );
    expect(rows.map((r) => r.marker)).toEqual(markers);
  });

  it('restarts a consumer that stopped fetching while its group lags, and leaves an idle one alone', async () => {
    const workerId = newWorkerId();
    const warnings: string[] = [];
    const consumer = await start(
      recordingConsumer(kafka, producer, dataSource, {
        stallTimeoutMs: 2_000,
        log: (level, message) => level === 'warn' && warnings.push(message),
      }),
    );
    const [first] = await publishThroughOutbox(workerId, [1]);
    await waitFor(async () => (await effectCounts(dataSource, workerId)).has(first), 'the first event', 60_000);
    // Idle, nothing to read: the watchdog looks every second; five more looks span twice its 2 s window
    // (a stall needs two looks 2 s apart with no progress), and none may restart the consumer.
    const looked = consumer.watchdogLooks;
    await waitFor(() => consumer.watchdogLooks >= looked + 5, 'five more looks of the watchdog at an idle consumer', 30_000);
    expect(warnings).toEqual([]);
    // What kafkajs#659 looks like from outside: the consumer stays in its group and fetches nothing more.
    (consumer as unknown as { consumer: Consumer }).consumer.pause([{ topic: Topics.enrollmentWorkers }]);
    const [second] = await publishThroughOutbox(workerId, [2]);
    await waitFor(async () => (await effectCounts(dataSource, workerId)).has(second), 'the event after the stall', 60_000);
    expect(warnings).toEqual([STALL_WARNING]);
    expect(Object.fromEntries(await effectCounts(dataSource, workerId))).toEqual({ [first]: 1, [second]: 1 });
  });

  it('restarts a consumer that stopped fetching one partition while the others flow', async () => {
    const stalledWorker = newWorkerId();
    const warnings: string[] = [];
    const partitionOf = new Map<string, number>();
    const consumer = await start(
      recordingConsumer(kafka, producer, dataSource, {
        stallTimeoutMs: 3_000,
        log: (level, message) => level === 'warn' && warnings.push(message),
        handle: async (event, context) => {
          partitionOf.set(event.subject, context.partition);
          await recordEffect(event, context);
        },
      }),
    );
    const [first] = await publishThroughOutbox(stalledWorker, [1]);
    await waitFor(async () => (await effectCounts(dataSource, stalledWorker)).has(first), 'the first event', 60_000);
    const stalledPartition = partitionOf.get(stalledWorker)!;
    (consumer as unknown as { consumer: Consumer }).consumer.pause([{ topic: Topics.enrollmentWorkers, partitions: [stalledPartition] }]);
    const [second] = await publishThroughOutbox(stalledWorker, [2]);
    // Meanwhile other workers' events keep arriving on the other partitions and are applied.
    const others: string[] = [];
    let flowing = true;
    const traffic = (async () => {
      while (flowing) {
        const worker = newWorkerId();
        others.push(...(await publishThroughOutbox(worker, [3])));
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    })();
    try {
      await waitFor(async () => (await effectCounts(dataSource, stalledWorker)).has(second), 'the event of the stalled partition', 60_000);
    } finally {
      flowing = false;
      await traffic;
    }
    expect(warnings).toEqual([STALL_WARNING]);
    expect([...partitionOf.values()].some((p) => p !== stalledPartition)).toBe(true); // the others did flow
    expect(Object.fromEntries(await effectCounts(dataSource, stalledWorker))).toEqual({ [first]: 1, [second]: 1 });
  });

  /** The worker's messages as the relay put them on Kafka, outbox headers included. */
  async function publishedOnKafka(workerId: string, markers: number[]): Promise<{ ids: string[]; messages: SeenMessage[] }> {
    const recorder = await new TopicRecorder(kafka, [Topics.enrollmentWorkers], (m) => m.key === workerId, { fromEnd: true }).start();
    try {
      const ids = await publishThroughOutbox(workerId, markers);
      await waitFor(() => recorder.messages.length === markers.length, 'the events on Kafka');
      return { ids, messages: recorder.messages };
    } finally {
      await recorder.stop();
    }
  }

  async function sendCopies(messages: SeenMessage[]): Promise<void> {
    await producer.send({
      topic: Topics.enrollmentWorkers,
      acks: -1,
      messages: messages.map(({ key, value, headers }) => ({ key, value, headers })),
    });
  }

  it('applies an event from an outbox delivered again only once, in batches and across restarts', async () => {
    const workerId = newWorkerId();
    const {
      ids: [first],
      messages: [published],
    } = await publishedOnKafka(workerId, [1]);
    expect(Object.keys(published.headers)).toEqual(expect.arrayContaining([OutboxHeaders.source, OutboxHeaders.sequence]));
    // The same message three more times, as a relay sends a round again: twice in one batch, once later.
    await sendCopies([published, published]);
    const groupId = `test-consumer-dup-${workerId}`;
    const consumer = await start(recordingConsumer(kafka, producer, dataSource, { groupId }));
    const [sentinel] = await publishThroughOutbox(workerId, [2]);
    await waitFor(async () => (await effectCounts(dataSource, workerId)).has(sentinel), 'the event after the copies');
    await consumer.stop();
    running.splice(running.indexOf(consumer), 1);

    await sendCopies([published]);
    const [last] = await publishThroughOutbox(workerId, [3]);
    await start(recordingConsumer(kafka, producer, dataSource, { groupId }));
    await waitFor(async () => (await effectCounts(dataSource, workerId)).has(last), 'the event after the last copy');

    expect(Object.fromEntries(await effectCounts(dataSource, workerId))).toEqual({ [first]: 1, [sentinel]: 1, [last]: 1 });
    // nothing written per event: the partition's one row holds the outbox's last sequence applied
    const [{ processed }] = await dataSource.query('SELECT count(*)::int AS processed FROM processed_events WHERE event_id = $1', [first]);
    expect(processed).toBe(0);
    const [relay] = await dataSource.query<Array<{ source: string; last: number }>>(
      'SELECT source::text AS source, next_sequence::int - 1 AS last FROM outbox_relay',
    );
    const positions = await dataSource.query<Array<{ sequences: Record<string, number> }>>(
      'SELECT sequences FROM inbox_positions WHERE consumer = $1 AND topic = $2 AND partition = $3',
      [groupId, Topics.enrollmentWorkers, published.partition],
    );
    expect(positions).toEqual([{ sequences: expect.objectContaining({ [relay.source]: relay.last }) }]);
  });

  it('applies a message without outbox headers once, by its event id', async () => {
    const workerId = newWorkerId();
    const {
      messages: [published],
    } = await publishedOnKafka(workerId, [1]);
    // an event that no outbox sent (another producer's): the same id three times, twice in one batch
    const foreign = JSON.stringify({ ...JSON.parse(published.value!), id: randomUUID(), data: { ...workerChanged(workerId, 5).data } });
    await sendRaw(workerId, [foreign, foreign]);
    const groupId = `test-consumer-foreign-${workerId}`;
    const consumer = await start(recordingConsumer(kafka, producer, dataSource, { groupId }));
    const [sentinel] = await publishThroughOutbox(workerId, [2]);
    await waitFor(async () => (await effectCounts(dataSource, workerId)).has(sentinel), 'the event after the copies');
    await consumer.stop();
    running.splice(running.indexOf(consumer), 1);
    await sendRaw(workerId, [foreign]);
    const [last] = await publishThroughOutbox(workerId, [3]);
    await start(recordingConsumer(kafka, producer, dataSource, { groupId }));
    await waitFor(async () => (await effectCounts(dataSource, workerId)).has(last), 'the event after the last copy');

    const foreignId = JSON.parse(foreign).id as string;
    const counts = Object.fromEntries(await effectCounts(dataSource, workerId));
    expect(counts[foreignId]).toBe(1);
    const [{ processed }] = await dataSource.query('SELECT count(*)::int AS processed FROM processed_events WHERE event_id = $1', [
      foreignId,
    ]);
    expect(processed).toBe(1);
  });

  it('sends malformed, undeclared and invalid messages to the DLQ with the reason, and goes on', async () => {
    const workerId = newWorkerId();
    const bad = JSON.parse(
      JSON.stringify({
        id: '6b7c1f43-3d2e-4d8e-9a5e-0c1d2e3f4a5b',
        type: 'enrollment.worker.changed',
        version: 1,
        occurredAt: new Date().toISOString(),
        source: 'x',
        subject: workerId,
        correlationId: 'c',
        causationId: null,
        data: { ...workerChanged(workerId, 1).data, declaredMonthlyIncome: -5 },
      }),
    );
    const undeclared = { ...bad, id: '7b7c1f43-3d2e-4d8e-9a5e-0c1d2e3f4a5b', type: 'enrollment.worker.teleported', data: {} };
    await sendRaw(workerId, ['{ not json', JSON.stringify(undeclared), JSON.stringify(bad)]);
    const [good] = await publishThroughOutbox(workerId, [42]);

    const dlq = await new TopicRecorder(kafka, [deadLetterTopic(Topics.enrollmentWorkers)], (m) => m.key === workerId).start();
    try {
      await start(recordingConsumer(kafka, producer, dataSource));
      await waitFor(async () => (await effectCounts(dataSource, workerId)).get(good) === 1, 'the good event after the bad ones');
      await waitFor(() => dlq.messages.length === 3, 'three dead letters');
      const reasons = dlq.messages.map((m) => m.headers[DlqHeaders.reason]);
      expect(reasons[0]).toBe('value is not JSON');
      expect(reasons[1]).toMatch(/undeclared event enrollment.worker.teleported/);
      expect(reasons[2]).toMatch(/declaredMonthlyIncome/);
      expect(dlq.messages[0].value).toBe('{ not json');
      expect(dlq.messages.every((m) => m.headers[DlqHeaders.originalTopic] === Topics.enrollmentWorkers)).toBe(true);
      expect((await effectCounts(dataSource, workerId)).size).toBe(1);
    } finally {
      await dlq.stop();
    }
  });

  it('retries a failing handler, dead-letters the event after the last attempt, and applies the next one', async () => {
    const workerId = newWorkerId();
    const [poison, next] = await publishThroughOutbox(workerId, [13, 14]);
    let attempts = 0;
    const dlq = await new TopicRecorder(kafka, [deadLetterTopic(Topics.enrollmentWorkers)], (m) => m.key === workerId).start();
    try {
      await start(
        recordingConsumer(kafka, producer, dataSource, {
          maxAttempts: 3,
          handle: async (event, context) => {
            await recordEffect(event, context); // written, then rolled back with the failure
            if (event.subject === workerId && (event.data as { declaredMonthlyIncome: number }).declaredMonthlyIncome === 13) {
              attempts++;
              throw new Error('no rule for income 13');
            }
          },
        }),
      );
      await waitFor(async () => (await effectCounts(dataSource, workerId)).get(next) === 1, 'the event after the poison one');
      await waitFor(() => dlq.messages.length === 1, 'the dead letter');
      expect(JSON.parse(dlq.messages[0].value!).id).toBe(poison);
      expect(dlq.messages[0].headers[DlqHeaders.reason]).toMatch(/handler failed: Error: no rule for income 13/);
      expect(dlq.messages[0].headers[DlqHeaders.attempts]).toBe('3');
      // The original headers travel with it.
      expect(dlq.messages[0].headers.type).toBe('enrollment.worker.changed');
      expect((await effectCounts(dataSource, workerId)).has(poison)).toBe(false);
      // Once in the whole batch, then three times alone.
      expect(attempts).toBe(4);
    } finally {
      await dlq.stop();
    }
  });
  it("sends a dead letter again when Kafka's answer leaves out its partition, and only then goes on", async () => {
    const workerId = newWorkerId();
    await sendRaw(workerId, ['{ not json']);
    const [good] = await publishThroughOutbox(workerId, [7]);
    const admin = kafka.admin();
    await admin.connect();
    const dlqTopic = deadLetterTopic(Topics.enrollmentWorkers);
    const dlq = await new TopicRecorder(kafka, [dlqTopic], (m) => m.key === workerId).start();
    try {
      const counts = new AdminPartitionCounts(admin);
      const partitionMetadata = Array.from({ length: await counts.of(dlqTopic) }, (_, partitionId) => ({
        partitionId,
        leader: 0,
        partitionErrorCode: 0,
        replicas: [],
        isr: [],
      }));
      const partitionOf = (key: Buffer | string) =>
        Partitioners.JavaCompatiblePartitioner()({ topic: dlqTopic, partitionMetadata, message: { key, value: null } });
      const ours = partitionOf(workerId);
      // kafkajs 2.2.4 after a leader moved (tulios/kafkajs#1303): a whole partition's messages never sent, the batch
      // acknowledged all the same, without that partition in its answer. Here: the partition of this worker's dead
      // letter, in the first send that holds it (with every other letter going there, and the keyless ones, which
      // the producer could place there too).
      let droppedOurs = false;
      const losing = {
        sendBatch: async (batch: ProducerBatch) => {
          const holdsOurs = batch.topicMessages!.some((t) => t.topic === dlqTopic && t.messages.some((m) => String(m.key) === workerId));
          if (droppedOurs || !holdsOurs) return producer.sendBatch(batch);
          droppedOurs = true;
          const left = batch
            .topicMessages!.map((t) =>
              t.topic !== dlqTopic ? t : { ...t, messages: t.messages.filter((m) => m.key != null && partitionOf(m.key) !== ours) },
            )
            .filter((t) => t.messages.length);
          return left.length ? producer.sendBatch({ ...batch, topicMessages: left }) : [];
        },
      } as unknown as Producer;
      const letterOf = (key: string) => ({
        topic: Topics.enrollmentWorkers,
        partition: 0,
        message: { key: Buffer.from(key), value: Buffer.from('{ not json'), headers: {}, offset: '0', timestamp: '0', attributes: 0 },
        reason: 'test',
        attempts: 0,
        consumerGroup: 'test',
      });
      // another worker's letter in the same partition, sent with it: lost with it
      let neighbour = newWorkerId();
      while (partitionOf(neighbour) !== ours) neighbour = newWorkerId();
      // what the consumer sees: an error it retries (and it commits no offset before the send succeeds)
      const refused = await sendToDeadLetters(losing, [letterOf(workerId), letterOf(neighbour)], counts).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(Error);
      expect((refused as Error).message).toMatch(
        new RegExp(`^Kafka acknowledged the dead letters without partitions ${dlqTopic}#${ours}(,|:)`),
      );
      expect(isTransientError(refused)).toBe(true);
      expect(droppedOurs).toBe(true);

      droppedOurs = false;
      await start(recordingConsumer(kafka, losing, dataSource, { partitionCounts: counts }));
      await waitFor(async () => (await effectCounts(dataSource, workerId)).get(good) === 1, 'the good event after the bad one');
      await waitFor(() => dlq.messages.length === 1, 'the dead letter, sent again');
      expect(droppedOurs).toBe(true);
      expect(dlq.messages[0].value).toBe('{ not json');
      expect(dlq.messages[0].headers[DlqHeaders.reason]).toBe('value is not JSON');
    } finally {
      await dlq.stop();
      await admin.disconnect();
    }
  });
});
