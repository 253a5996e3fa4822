import { Partitioners, type Kafka, type Producer, type ProducerBatch } from 'kafkajs';
import { DataSource } from 'typeorm';
import { Topics, type EventEnvelope } from '@jaring/contracts';
import { AdminPartitionCounts, Outbox, OutboxHeaders, OutboxRelay, runWithTraceContext } from '@jaring/messaging';
import { changeIncome, newWorkerId, workerChanged } from '../support/events';
import { TopicRecorder } from '../support/kafka';
import { backboneFixture, type BackboneFixture } from '../support/messaging-database';
import { waitFor } from '../support/wait-for';

describe('transactional outbox', () => {
  let dataSource: DataSource;
  let kafka: Kafka;
  let producer: Producer;
  const outbox = new Outbox('test');

  let fixture: BackboneFixture;

  beforeAll(async () => {
    fixture = await backboneFixture('jaring_test_outbox');
    ({ dataSource, kafka, producer } = fixture);
  });

  afterAll(async () => {
    await fixture.close();
  });

  async function drain(relay: OutboxRelay): Promise<void> {
    while ((await relay.publishPending()) > 0);
  }

  it('publishes an event exactly once per committed transaction and never for a rolled-back one', async () => {
    const workerId = newWorkerId();
    const committed: string[] = [];
    for (const marker of [1, 2, 3]) {
      committed.push(await dataSource.transaction((manager) => changeIncome(manager, outbox, workerId, marker)));
    }
    let rolledBackId: string | undefined;
    await expect(
      dataSource.transaction(async (manager) => {
        rolledBackId = await changeIncome(manager, outbox, workerId, 99);
        throw new Error('the business rule failed after the event was written');
      }),
    ).rejects.toThrow('business rule');
    // Written after the rolled-back one: once it is on Kafka, everything before it is too.
    const sentinel = await dataSource.transaction((manager) => changeIncome(manager, outbox, workerId, 4));

    const relay = new OutboxRelay(dataSource, producer);
    await drain(relay);
    await drain(relay); // a second relay round must not publish anything again

    const recorder = await new TopicRecorder(kafka, [Topics.enrollmentWorkers], (m) => m.key === workerId).start();
    try {
      await waitFor(() => recorder.messages.some((m) => JSON.parse(m.value!).id === sentinel), 'the sentinel event');
      const ids = recorder.messages.map((m) => (JSON.parse(m.value!) as EventEnvelope).id);
      expect(ids).toEqual([...committed, sentinel]);
      expect(ids).not.toContain(rolledBackId);
      const [{ income }] = await dataSource.query('SELECT income::int FROM test_workers WHERE id = $1', [workerId]);
      expect(income).toBe(4);
      expect(await relay.backlog()).toBe(0);
    } finally {
      await recorder.stop();
    }
  });

  it('runs two relays on one database (two replicas): one publishes at a time, each event once, in the outbox order', async () => {
    const workerId = newWorkerId();
    const written: string[] = [];
    for (let round = 0; round < 10; round++) {
      written.push(
        ...(await dataSource.transaction(async (manager) => {
          const ids: string[] = [];
          for (let marker = 1; marker <= 20; marker++) ids.push(await changeIncome(manager, outbox, workerId, round * 20 + marker));
          return ids;
        })),
      );
    }
    const recorder = await new TopicRecorder(kafka, [Topics.enrollmentWorkers], (m) => m.key === workerId).start();
    // While one relay is between Kafka's acknowledgement and its commit (it holds the lock), the other tries:
    // it must find the outbox taken and publish nothing.
    const triedMeanwhile: number[] = [];
    const second = new OutboxRelay(dataSource, producer, { batchSize: 15, idleDelayMs: 5 });
    const first = new OutboxRelay(dataSource, producer, {
      batchSize: 15,
      idleDelayMs: 5,
      afterPublish: async () => void triedMeanwhile.push(await second.publishPending()),
    });
    first.start();
    second.start();
    try {
      await waitFor(async () => (await first.backlog()) === 0 && recorder.messages.length >= written.length, 'the outbox published');
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    try {
      expect(triedMeanwhile.length).toBeGreaterThan(0);
      expect(triedMeanwhile.every((published) => published === 0)).toBe(true);
      // each event once, in the order written (one worker: one partition)
      expect(recorder.messages.map((m) => (JSON.parse(m.value!) as EventEnvelope).id)).toEqual(written);
    } finally {
      await recorder.stop();
    }
  });

  it('holds back what committed after a transaction still open, says so, then publishes both in the order they were written', async () => {
    const warnings: Array<{ message: string; extra?: Record<string, unknown> }> = [];
    const relay = new OutboxRelay(dataSource, producer, {
      heldBackWarningMs: 0,
      log: (level, message, extra) => level === 'warn' && warnings.push({ message, extra }),
    });
    await drain(relay);
    const [early, late] = [newWorkerId(), newWorkerId()];
    const recorder = await new TopicRecorder(kafka, [Topics.enrollmentWorkers], (m) => m.key === early || m.key === late).start();
    const open = dataSource.createQueryRunner();
    await open.connect();
    try {
      // The open transaction writes its event first (the lower position); a later one writes and commits.
      await open.startTransaction();
      const earlyId = await changeIncome(open.manager, outbox, early, 1);
      const lateId = await dataSource.transaction((manager) => changeIncome(manager, outbox, late, 2));
      // Publishing the committed one now would number it before the open one's: consumers would take the open
      // one, when it came, for an event they had applied. The relay waits for it instead.
      expect(await relay.publishPending()).toBe(0);
      expect(await relay.backlog()).toBe(1);
      const [{ xid }] = await open.query('SELECT pg_current_xact_id()::text AS xid');
      expect(warnings).toEqual([
        { message: 'outbox events wait for a transaction still open', extra: { oldestRunningTransaction: xid, waitingForMs: 0 } },
      ]);
      await open.commitTransaction();
      await drain(relay);
      await waitFor(() => recorder.messages.length === 2, 'both events on Kafka');
      const sequenceOf = (id: string) =>
        Number(recorder.messages.find((m) => (JSON.parse(m.value!) as EventEnvelope).id === id)!.headers[OutboxHeaders.sequence]);
      expect(sequenceOf(lateId)).toBe(sequenceOf(earlyId) + 1);
      expect(await relay.backlog()).toBe(0);
    } finally {
      if (open.isTransactionActive) await open.rollbackTransaction();
      await open.release();
      await recorder.stop();
    }
  });

  it('carries the envelope, the Kafka key and the trace headers', async () => {
    const workerId = newWorkerId();
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const id = await runWithTraceContext({ correlationId: 'corr-123', traceparent }, () =>
      dataSource.transaction((manager) => changeIncome(manager, outbox, workerId, 7)),
    );
    await drain(new OutboxRelay(dataSource, producer));
    const recorder = await new TopicRecorder(kafka, [Topics.enrollmentWorkers], (m) => m.key === workerId).start();
    try {
      const [message] = await waitFor(() => (recorder.messages.length ? recorder.messages : undefined), 'the event');
      const envelope = JSON.parse(message.value!) as EventEnvelope;
      expect(envelope).toMatchObject({
        id,
        type: 'enrollment.worker.changed',
        version: 2,
        source: 'test',
        subject: workerId,
        correlationId: 'corr-123',
        causationId: null,
        data: { workerId, declaredMonthlyIncome: 7 },
      });
      expect(message.headers.type).toBe('enrollment.worker.changed');
      expect(message.headers.version).toBe('2');
      expect(message.headers['correlation-id']).toBe('corr-123');
      // Same trace, new span.
      expect(message.headers.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
      expect(message.headers.traceparent).not.toBe(traceparent);
    } finally {
      await recorder.stop();
    }
  });

  it('refuses an undeclared or invalid event, and the state change rolls back with it', async () => {
    const workerId = newWorkerId();
    const invalid = workerChanged(workerId, 5);
    (invalid.data as Record<string, unknown>).declaredMonthlyIncome = 12.5;
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query('INSERT INTO test_workers (id, income) VALUES ($1, 5)', [workerId]);
        await outbox.publish(manager, invalid);
      }),
    ).rejects.toThrow(/declaredMonthlyIncome/);
    await expect(
      dataSource.transaction((manager) =>
        outbox.publish(manager, { ...workerChanged(workerId, 5), definition: { ...workerChanged(workerId, 5).definition, version: 9 } }),
      ),
    ).rejects.toThrow(/not declared/);
    const rows = await dataSource.query('SELECT 1 FROM test_workers WHERE id = $1', [workerId]);
    expect(rows).toHaveLength(0);
    const events = await dataSource.query(`SELECT 1 FROM outbox WHERE message_key = $1`, [workerId]);
    expect(events).toHaveLength(0);
  });

  it('refuses to write an event outside a transaction', async () => {
    await expect(outbox.publish(dataSource.manager, workerChanged(newWorkerId(), 1))).rejects.toThrow(/inside the transaction/);
  });

  it("marks nothing published when Kafka's answer leaves out a partition the round wrote to, and sends the round again", async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const counts = new AdminPartitionCounts(admin);
      const partitionCount = await counts.of(Topics.enrollmentWorkers);
      const partitionMetadata = Array.from({ length: partitionCount }, (_, partitionId) => ({
        partitionId,
        leader: 0,
        partitionErrorCode: 0,
        replicas: [],
        isr: [],
      }));
      const partitionOf = (key: string) =>
        Partitioners.JavaCompatiblePartitioner()({ topic: Topics.enrollmentWorkers, partitionMetadata, message: { key, value: null } });
      // two workers whose events go to different partitions
      const kept = newWorkerId();
      let dropped = newWorkerId();
      while (partitionOf(dropped) === partitionOf(kept)) dropped = newWorkerId();
      const ids = await dataSource.transaction(async (manager) => [
        await changeIncome(manager, outbox, kept, 1),
        await changeIncome(manager, outbox, dropped, 1),
      ]);

      // kafkajs 2.2.4 after a leader moved (tulios/kafkajs#1303): one partition's messages never sent, the batch
      // acknowledged all the same, without that partition in its answer
      const losing = {
        sendBatch: (batch: ProducerBatch) =>
          producer.sendBatch({
            ...batch,
            topicMessages: batch.topicMessages!.map((t) => ({ ...t, messages: t.messages.filter((m) => m.key !== dropped) })),
          }),
      } as unknown as Producer;
      const checking = new OutboxRelay(dataSource, losing, { partitionCounts: counts });
      await expect(checking.publishPending()).rejects.toThrow(`without partitions ${Topics.enrollmentWorkers}#${partitionOf(dropped)}`);
      const unpublished = await dataSource.query(`SELECT event_id::text AS id FROM outbox_pending ORDER BY position`);
      expect(unpublished.map((r: { id: string }) => r.id)).toEqual(ids);

      const recorder = await new TopicRecorder(kafka, [Topics.enrollmentWorkers], (m) => m.key === dropped).start();
      try {
        await drain(new OutboxRelay(dataSource, producer, { partitionCounts: counts }));
        await waitFor(() => recorder.messages.some((m) => JSON.parse(m.value!).id === ids[1]), 'the event of the dropped partition');
        expect(await new OutboxRelay(dataSource, producer).backlog()).toBe(0);
      } finally {
        await recorder.stop();
      }
    } finally {
      await admin.disconnect();
    }
  });
});

describe('the outbox relay on a large outbox', () => {
  let fixture: BackboneFixture;
  /** The relay's own connection, one, so that its statistics can be flushed on demand. */
  let relayDataSource: DataSource;

  beforeAll(async () => {
    fixture = await backboneFixture('jaring_test_outbox_large');
    const { url } = fixture.dataSource.options as { url: string };
    relayDataSource = await new DataSource({ type: 'postgres', url, extra: { max: 1 } }).initialize();
  });

  afterAll(async () => {
    await relayDataSource.destroy();
    await fixture.close();
  });

  async function outboxReads(): Promise<{ seqRead: number; indexRead: number; indexScans: number }> {
    const [reads] = await fixture.dataSource.query(
      `SELECT t.seq_tup_read::int AS "seqRead", i.read::int AS "indexRead", i.scans::int AS "indexScans"
         FROM pg_stat_user_tables t,
              (SELECT sum(idx_tup_read) AS read, sum(idx_scan) AS scans FROM pg_stat_user_indexes WHERE relname = 'outbox') i
        WHERE t.relname = 'outbox'`,
    );
    return reads;
  }

  /** The outbox's reads once the relay's backend has reported what it read since `before`. */
  async function relayReadsSince(before: { indexScans: number }): Promise<{ seqRead: number; indexRead: number; indexScans: number }> {
    // a backend reports its reads when it next goes idle, at most once a second unless told
    await relayDataSource.query('SELECT pg_stat_force_next_flush()');
    return waitFor(async () => {
      const reads = await outboxReads();
      return reads.indexScans > before.indexScans ? reads : undefined;
    }, "the relay's reads in PostgreSQL's statistics");
  }

  it('finds and reads a round through the index, not the whole outbox, when PostgreSQL has no statistics for it', async () => {
    const { dataSource } = fixture;
    // what PostgreSQL knows right after a burst of writes: nothing (autovacuum would analyse the table a minute later)
    await dataSource.query('ALTER TABLE outbox SET (autovacuum_enabled = off)');
    // 20,000 events published long ago (transaction 1, below the relay's cursor), kept for inspection
    await dataSource.query(
      `INSERT INTO outbox (event_id, topic, message_key, event_type, event_version, payload, headers, txid)
       SELECT gen_random_uuid(), $1, gen_random_uuid()::text, 'test.published', 1, '{}', '{}', '1'::xid8
         FROM generate_series(1, 20000)`,
      [Topics.enrollmentWorkers],
    );
    // a backlog of 5,000: 50 transactions of 100 events
    for (let tx = 0; tx < 50; tx++) {
      await dataSource.query(
        `INSERT INTO outbox (event_id, topic, message_key, event_type, event_version, payload, headers)
         SELECT gen_random_uuid(), $1, gen_random_uuid()::text, 'test.waiting', 1, '{}', '{}' FROM generate_series(1, 100)`,
        [Topics.enrollmentWorkers],
      );
    }
    const before = await outboxReads();

    const relay = new OutboxRelay(relayDataSource, fixture.producer);
    expect(await relay.publishPending()).toBe(500);
    const after = await relayReadsSince(before);

    // Planning the round, reading its 500 rows, planning the next: about three rounds of index entries (1,508 when
    // written). Left to its guesses PostgreSQL read 40,502 rows by sequential scans here, and 10,004 index entries.
    expect(after.seqRead - before.seqRead).toBe(0);
    expect(after.indexRead - before.indexRead).toBeLessThan(2_000);
  });

  it('purges the published events older than the retention through the index, never one not yet published', async () => {
    const { dataSource } = fixture;
    const relay = new OutboxRelay(relayDataSource, fixture.producer);
    await dataSource.query('TRUNCATE outbox');
    // what transactions 10 to 59 wrote is published: the relay's cursor is past them
    await dataSource.query(`UPDATE outbox_relay SET published_below = greatest(published_below, '100'::xid8), round_below = NULL`);
    const write = (txid: number, rows: number, hoursAgo: number) =>
      dataSource.query(
        `INSERT INTO outbox (event_id, topic, message_key, event_type, event_version, payload, headers, txid, created_at)
         SELECT gen_random_uuid(), $1, gen_random_uuid()::text, 'test.published', 1, '{}', '{}', $2::text::xid8,
                now() - make_interval(hours => $3)
           FROM generate_series(1, $4)`,
        [Topics.enrollmentWorkers, txid, hoursAgo, rows],
      );
    // published (below the relay's cursor): 3,000 older than 72 hours, then 20,000 younger, with one old row
    // written by a transaction after the first young one
    for (let txid = 10; txid < 40; txid++) await write(txid, 100, 73);
    for (let txid = 40; txid < 60; txid++) await write(txid, 1_000, 1);
    await write(45, 1, 80);
    // not yet published, however old
    const [{ position: waiting }] = await dataSource.query(
      `INSERT INTO outbox (event_id, topic, message_key, event_type, event_version, payload, headers, created_at)
       VALUES (gen_random_uuid(), $1, 'waiting', 'test.waiting', 1, '{}', '{}', now() - interval '100 hours') RETURNING position`,
      [Topics.enrollmentWorkers],
    );
    const before = await outboxReads();

    const purged = await relay.purgePublished();
    const after = await relayReadsSince(before);
    // the 3,000 deleted read twice (to find the bound, to delete), not the 20,000 kept
    expect(after.seqRead - before.seqRead).toBe(0);
    expect(after.indexRead - before.indexRead).toBeLessThan(10_000);

    expect(purged).toBe(3_000);

    const kept = await dataSource.query(
      `SELECT count(*)::int AS all, count(*) FILTER (WHERE txid < '40')::int AS "beforeTheFirstYoung",
              count(*) FILTER (WHERE created_at < now() - interval '72 hours')::int AS old,
              bool_or(position = $1) AS "waitingKept"
         FROM outbox`,
      [waiting],
    );
    expect(kept).toEqual([{ all: 20_002, beforeTheFirstYoung: 0, old: 2, waitingKept: true }]);
  });
});
