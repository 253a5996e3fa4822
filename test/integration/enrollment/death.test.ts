import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { EVENT_CATALOG, EventHeaders, Topics, type EventEnvelope } from '@jaring/contracts';
import { createProducer } from '@jaring/messaging';
import { as } from '../../support/identity';
import { testKafka } from '../../support/kafka';
import { waitFor } from '../../support/wait-for';
import { type EnrollmentUnderTest, getJson, postJson, registration, startEnrollment } from './enrollment-test-kit';

const PROBLEM = 'https://jaring.id/problems/';
const CERTIFICATE = '5371-KM-15072026-0042';

/** A claims.claim.paid as the claims service announces it, on the real topic: the envelope, to send again as is. */
function claimPaid(
  workerId: string,
  data: { claimId?: string; type: string; kind: string; incidentDate?: string },
): EventEnvelope<{ claimId: string } & Record<string, unknown>> {
  const envelope: EventEnvelope<{ claimId: string } & Record<string, unknown>> = {
    id: randomUUID(),
    type: 'claims.claim.paid',
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'claims',
    subject: workerId,
    correlationId: randomUUID(),
    causationId: null,
    data: {
      claimId: data.claimId ?? randomUUID(),
      workerId,
      type: data.type,
      kind: data.kind,
      amount: 42_000_000,
      latePenalty: 0,
      paidOn: '2026-07-14',
      components: [{ name: 'DEATH_BENEFIT', amount: 42_000_000 }],
      ...(data.incidentDate ? { incidentDate: data.incidentDate } : {}),
    },
  };
  EVENT_CATALOG.assertProducible(envelope);
  return envelope;
}

describe('enrollment: a death closes the membership (DECEASED, enrollment.worker.died)', () => {
  let service: EnrollmentUnderTest;
  let producer: Producer;

  beforeAll(async () => {
    service = await startEnrollment('jaring_test_enrollment_death');
    producer = createProducer(testKafka());
    await producer.connect();
  });

  // workers register on the clock's first day; a test that needs later days moves it, and it comes back
  const FIRST_DAY = '2026-07-15T03:00:00Z';
  afterEach(() => service.clock.set(FIRST_DAY));

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
  });

  async function registered(overrides: Record<string, unknown> = {}): Promise<string> {
    const answer = await postJson(service.baseUrl, '/v1/workers', registration(overrides), await as('agent-5371'));
    expect(answer.status).toBe(201);
    return answer.body.id;
  }

  const recordDeath = async (workerId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    postJson(service.baseUrl, `/v1/workers/${workerId}/death`, body, { ...(await as('enrollment-officer')), ...headers });

  async function diedEvents(workerId: string): Promise<Array<{ id: string; payload: any }>> {
    return service.dataSource.query(
      `SELECT event_id AS id, payload FROM outbox WHERE message_key = $1 AND event_type = 'enrollment.worker.died' ORDER BY position`,
      [workerId],
    );
  }

  async function send(...envelopes: EventEnvelope[]): Promise<void> {
    for (const envelope of envelopes) {
      await producer.send({
        topic: Topics.claimsClaims,
        acks: -1,
        messages: [
          {
            key: envelope.subject,
            value: JSON.stringify(envelope),
            headers: { [EventHeaders.type]: envelope.type, [EventHeaders.version]: String(envelope.version) },
          },
        ],
      });
    }
  }

  /** Until the service has handled this event (the inbox holds its id): what came before it on its partition is handled too. */
  async function handled(eventId: string): Promise<void> {
    await waitFor(
      async () => (await service.dataSource.query('SELECT 1 FROM processed_events WHERE event_id = $1', [eventId])).length === 1,
      `event ${eventId} handled`,
    );
  }

  describe('POST /v1/workers/{id}/death (the back office)', () => {
    it('records the death once: 201, then 200 for the same date, 409 for another; one event, one audit entry, the certificate sealed', async () => {
      const workerId = await registered();
      service.clock.set('2026-07-20T03:00:00Z');
      const first = await recordDeath(workerId, { diedOn: '2026-07-18', deathCertificateNumber: CERTIFICATE });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        id: workerId,
        status: 'DECEASED',
        diedOn: '2026-07-18',
        death: { diedOn: '2026-07-18', recordedOn: '2026-07-20', source: 'BACK_OFFICE', claimId: null },
        deregisteredOn: null,
      });
      expect(JSON.stringify(first.body)).not.toContain(CERTIFICATE);
      expect((await getJson(service.baseUrl, `/v1/workers/${workerId}`, await as('agent-5371'))).body).toMatchObject({
        status: 'DECEASED',
        diedOn: '2026-07-18',
      });

      // the search finds the deceased by status, with the date
      const search = await getJson(service.baseUrl, '/v1/workers?status=DECEASED&limit=200', await as('auditor'));
      expect(search.body.items.find((item: { id: string }) => item.id === workerId)).toMatchObject({
        status: 'DECEASED',
        diedOn: '2026-07-18',
      });
      expect(search.body.items.every((item: { status: string }) => item.status === 'DECEASED')).toBe(true);

      const again = await recordDeath(workerId, { diedOn: '2026-07-18', deathCertificateNumber: CERTIFICATE });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ status: 'DECEASED', diedOn: '2026-07-18' });

      const other = await recordDeath(workerId, { diedOn: '2026-07-17', deathCertificateNumber: CERTIFICATE });
      expect(other.status).toBe(409);
      expect(other.body).toMatchObject({
        type: `${PROBLEM}death-already-recorded`,
        diedOn: '2026-07-18',
        errors: [{ field: 'diedOn', reason: 'a death on 2026-07-18 is on record' }],
      });

      const events = await diedEvents(workerId);
      expect(events).toHaveLength(1);
      expect(events[0].payload.data).toEqual({ workerId, diedOn: '2026-07-18', recordedOn: '2026-07-20', source: 'BACK_OFFICE' });
      expect(JSON.stringify(events[0].payload)).not.toContain(CERTIFICATE);

      const audit = await getJson(service.baseUrl, `/v1/workers/${workerId}/audit`, await as('auditor'));
      expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual(['REGISTERED', 'DIED']);
      expect(audit.body.items[1]).toEqual({
        at: '2026-07-20T03:00:00.000Z',
        action: 'DIED',
        actor: { subject: 'enrollment-officer', clientId: 'enrollment-officer' },
        fields: ['status', 'diedOn', 'deathCertificateNumber'],
        importId: null,
      });
      // at rest the certificate number is sealed, not in clear
      const [row] = await service.dataSource.query(
        `SELECT row_to_json(w)::text AS row, death_certificate_sealed FROM workers w WHERE id = $1`,
        [workerId],
      );
      expect(row.death_certificate_sealed).toBeInstanceOf(Buffer);
      expect(row.row).not.toContain(CERTIFICATE);
      expect(row.death_certificate_sealed.toString('latin1')).not.toContain(CERTIFICATE);
    });

    it('refuses a date after today or before the registration (422 naming diedOn), and bad fields (400), writing nothing', async () => {
      const workerId = await registered();
      const before = await diedEvents(workerId);
      const future = await recordDeath(workerId, { diedOn: '2026-07-16', deathCertificateNumber: CERTIFICATE });
      expect(future.status).toBe(422);
      expect(future.body).toMatchObject({
        type: `${PROBLEM}death-date-out-of-range`,
        errors: [{ field: 'diedOn', reason: 'must not be after today (2026-07-15)' }],
      });
      const early = await recordDeath(workerId, { diedOn: '2026-07-14', deathCertificateNumber: CERTIFICATE });
      // registered today (the test clock's 2026-07-15): the day before is before the registration
      expect(early.status).toBe(422);
      expect(early.body.errors).toEqual([{ field: 'diedOn', reason: 'must not be before the registration (2026-07-15)' }]);

      const malformed = await recordDeath(workerId, { diedOn: '2026-02-30', deathCertificateNumber: CERTIFICATE });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(['diedOn']);
      const missing = await recordDeath(workerId, { diedOn: '2026-07-15' });
      expect(missing.status).toBe(400);
      expect(new Set(missing.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['deathCertificateNumber']));
      const unknownField = await recordDeath(workerId, { diedOn: '2026-07-15', deathCertificateNumber: CERTIFICATE, cause: 'x' });
      expect(unknownField.status).toBe(400);
      expect((await recordDeath(randomUUID(), { diedOn: '2026-07-15', deathCertificateNumber: CERTIFICATE })).status).toBe(404);

      expect(await diedEvents(workerId)).toEqual(before);
      expect((await getJson(service.baseUrl, `/v1/workers/${workerId}`, await as('auditor'))).body).toMatchObject({
        status: 'PENDING_PAYMENT',
        diedOn: null,
        death: null,
      });
    });

    it('replays the first answer for a retried Idempotency-Key, and refuses the key for another request', async () => {
      const workerId = await registered();
      const key = { 'idempotency-key': randomUUID() };
      const body = { diedOn: '2026-07-15', deathCertificateNumber: CERTIFICATE };
      const first = await recordDeath(workerId, body, key);
      expect(first.status).toBe(201);
      const retried = await recordDeath(workerId, body, key);
      expect(retried.status).toBe(201);
      expect(retried.headers.get('idempotent-replayed')).toBe('true');
      expect(retried.body).toEqual(first.body);
      const reused = await recordDeath(workerId, { ...body, diedOn: '2026-07-14' }, key);
      expect(reused.status).toBe(422);
      // another key for the same death: recorded already, 200
      expect((await recordDeath(workerId, body, { 'idempotency-key': randomUUID() })).status).toBe(200);
      expect(await diedEvents(workerId)).toHaveLength(1);
    });

    it('records the death of a worker who had left (the deregistration date stays), and closes the membership to other writes', async () => {
      const workerId = await registered();
      const officer = await as('enrollment-officer');
      expect((await postJson(service.baseUrl, `/v1/workers/${workerId}/deregistration`, { reason: 'OTHER' }, officer)).status).toBe(200);
      const died = await recordDeath(workerId, { diedOn: '2026-07-15', deathCertificateNumber: CERTIFICATE });
      expect(died.status).toBe(201);
      expect(died.body).toMatchObject({ status: 'DECEASED', diedOn: '2026-07-15', deregisteredOn: '2026-07-15' });
      expect(await diedEvents(workerId)).toHaveLength(1);

      const deregistration = await postJson(service.baseUrl, `/v1/workers/${workerId}/deregistration`, { reason: 'OTHER' }, officer);
      expect(deregistration.status).toBe(409);
      expect(deregistration.body.type).toBe(`${PROBLEM}worker-deceased`);
      const change = await postJson(service.baseUrl, `/v1/workers/${workerId}`, { phone: '081311112222' }, officer, 'PATCH');
      expect(change.status).toBe(409);
      expect(change.body.type).toBe(`${PROBLEM}worker-deceased`);
    });

    it('refuses a deregistration "because deceased", naming the field and the death route', async () => {
      const workerId = await registered();
      const answer = await postJson(
        service.baseUrl,
        `/v1/workers/${workerId}/deregistration`,
        { reason: 'DECEASED' },
        await as('enrollment-officer'),
      );
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toHaveLength(1);
      expect(answer.body.errors[0].field).toBe('reason');
      expect(answer.body.errors[0].reason).toContain('POST /v1/workers/{id}/death');
      expect((await getJson(service.baseUrl, `/v1/workers/${workerId}`, await as('auditor'))).body.status).toBe('PENDING_PAYMENT');
    });
  });

  describe('claims.claim.paid (a paid death claim)', () => {
    it('records a paid JKM death on its incident date once, however often the claim is delivered', async () => {
      const workerId = await registered();
      const claimId = randomUUID();
      const paid = claimPaid(workerId, { claimId, type: 'JKM', kind: 'DEATH', incidentDate: '2026-07-15' });
      // the same message twice, then the same claim under a new event id (a producer's retry after a crash)
      const reannounced = { ...paid, id: randomUUID() };
      await send(paid, paid, reannounced);
      await handled(reannounced.id);

      expect((await getJson(service.baseUrl, `/v1/workers/${workerId}`, await as('auditor'))).body).toMatchObject({
        status: 'DECEASED',
        diedOn: '2026-07-15',
        death: { diedOn: '2026-07-15', recordedOn: '2026-07-15', source: 'DEATH_CLAIM', claimId },
      });
      const events = await diedEvents(workerId);
      expect(events).toHaveLength(1);
      expect(events[0].payload).toMatchObject({
        causationId: paid.id,
        correlationId: paid.correlationId,
        data: { workerId, diedOn: '2026-07-15', recordedOn: '2026-07-15', source: 'DEATH_CLAIM', claimId },
      });
      const audit = await getJson(service.baseUrl, `/v1/workers/${workerId}/audit`, await as('auditor'));
      expect(audit.body.items.slice(1)).toEqual([
        {
          at: '2026-07-15T03:00:00.000Z',
          action: 'DIED',
          actor: { subject: `claim:${claimId}`, clientId: 'claims.claim.paid' },
          fields: ['status', 'diedOn', 'deathClaimId'],
          importId: null,
        },
      ]);
      // the back office then recording the same date answers 200, another date 409
      service.clock.set('2026-07-20T03:00:00Z');
      expect((await recordDeath(workerId, { diedOn: '2026-07-15', deathCertificateNumber: CERTIFICATE })).status).toBe(200);
      expect((await recordDeath(workerId, { diedOn: '2026-07-16', deathCertificateNumber: CERTIFICATE })).status).toBe(409);
    });

    it('records a JKK death (a fatal work accident); other paid claims, unknown workers and undated claims change nothing', async () => {
      const jkkDeath = await registered();
      const injured = await registered();
      const undated = await registered();
      const medical = claimPaid(injured, { type: 'JKK', kind: 'MEDICAL', incidentDate: '2026-07-15' });
      const withoutDate = claimPaid(undated, { type: 'JKM', kind: 'DEATH' });
      const stranger = claimPaid(randomUUID(), { type: 'JKM', kind: 'DEATH', incidentDate: '2026-07-15' });
      const fatal = claimPaid(jkkDeath, { type: 'JKK', kind: 'DEATH', incidentDate: '2026-07-15' });
      await send(medical, withoutDate, stranger, fatal);
      for (const envelope of [medical, withoutDate, stranger, fatal]) await handled(envelope.id);

      expect((await getJson(service.baseUrl, `/v1/workers/${jkkDeath}`, await as('auditor'))).body).toMatchObject({
        status: 'DECEASED',
        death: { source: 'DEATH_CLAIM', claimId: fatal.data.claimId },
      });
      for (const alive of [injured, undated]) {
        expect((await getJson(service.baseUrl, `/v1/workers/${alive}`, await as('auditor'))).body).toMatchObject({
          status: 'PENDING_PAYMENT',
          diedOn: null,
        });
        expect(await diedEvents(alive)).toEqual([]);
      }
      const [{ n }] = await service.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox WHERE message_key = $1 AND event_type = 'enrollment.worker.died'`,
        [stranger.subject],
      );
      expect(n).toBe(0);
    });

    it('keeps the back office record when a paid claim dates the death otherwise', async () => {
      const workerId = await registered();
      expect((await recordDeath(workerId, { diedOn: '2026-07-15', deathCertificateNumber: CERTIFICATE })).status).toBe(201);
      const otherDate = claimPaid(workerId, { type: 'JKM', kind: 'DEATH', incidentDate: '2026-07-14' });
      await send(otherDate);
      await handled(otherDate.id);
      expect((await getJson(service.baseUrl, `/v1/workers/${workerId}`, await as('auditor'))).body).toMatchObject({
        status: 'DECEASED',
        diedOn: '2026-07-15',
        death: { source: 'BACK_OFFICE', claimId: null },
      });
      expect(await diedEvents(workerId)).toHaveLength(1);
    });

    it('stays DECEASED when coverage events still arrive for the worker', async () => {
      const workerId = await registered();
      expect((await recordDeath(workerId, { diedOn: '2026-07-15', deathCertificateNumber: CERTIFICATE })).status).toBe(201);
      const coverage: EventEnvelope = {
        id: randomUUID(),
        type: 'contributions.coverage.extended',
        version: 1,
        occurredAt: new Date().toISOString(),
        source: 'contributions',
        subject: workerId,
        correlationId: randomUUID(),
        causationId: null,
        data: { workerId, programs: ['JKK', 'JKM'], periods: ['2026-07'], coveredFrom: '2026-07-01', coveredUntil: '2026-07-31' },
      };
      EVENT_CATALOG.assertProducible(coverage);
      await producer.send({
        topic: Topics.contributionsCoverage,
        acks: -1,
        messages: [
          { key: workerId, value: JSON.stringify(coverage), headers: { [EventHeaders.type]: coverage.type, [EventHeaders.version]: '1' } },
        ],
      });
      await handled(coverage.id);
      expect((await getJson(service.baseUrl, `/v1/workers/${workerId}`, await as('auditor'))).body).toMatchObject({
        status: 'DECEASED',
        coverageEnd: '2026-07-31',
      });
    });
  });
});
