import { Topics, type EventEnvelope } from '@jaring/contracts';
import { as } from '../../support/identity';
import { testKafka, TopicRecorder } from '../../support/kafka';
import { waitFor } from '../../support/wait-for';
import { isValidMembershipNumber } from '../../../apps/enrollment/src/domain/membership-number';
import {
  type EnrollmentUnderTest,
  getJson,
  KAFKA_WAIT_MS,
  makeNik,
  nikHashOf,
  openBirthDate,
  openedHeir,
  postJson,
  registration,
  startEnrollment,
} from './enrollment-test-kit';

/** Topics are shared with every test file: keep only this file's workers. */
const ownWorkers = new Set<string>();

describe('enrollment: registering a worker (POST /v1/workers)', () => {
  let service: EnrollmentUnderTest;
  let recorder: TopicRecorder;
  const logs: string[] = [];
  const originalWrite = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

  beforeAll(async () => {
    // Every log line the service prints during this file, at every level, is kept and checked for personal
    // data; the lines are not shown (debug level would bury the test output), the check prints any it refuses.
    process.stdout.write = (chunk: unknown) => (logs.push(String(chunk)), true);
    process.stderr.write = (chunk: unknown) => (logs.push(String(chunk)), true);
    service = await startEnrollment('jaring_test_enrollment_registration', {
      logLevels: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
    });
    recorder = await new TopicRecorder(testKafka(), [Topics.enrollmentWorkers], (m) => ownWorkers.has(m.key ?? '')).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await service?.close();
    process.stdout.write = originalWrite.out;
    process.stderr.write = originalWrite.err;
  });

  async function register(body: Record<string, unknown>) {
    const answer = await postJson(service.baseUrl, '/v1/workers', body, await as('enrollment-officer'));
    if (answer.status === 201) ownWorkers.add(answer.body.id);
    return answer;
  }

  async function expectRefused(body: Record<string, unknown>, field: string, reason: RegExp): Promise<void> {
    const answer = await register(body);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(answer.body.errors).toEqual(expect.arrayContaining([{ field, reason: expect.stringMatching(reason) }]));
  }

  it('registers a worker: membership number with its check digit, PENDING_PAYMENT, the event without personal data', async () => {
    const body = registration({ fullName: 'Yohanes Nahak', phone: '0812-3456-7890', programs: ['JKM', 'JKK', 'JHT'] });
    const answer = await register(body);

    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      status: 'PENDING_PAYMENT',
      coverageEnd: null,
      gender: 'M',
      fullName: 'Yohanes Nahak',
      phone: '+6281234567890',
      programs: ['JKK', 'JKM', 'JHT'],
      registeredOn: '2026-07-15',
    });
    expect(answer.body.membershipNumber).toMatch(/^\d{11}$/);
    expect(isValidMembershipNumber(answer.body.membershipNumber)).toBe(true);
    expect(answer.body.nik).toBe(`************${(body.nik as string).slice(12)}`);
    expect(answer.headers.get('location')).toBe(`/v1/workers/${answer.body.id}`);

    const read = await getJson(service.baseUrl, `/v1/workers/${answer.body.id}`, await as('enrollment-officer'));
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ ...answer.body, heirs: [] });

    const message = await waitFor(
      () => recorder.messages.find((m) => m.key === answer.body.id && m.headers.type === 'enrollment.worker.registered'),
      'the registered event',
      KAFKA_WAIT_MS,
    );
    const event = JSON.parse(message.value!) as EventEnvelope<Record<string, unknown>>;
    expect(event.version).toBe(2);
    expect(event.data).toEqual({
      workerId: answer.body.id,
      membershipNumber: answer.body.membershipNumber,
      nikHash: nikHashOf(body.nik as string),
      regionCode: '5371',
      occupation: 'OJEK_DRIVER',
      declaredMonthlyIncome: 1_500_000,
      programs: ['JKK', 'JKM', 'JHT'],
      sealedBirthDate: expect.stringMatching(/^[\w-]+$/),
      registeredOn: '2026-07-15',
      heirs: [],
    });
    // the birth date is for claims alone: sealed, it opens with claims' key
    expect(openBirthDate(answer.body.id, event.data.sealedBirthDate as string)).toBe('1990-07-25');
    for (const secret of [body.nik as string, 'Nahak', '81234567890', '1990-07-25']) expect(message.value).not.toContain(secret);
  });

  it('stores the NIK, the name and the phone number encrypted, and finds the NIK by its keyed hash', async () => {
    const body = registration({ fullName: 'Maria Goreti Bria', phone: '081298765432' });
    const answer = await register(body);
    expect(answer.status).toBe(201);
    const [row] = await service.dataSource.query(
      `SELECT nik_hash, personal_sealed, row_to_json(w)::text AS whole FROM workers w WHERE id = $1`,
      [answer.body.id],
    );
    expect(row.nik_hash).toBe(nikHashOf(body.nik as string));
    for (const clear of [body.nik as string, 'Maria Goreti Bria', '81298765432']) {
      expect(row.whole).not.toContain(clear);
      expect(row.whole).not.toContain(Buffer.from(clear).toString('hex'));
      expect(row.personal_sealed.toString('latin1')).not.toContain(clear);
    }
    // AES-GCM: a version byte, the 12-byte IV and the 16-byte tag before the ciphertext.
    expect(row.personal_sealed[0]).toBe(1);
    expect(row.personal_sealed.length).toBeGreaterThan(1 + 12 + 16 + 16 + 17 + 14);
  });

  it('derives a woman from the NIK: 40 added to the day of birth', async () => {
    const nik = makeNik('1992-03-05', 'F');
    expect(nik.slice(6, 12)).toBe('450392');
    const answer = await register(registration({ nik, birthDate: '1992-03-05', fullName: 'Adriana Lay' }));
    expect(answer.status).toBe(201);
    expect(answer.body.gender).toBe('F');
  });

  describe('refuses each mistake with a 400 naming the field and the reason', () => {
    it.each([
      ['a NIK of 15 digits', { nik: '537101250790001' }, 'nik', /exactly 16 digits/],
      ['a NIK with a letter', { nik: '53710125079000A1' }, 'nik', /exactly 16 digits/],
      ['a NIK given as a number', { nik: 5371012507900001 }, 'nik', /exactly 16 digits/],
      ['a NIK from a district that does not exist', { nik: '5371992507900001' }, 'nik', /area code .* not a district/],
      ['a NIK from a regency that does not exist', { nik: '5399012507900001' }, 'nik', /area code .* not a district/],
      ['a NIK whose date part is not a date', { nik: '5371013207900001' }, 'nik', /birth date part .* is not a date/],
      ['a NIK whose serial is 0000', { nik: '5371012507900000' }, 'nik', /serial .* cannot be 0000/],
      ['a NIK whose date differs from birthDate', { nik: '5371012607900001' }, 'nik', /does not match birthDate/],
      [
        'a NIK of a man with the birth date of a woman (+40) that does not match',
        { nik: '5371016507900001', birthDate: '1990-07-26' },
        'nik',
        /does not match birthDate/,
      ],
      ['a NIK with another year', { nik: '5371012507910001' }, 'nik', /does not match birthDate/],
      ['a birth date that is not a day', { birthDate: '1990-02-30', nik: '5371013002900001' }, 'birthDate', /YYYY-MM-DD/],
      ['a birth date in another format', { birthDate: '25-07-1990', nik: '5371012507900001' }, 'birthDate', /YYYY-MM-DD/],
      ['a regency code that does not exist', { regionCode: '5322' }, 'regionCode', /not a regency or city in the official/],
      ['a province code as region', { regionCode: '53' }, 'regionCode', /4 digits/],
      ['the official dotted spelling', { regionCode: '53.71' }, 'regionCode', /4 digits/],
      ['an occupation not on the list', { occupation: 'ASTRONAUT' }, 'occupation', /must be one of OJEK_DRIVER/],
      ['an occupation in lower case', { occupation: 'ojek_driver' }, 'occupation', /must be one of/],
      ['an income of 0', { declaredMonthlyIncome: 0 }, 'declaredMonthlyIncome', /at least 1 rupiah/],
      ['a negative income', { declaredMonthlyIncome: -1_000_000 }, 'declaredMonthlyIncome', /at least 1 rupiah/],
      ['an income with cents', { declaredMonthlyIncome: 1_500_000.5 }, 'declaredMonthlyIncome', /whole number of rupiah/],
      ['an income as text', { declaredMonthlyIncome: '1500000' }, 'declaredMonthlyIncome', /whole number of rupiah/],
      ['programmes without JKM', { programs: ['JKK'] }, 'programs', /must include JKK and JKM/],
      ['programmes without JKK', { programs: ['JKM', 'JHT'] }, 'programs', /must include JKK and JKM/],
      ['a programme that does not exist', { programs: ['JKK', 'JKM', 'JP'] }, 'programs', /only hold JKK, JKM and JHT/],
      ['a programme twice', { programs: ['JKK', 'JKM', 'JKK'] }, 'programs', /twice/],
      ['programmes as text', { programs: 'JKK;JKM' }, 'programs', /list of programme codes/],
      ['a landline', { phone: '0380821234' }, 'phone', /Indonesian mobile number/],
      ['a name with digits (a NIK in the name field)', { fullName: 'Yohanes 5371012507900001' }, 'fullName', /no digits/],
      ['an empty name', { fullName: '  ' }, 'fullName', /1 to 100 characters/],
      ['a field the API does not have', { gender: 'M' }, 'gender', /should not exist/],
    ])('%s', async (_, overrides, field, reason) => {
      const body = registration(overrides);
      await expectRefused(body, field, reason);
    });

    it('a missing field', async () => {
      const { occupation: _, ...body } = registration();
      await expectRefused(body, 'occupation', /must be one of/);
    });

    it('a body that is not an object', async () => {
      const answer = await postJson(service.baseUrl, '/v1/workers', [registration()], await as('enrollment-officer'));
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([{ field: 'body', reason: 'the body must be a JSON object' }]);
    });
  });

  describe('the age limits on the registration date (today 2026-07-15): at least 18, below 65', () => {
    it.each([
      ['18 today', '2008-07-15', 201],
      ['18 tomorrow', '2008-07-16', 400],
      ['64, 65 tomorrow', '1961-07-16', 201],
      ['65 today', '1961-07-15', 400],
      ['born tomorrow', '2026-07-16', 400],
    ])('%s (%s): %s', async (_, birthDate, status) => {
      const answer = await register(registration({ birthDate, nik: makeNik(birthDate) }));
      expect(answer.status).toBe(status);
      if (status === 400)
        expect(answer.body.errors).toEqual([{ field: 'birthDate', reason: expect.stringMatching(/at least 18|below 65|in the future/) }]);
    });

    it('follows the clock: 17 today, 18 a day later', async () => {
      const body = registration({ birthDate: '2008-07-16', nik: makeNik('2008-07-16') });
      expect((await register(body)).status).toBe(400);
      service.clock.advanceDays(1);
      try {
        const answer = await register(body);
        expect(answer.status).toBe(201);
        expect(answer.body.registeredOn).toBe('2026-07-16');
      } finally {
        service.clock.advanceDays(-1);
      }
    });
  });

  it('lists every mistake of a request at once, and writes nothing', async () => {
    const before = await service.dataSource.query('SELECT count(*)::int AS n FROM workers');
    const answer = await register({
      nik: '5371992507900000',
      fullName: 'X1',
      birthDate: '2015-01-01',
      phone: '12',
      regionCode: '9999',
      occupation: 'PILOT',
      declaredMonthlyIncome: 0,
      programs: ['JHT'],
    });
    expect(answer.status).toBe(400);
    const fields = answer.body.errors.map((e: { field: string }) => e.field);
    for (const field of ['nik', 'fullName', 'birthDate', 'phone', 'regionCode', 'occupation', 'declaredMonthlyIncome', 'programs'])
      expect(fields).toContain(field);
    // the NIK is wrong three ways: area, date against birthDate, serial
    expect(answer.body.errors.filter((e: { field: string }) => e.field === 'nik')).toHaveLength(3);
    expect(await service.dataSource.query('SELECT count(*)::int AS n FROM workers')).toEqual(before);
  });

  describe('one membership per NIK', () => {
    it('answers 409 to a NIK already registered, and keeps one worker', async () => {
      const body = registration();
      expect((await register(body)).status).toBe(201);
      const again = await register({ ...body, fullName: 'Somebody Else', phone: '081311112222' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ type: 'https://jaring.id/problems/duplicate-nik', status: 409 });
      const [{ n }] = await service.dataSource.query('SELECT count(*)::int AS n FROM workers WHERE nik_hash = $1', [
        nikHashOf(body.nik as string),
      ]);
      expect(n).toBe(1);
    });

    it('lets exactly one of several simultaneous requests with the same NIK through', async () => {
      const body = registration();
      const answers = await Promise.all(Array.from({ length: 6 }, () => register(body)));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      const created = answers.find((a) => a.status === 201)!.body.id as string;
      const rows = await service.dataSource.query('SELECT id FROM workers WHERE nik_hash = $1', [nikHashOf(body.nik as string)]);
      expect(rows).toEqual([{ id: created }]);
      const events = await service.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox WHERE event_type = 'enrollment.worker.registered' AND payload->'data'->>'nikHash' = $1`,
        [nikHashOf(body.nik as string)],
      );
      expect(events).toEqual([{ n: 1 }]);
    });
  });

  describe('heirs at registration', () => {
    it('records them, validated like the worker, and announces them by keyed hash', async () => {
      const spouseNik = makeNik('1992-03-05', 'F', '530104');
      const childNik = makeNik('2015-11-20', 'M', '537102');
      const answer = await register(
        registration({
          heirs: [
            { fullName: 'Adriana Lay', nik: spouseNik, relationship: 'SPOUSE', birthDate: '1992-03-05' },
            { fullName: 'Petrus Nahak', nik: childNik, relationship: 'CHILD', birthDate: '2015-11-20' },
          ],
        }),
      );
      expect(answer.status).toBe(201);
      expect(answer.body.heirs).toEqual([
        {
          id: expect.any(String),
          fullName: 'Adriana Lay',
          nik: `************${spouseNik.slice(12)}`,
          relationship: 'SPOUSE',
          tier: 1,
          birthDate: '1992-03-05',
        },
        {
          id: expect.any(String),
          fullName: 'Petrus Nahak',
          nik: `************${childNik.slice(12)}`,
          relationship: 'CHILD',
          tier: 1,
          birthDate: '2015-11-20',
        },
      ]);
      const message = await waitFor(() => recorder.messages.find((m) => m.key === answer.body.id), 'the registered event', KAFKA_WAIT_MS);
      const { data } = JSON.parse(message.value!);
      expect(data.heirs.map(openedHeir)).toEqual([
        { heirId: answer.body.heirs[0].id, relationship: 'SPOUSE', nikHash: nikHashOf(spouseNik), birthDate: '1992-03-05' },
        { heirId: answer.body.heirs[1].id, relationship: 'CHILD', nikHash: nikHashOf(childNik), birthDate: '2015-11-20' },
      ]);
      expect(openBirthDate(answer.body.id, data.sealedBirthDate)).toBe(answer.body.birthDate);
      // birth dates travel sealed for claims: contributions and subsidies read this topic too
      for (const clear of [spouseNik, 'Adriana', '1992-03-05', '2015-11-20', answer.body.birthDate])
        expect(message.value).not.toContain(clear);
    });

    it('refuses heirs with mistakes, naming each one by its position', async () => {
      const body = registration();
      const answer = await register({
        ...body,
        heirs: [
          { fullName: 'Adriana Lay', nik: makeNik('1992-03-05', 'F'), relationship: 'WIFE', birthDate: '1992-03-05' },
          { fullName: 'Petrus Nahak', nik: makeNik('2015-11-20'), relationship: 'CHILD', birthDate: '2015-11-21' },
          { fullName: 'Old Child', nik: makeNik('1980-01-01'), relationship: 'CHILD', birthDate: '1980-01-01' },
          { fullName: 'Himself', nik: body.nik, relationship: 'SIBLING', birthDate: body.birthDate },
        ],
      });
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'heirs.0.relationship', reason: expect.stringMatching(/must be one of SPOUSE, CHILD/) },
          { field: 'heirs.1.nik', reason: expect.stringMatching(/does not match birthDate/) },
          { field: 'heirs.2.birthDate', reason: 'a child must be born after the worker' },
          { field: 'heirs.3.nik', reason: expect.stringMatching(/worker's own NIK/) },
        ]),
      );
    });
  });

  it('answers 404 for an unknown worker and 400 for an id that is not one', async () => {
    const officer = await as('enrollment-officer');
    expect((await getJson(service.baseUrl, '/v1/workers/6f1d3c52-3c39-4a8e-9d7a-1c2b3d4e5f60', officer)).status).toBe(404);
    expect((await getJson(service.baseUrl, '/v1/workers/42', officer)).status).toBe(400);
  });

  it('never printed a NIK, a name or a phone number in its logs', () => {
    const text = logs.join('');
    expect(text.length).toBeGreaterThan(0);
    for (const secret of ['Yohanes', 'Nahak', 'Adriana', 'Goreti', '81234567890', '81298765432', '5371012507900001', '537101250790'])
      expect(text).not.toContain(secret);
    // Nor tried to: the logger's pattern masks would show where code had logged one.
    expect(text).not.toMatch(/\[NIK\]|\[PHONE\]/);
  });
});
