import { Topics, type EventEnvelope } from '@jaring/contracts';
import { as } from '../../support/identity';
import { testKafka, TopicRecorder } from '../../support/kafka';
import { waitFor } from '../../support/wait-for';
import {
  type EnrollmentUnderTest,
  getJson,
  KAFKA_WAIT_MS,
  makeNik,
  nikHashOf,
  openedHeir,
  postJson,
  registration,
  startEnrollment,
} from './enrollment-test-kit';

const ownWorkers = new Set<string>();

describe('enrollment: heirs, changes and deregistration', () => {
  let service: EnrollmentUnderTest;
  let recorder: TopicRecorder;

  beforeAll(async () => {
    service = await startEnrollment('jaring_test_enrollment_changes');
    recorder = await new TopicRecorder(testKafka(), [Topics.enrollmentWorkers], (m) => ownWorkers.has(m.key ?? '')).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await service?.close();
  });

  async function registered(overrides: Record<string, unknown> = {}): Promise<{ id: string; nik: string; birthDate: string }> {
    const body = registration(overrides);
    const answer = await postJson(service.baseUrl, '/v1/workers', body, await as('agent-5371'));
    expect(answer.status).toBe(201);
    ownWorkers.add(answer.body.id);
    return { id: answer.body.id, nik: body.nik as string, birthDate: body.birthDate as string };
  }

  function eventsOf(workerId: string, type: string): Array<EventEnvelope<Record<string, any>>> {
    return recorder.messages.filter((m) => m.key === workerId && m.headers.type === type).map((m) => JSON.parse(m.value!));
  }

  describe('PUT /v1/workers/{id}/heirs', () => {
    it('replaces the heirs, keeps an heir id across replacements, and announces them by keyed hash', async () => {
      const worker = await registered();
      const spouse = { fullName: 'Adriana Lay', nik: makeNik('1992-03-05', 'F'), relationship: 'SPOUSE', birthDate: '1992-03-05' };
      const parent = { fullName: 'Benediktus Nahak', nik: makeNik('1960-02-29'), relationship: 'PARENT', birthDate: '1960-02-29' };
      const first = await postJson(
        service.baseUrl,
        `/v1/workers/${worker.id}/heirs`,
        { heirs: [spouse, parent] },
        await as('agent-5371'),
        'PUT',
      );
      expect(first.status).toBe(200);
      expect(first.body.heirs.map((h: { relationship: string; tier: number }) => [h.relationship, h.tier])).toEqual([
        ['SPOUSE', 1],
        ['PARENT', 2],
      ]);

      const sibling = { fullName: "Mikael D'Souza", nik: makeNik('1994-12-01'), relationship: 'SIBLING', birthDate: '1994-12-01' };
      const second = await postJson(
        service.baseUrl,
        `/v1/workers/${worker.id}/heirs`,
        { heirs: [sibling, spouse] },
        await as('agent-5371'),
        'PUT',
      );
      expect(second.status).toBe(200);
      expect(second.body.heirs[1].id).toBe(first.body.heirs[0].id);
      expect(second.body.heirs.map((h: { fullName: string }) => h.fullName)).toEqual(["Mikael D'Souza", 'Adriana Lay']);
      expect((await getJson(service.baseUrl, `/v1/workers/${worker.id}`, await as('agent-5371'))).body.heirs).toEqual(second.body.heirs);

      const changes = await waitFor(
        () =>
          eventsOf(worker.id, 'enrollment.worker.changed').length === 2 ? eventsOf(worker.id, 'enrollment.worker.changed') : undefined,
        'two changed events',
        KAFKA_WAIT_MS,
      );
      expect({ ...changes[1].data, heirs: changes[1].data.heirs.map(openedHeir) }).toEqual({
        workerId: worker.id,
        declaredMonthlyIncome: 1_500_000,
        programs: ['JKK', 'JKM'],
        effectiveFrom: '2026-08',
        heirs: [
          { heirId: second.body.heirs[0].id, relationship: 'SIBLING', nikHash: nikHashOf(sibling.nik), birthDate: '1994-12-01' },
          { heirId: first.body.heirs[0].id, relationship: 'SPOUSE', nikHash: nikHashOf(spouse.nik), birthDate: '1992-03-05' },
        ],
      });
      const stored = await service.dataSource.query(`SELECT row_to_json(h)::text AS row FROM heirs h WHERE worker_id = $1`, [worker.id]);
      for (const { row } of stored) for (const clear of [spouse.nik, sibling.nik, 'Adriana', 'Mikael']) expect(row).not.toContain(clear);
    });

    it('removes every heir with an empty list', async () => {
      const worker = await registered({
        heirs: [{ fullName: 'Adriana Lay', nik: makeNik('1992-03-05', 'F'), relationship: 'SPOUSE', birthDate: '1992-03-05' }],
      });
      const answer = await postJson(service.baseUrl, `/v1/workers/${worker.id}/heirs`, { heirs: [] }, await as('agent-5371'), 'PUT');
      expect(answer.status).toBe(200);
      expect(answer.body.heirs).toEqual([]);
    });

    it('validates heirs like the worker, all mistakes at once, and changes nothing', async () => {
      const worker = await registered({
        heirs: [{ fullName: 'Adriana Lay', nik: makeNik('1992-03-05', 'F'), relationship: 'SPOUSE', birthDate: '1992-03-05' }],
      });
      const duplicate = makeNik('2016-01-09');
      const answer = await postJson(
        service.baseUrl,
        `/v1/workers/${worker.id}/heirs`,
        {
          heirs: [
            { fullName: 'Ana', nik: '5399011501160001', relationship: 'CHILD', birthDate: '2016-01-15' },
            { fullName: 'Young Parent', nik: makeNik('2001-05-05'), relationship: 'PARENT', birthDate: '2001-05-05' },
            { fullName: 'Twin', nik: duplicate, relationship: 'CHILD', birthDate: '2016-01-09' },
            { fullName: 'Twin Again', nik: duplicate, relationship: 'CHILD', birthDate: '2016-01-09' },
            { fullName: 'Cousin', nik: makeNik('1991-01-01'), relationship: 'COUSIN', birthDate: '1991-01-01', extra: 1 },
            { fullName: 'Future', nik: makeNik('2026-12-01'), relationship: 'CHILD', birthDate: '2026-12-01' },
            { fullName: 'Self', nik: worker.nik, relationship: 'SIBLING', birthDate: worker.birthDate },
          ],
        },
        await as('agent-5371'),
        'PUT',
      );
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'heirs.0.nik', reason: expect.stringMatching(/not a district/) },
          { field: 'heirs.1.birthDate', reason: 'a parent must be born before the worker' },
          { field: 'heirs.3.nik', reason: 'nik is listed twice (also heir 2)' },
          { field: 'heirs.4.relationship', reason: expect.stringMatching(/must be one of/) },
          { field: 'heirs.4.extra', reason: expect.stringMatching(/should not exist/) },
          { field: 'heirs.5.birthDate', reason: 'birthDate is in the future' },
          { field: 'heirs.6.nik', reason: expect.stringMatching(/worker's own NIK/) },
        ]),
      );
      expect((await getJson(service.baseUrl, `/v1/workers/${worker.id}`, await as('agent-5371'))).body.heirs).toHaveLength(1);
      expect(
        (await postJson(service.baseUrl, `/v1/workers/${worker.id}/heirs`, { heirs: 'none' }, await as('agent-5371'), 'PUT')).status,
      ).toBe(400);
      expect((await postJson(service.baseUrl, `/v1/workers/${worker.id}/heirs`, {}, await as('agent-5371'), 'PUT')).body.errors).toEqual(
        expect.arrayContaining([{ field: 'heirs', reason: expect.stringMatching(/must be a list/) }]),
      );
    });

    it('answers 404 for an unknown worker', async () => {
      expect(
        (
          await postJson(
            service.baseUrl,
            '/v1/workers/6f1d3c52-3c39-4a8e-9d7a-1c2b3d4e5f60/heirs',
            { heirs: [] },
            await as('agent-5371'),
            'PUT',
          )
        ).status,
      ).toBe(404);
    });
  });

  describe('PATCH /v1/workers/{id}', () => {
    it('changes income and programmes from the next period, and the phone at once', async () => {
      const worker = await registered();
      const answer = await postJson(
        service.baseUrl,
        `/v1/workers/${worker.id}`,
        { declaredMonthlyIncome: 2_500_000, programs: ['JKK', 'JKM', 'JHT'], phone: '+62 813 1111 2222' },
        await as('agent-5371'),
        'PATCH',
      );
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        declaredMonthlyIncome: 1_500_000,
        programs: ['JKK', 'JKM'],
        phone: '+6281311112222',
        scheduledChange: { declaredMonthlyIncome: 2_500_000, programs: ['JKK', 'JKM', 'JHT'], effectiveFrom: '2026-08' },
      });
      const [changed] = await waitFor(
        () => (eventsOf(worker.id, 'enrollment.worker.changed').length ? eventsOf(worker.id, 'enrollment.worker.changed') : undefined),
        'the changed event',
        KAFKA_WAIT_MS,
      );
      expect(changed.data).toEqual({
        workerId: worker.id,
        declaredMonthlyIncome: 2_500_000,
        programs: ['JKK', 'JKM', 'JHT'],
        effectiveFrom: '2026-08',
      });
      expect(JSON.stringify(changed)).not.toContain('1311112222');

      // a month later the new terms are simply in force
      service.clock.advanceMonths(1);
      try {
        const later = await getJson(service.baseUrl, `/v1/workers/${worker.id}`, await as('agent-5371'));
        expect(later.body).toMatchObject({ declaredMonthlyIncome: 2_500_000, programs: ['JKK', 'JKM', 'JHT'], scheduledChange: null });
      } finally {
        service.clock.advanceMonths(-1);
      }
    });

    it('announces nothing for a phone number alone or for terms that do not change', async () => {
      const worker = await registered();
      expect(
        (await postJson(service.baseUrl, `/v1/workers/${worker.id}`, { phone: '081399998888' }, await as('agent-5371'), 'PATCH')).status,
      ).toBe(200);
      expect(
        (await postJson(service.baseUrl, `/v1/workers/${worker.id}`, { declaredMonthlyIncome: 1_500_000 }, await as('agent-5371'), 'PATCH'))
          .body.scheduledChange,
      ).toBeNull();
      const [{ n }] = await service.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox WHERE message_key = $1 AND event_type = 'enrollment.worker.changed'`,
        [worker.id],
      );
      expect(n).toBe(0);
    });

    it('refuses bad values naming each field, an empty change, and unknown workers', async () => {
      const worker = await registered();
      const bad = await postJson(
        service.baseUrl,
        `/v1/workers/${worker.id}`,
        { declaredMonthlyIncome: -5, programs: ['JHT'], phone: '12345', regionCode: '5371' },
        await as('agent-5371'),
        'PATCH',
      );
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'declaredMonthlyIncome',
        'phone',
        'programs',
        'regionCode',
      ]);
      const empty = await postJson(service.baseUrl, `/v1/workers/${worker.id}`, {}, await as('agent-5371'), 'PATCH');
      expect(empty.status).toBe(400);
      expect(empty.body.errors).toEqual([{ field: 'body', reason: expect.stringMatching(/nothing to change/) }]);
      expect(
        (
          await postJson(
            service.baseUrl,
            '/v1/workers/6f1d3c52-3c39-4a8e-9d7a-1c2b3d4e5f60',
            { phone: '081399998888' },
            await as('agent-5371'),
            'PATCH',
          )
        ).status,
      ).toBe(404);
    });
  });

  describe('POST /v1/workers/{id}/deregistration', () => {
    it('deregisters from today, announces it once, and refuses later changes of terms', async () => {
      const worker = await registered();
      const answer = await postJson(
        service.baseUrl,
        `/v1/workers/${worker.id}/deregistration`,
        { reason: 'REQUESTED_BY_WORKER' },
        await as('enrollment-officer'),
      );
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ status: 'DEREGISTERED', deregisteredOn: '2026-07-15' });
      const again = await postJson(
        service.baseUrl,
        `/v1/workers/${worker.id}/deregistration`,
        { reason: 'REQUESTED_BY_WORKER' },
        await as('enrollment-officer'),
      );
      expect(again.status).toBe(200);

      const [event] = await waitFor(
        () =>
          eventsOf(worker.id, 'enrollment.worker.deregistered').length ? eventsOf(worker.id, 'enrollment.worker.deregistered') : undefined,
        'the deregistered event',
        KAFKA_WAIT_MS,
      );
      expect(event.data).toEqual({ workerId: worker.id, deregisteredOn: '2026-07-15', reason: 'REQUESTED_BY_WORKER' });
      const [{ n }] = await service.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox WHERE message_key = $1 AND event_type = 'enrollment.worker.deregistered'`,
        [worker.id],
      );
      expect(n).toBe(1);

      const patch = await postJson(
        service.baseUrl,
        `/v1/workers/${worker.id}`,
        { declaredMonthlyIncome: 3_000_000 },
        await as('agent-5371'),
        'PATCH',
      );
      expect(patch.status).toBe(409);
      expect(patch.body.type).toBe('https://jaring.id/problems/worker-deregistered');
      // the NIK stays taken: one membership per NIK
      expect((await postJson(service.baseUrl, '/v1/workers', registration({ nik: worker.nik }), await as('agent-5371'))).status).toBe(409);
    });

    it('wants a reason from the list', async () => {
      const worker = await registered();
      const answer = await postJson(
        service.baseUrl,
        `/v1/workers/${worker.id}/deregistration`,
        { reason: 'moved to Bali' },
        await as('enrollment-officer'),
      );
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([{ field: 'reason', reason: expect.stringMatching(/must be one of REQUESTED_BY_WORKER/) }]);
    });
  });
});
