import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { EVENT_CATALOG, EventHeaders, Topics, deadLetterTopic, type EventEnvelope } from '@jaring/contracts';
import { createProducer } from '@jaring/messaging';
import { as } from '../../support/identity';
import { testKafka, TopicRecorder } from '../../support/kafka';
import { waitFor } from '../../support/wait-for';
import { type EnrollmentUnderTest, getJson, postJson, registration, startEnrollment } from './enrollment-test-kit';

const ownWorkers = new Set<string>();

/** The contributions service's coverage events, as real envelopes on the real topic. */
async function announce(producer: Producer, type: string, data: { workerId: string } & Record<string, unknown>): Promise<string> {
  const envelope: EventEnvelope = {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'contributions',
    subject: data.workerId,
    correlationId: randomUUID(),
    causationId: null,
    data,
  };
  EVENT_CATALOG.assertProducible(envelope);
  await producer.send({
    topic: Topics.contributionsCoverage,
    acks: -1,
    messages: [
      { key: data.workerId, value: JSON.stringify(envelope), headers: { [EventHeaders.type]: type, [EventHeaders.version]: '1' } },
    ],
  });
  return envelope.id;
}

describe('enrollment: the membership status follows coverage (contributions.coverage.*)', () => {
  let service: EnrollmentUnderTest;
  let producer: Producer;
  let deadLetters: TopicRecorder;

  beforeAll(async () => {
    service = await startEnrollment('jaring_test_enrollment_status');
    producer = createProducer(testKafka());
    await producer.connect();
    deadLetters = await new TopicRecorder(testKafka(), [deadLetterTopic(Topics.contributionsCoverage)], (m) =>
      ownWorkers.has(m.key ?? ''),
    ).start();
  });

  afterAll(async () => {
    await deadLetters?.stop();
    await producer?.disconnect();
    await service?.close();
  });

  async function registeredWorker(): Promise<string> {
    const answer = await postJson(service.baseUrl, '/v1/workers', registration(), await as('agent-5371'));
    expect(answer.status).toBe(201);
    ownWorkers.add(answer.body.id);
    return answer.body.id;
  }

  const covered = (workerId: string, coveredUntil: string, periods: string[]) => ({
    workerId,
    programs: ['JKK', 'JKM'],
    periods,
    coveredFrom: `${periods[0]}-01`,
    coveredUntil,
  });

  async function statusOf(workerId: string, status: string, coverageEnd: string | null): Promise<void> {
    await waitFor(async () => {
      const { body } = await getJson(service.baseUrl, `/v1/workers/${workerId}`, await as('agent-5371'));
      return body.status === status && body.coverageEnd === coverageEnd;
    }, `worker ${status} until ${coverageEnd}`);
  }

  it('goes PENDING_PAYMENT → ACTIVE → (extended) → LAPSED → ACTIVE again, with the coverage end', async () => {
    const workerId = await registeredWorker();
    expect((await getJson(service.baseUrl, `/v1/workers/${workerId}`, await as('agent-5371'))).body).toMatchObject({
      status: 'PENDING_PAYMENT',
      coverageEnd: null,
    });

    await announce(producer, 'contributions.coverage.activated', covered(workerId, '2026-07-31', ['2026-07']));
    await statusOf(workerId, 'ACTIVE', '2026-07-31');

    await announce(producer, 'contributions.coverage.extended', covered(workerId, '2026-10-31', ['2026-08', '2026-09', '2026-10']));
    await statusOf(workerId, 'ACTIVE', '2026-10-31');

    await announce(producer, 'contributions.coverage.lapsed', {
      workerId,
      lapsedOn: '2027-02-01',
      lastCoveredDay: '2026-10-31',
      reason: 'UNPAID_MONTHS',
    });
    await statusOf(workerId, 'LAPSED', '2026-10-31');

    await announce(producer, 'contributions.coverage.activated', covered(workerId, '2027-03-31', ['2027-03']));
    await statusOf(workerId, 'ACTIVE', '2027-03-31');
  });

  it('never shortens the coverage end on an older extension, and applies a redelivered event once', async () => {
    const workerId = await registeredWorker();
    await announce(
      producer,
      'contributions.coverage.activated',
      covered(workerId, '2026-12-31', ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']),
    );
    await announce(producer, 'contributions.coverage.extended', covered(workerId, '2026-09-30', ['2026-09']));
    const marker = await announce(producer, 'contributions.coverage.lapsed', { workerId, lapsedOn: '2027-04-01', reason: 'UNPAID_MONTHS' });
    await statusOf(workerId, 'LAPSED', '2026-12-31');
    const [{ n }] = await service.dataSource.query('SELECT count(*)::int AS n FROM processed_events WHERE event_id = $1', [marker]);
    expect(n).toBe(1);
  });

  it('keeps a deregistered worker DEREGISTERED while their paid months still count', async () => {
    const workerId = await registeredWorker();
    const deregistration = await postJson(
      service.baseUrl,
      `/v1/workers/${workerId}/deregistration`,
      { reason: 'LEFT_INDONESIA' },
      await as('enrollment-officer'),
    );
    expect(deregistration.status).toBe(200);
    await announce(producer, 'contributions.coverage.activated', covered(workerId, '2026-07-31', ['2026-07']));
    await statusOf(workerId, 'DEREGISTERED', '2026-07-31');
    await announce(producer, 'contributions.coverage.lapsed', {
      workerId,
      lapsedOn: '2026-08-01',
      lastCoveredDay: '2026-07-31',
      reason: 'DEREGISTERED',
    });
    const later = await announce(producer, 'contributions.coverage.extended', covered(workerId, '2026-08-31', ['2026-08']));
    await waitFor(
      async () => (await service.dataSource.query('SELECT 1 FROM processed_events WHERE event_id = $1', [later])).length === 1,
      'the last event applied',
    );
    await statusOf(workerId, 'DEREGISTERED', '2026-08-31');
  });

  it('ignores coverage of workers it does not know, and dead-letters nothing', async () => {
    const stranger = randomUUID();
    ownWorkers.add(stranger);
    const eventId = await announce(producer, 'contributions.coverage.activated', covered(stranger, '2026-07-31', ['2026-07']));
    await waitFor(
      async () => (await service.dataSource.query('SELECT 1 FROM processed_events WHERE event_id = $1', [eventId])).length === 1,
      'the event processed',
    );
    expect(await service.dataSource.query('SELECT 1 FROM workers WHERE id = $1', [stranger])).toHaveLength(0);
    expect(deadLetters.messages).toHaveLength(0);
  });
});
