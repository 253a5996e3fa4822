import { as } from '../../support/identity';
import { NameIndexBackfill } from '../../../apps/enrollment/src/workers/name-index-backfill';
import { type EnrollmentUnderTest, getJson, makeNik, postJson, registration, startEnrollment } from './enrollment-test-kit';

describe('enrollment: searching workers (GET /v1/workers)', () => {
  let service: EnrollmentUnderTest;
  const ids: Record<string, string> = {};
  const numbers: Record<string, string> = {};
  const niks: Record<string, string> = {};

  beforeAll(async () => {
    service = await startEnrollment('jaring_test_enrollment_search');
    const people: Array<[string, Record<string, unknown>]> = [
      ['kupangOjek1', { regionCode: '5371', occupation: 'OJEK_DRIVER' }],
      ['kupangOjek2', { regionCode: '5371', occupation: 'OJEK_DRIVER' }],
      ['kupangWeaver', { regionCode: '5371', occupation: 'WEAVER', fullName: 'Maria Goreti Nahak' }],
      ['sikkaWeaver', { regionCode: '5307', occupation: 'WEAVER', fullName: 'NÁHAK, Élisabeth' }],
      ['sikkaFisher', { regionCode: '5307', occupation: 'FISHERMAN', fullName: "Yohanes Ma'ruf Da-Silva" }],
    ];
    for (const [name, overrides] of people) {
      const body = registration(overrides);
      const answer = await postJson(service.baseUrl, '/v1/workers', body, await as('enrollment-officer'));
      expect(answer.status).toBe(201);
      ids[name] = answer.body.id;
      numbers[name] = answer.body.membershipNumber;
      niks[name] = body.nik as string;
    }
    const deregistration = await postJson(
      service.baseUrl,
      `/v1/workers/${ids.kupangOjek2}/deregistration`,
      { reason: 'OTHER' },
      await as('enrollment-officer'),
    );
    expect(deregistration.status).toBe(200);
  });

  afterAll(async () => {
    await service?.close();
  });

  // the back office: every region (an agent's search is in access.test.ts)
  const search = async (query: string) => getJson(service.baseUrl, `/v1/workers${query}`, await as('auditor'));
  const names = (items: Array<{ id: string }>) => items.map((item) => Object.keys(ids).find((name) => ids[name] === item.id));

  it('lists everyone in registration order without filters', async () => {
    const { status, body } = await search('');
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 5, limit: 50, offset: 0 });
    expect(names(body.items)).toEqual(['kupangOjek1', 'kupangOjek2', 'kupangWeaver', 'sikkaWeaver', 'sikkaFisher']);
    expect(body.items[0]).toMatchObject({
      membershipNumber: expect.stringMatching(/^\d{11}$/),
      nik: expect.stringMatching(/^\*{12}\d{4}$/),
      fullName: 'Yohanes Nahak',
      status: 'PENDING_PAYMENT',
    });
    expect(body.items[0].heirs).toBeUndefined();
  });

  it('filters by region, status and occupation, together', async () => {
    expect(names((await search('?regionCode=5371')).body.items)).toEqual(['kupangOjek1', 'kupangOjek2', 'kupangWeaver']);
    expect(names((await search('?occupation=WEAVER')).body.items)).toEqual(['kupangWeaver', 'sikkaWeaver']);
    expect(names((await search('?status=DEREGISTERED')).body.items)).toEqual(['kupangOjek2']);
    const all = await search('?regionCode=5371&status=PENDING_PAYMENT&occupation=OJEK_DRIVER');
    expect(all.body).toMatchObject({ total: 1 });
    expect(names(all.body.items)).toEqual(['kupangOjek1']);
    expect((await search('?regionCode=5301')).body).toMatchObject({ items: [], total: 0 });
  });

  it('pages with limit and offset, the total on every page', async () => {
    const first = await search('?limit=2');
    const second = await search('?limit=2&offset=2');
    const beyond = await search('?limit=2&offset=10');
    expect(first.body).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(names(first.body.items)).toEqual(['kupangOjek1', 'kupangOjek2']);
    expect(names(second.body.items)).toEqual(['kupangWeaver', 'sikkaWeaver']);
    expect(beyond.body).toMatchObject({ items: [], total: 5, offset: 10 });
  });

  it('refuses filters that cannot match anything, naming each', async () => {
    const { status, body } = await search('?regionCode=5322&status=ASLEEP&occupation=PILOT&limit=500&offset=-1&name=x&q=x');
    expect(status).toBe(400);
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'limit',
      'name',
      'occupation',
      'offset',
      'q',
      'regionCode',
      'status',
    ]);
  });

  describe('q: a name, a membership number or a NIK', () => {
    const find = async (q: string, filters = '') => {
      const { status, body } = await search(`?q=${encodeURIComponent(q)}${filters}`);
      expect(status).toBe(200);
      return { names: names(body.items), total: body.total };
    };

    it('finds the workers whose name holds every word asked for, whole, case and accents ignored', async () => {
      expect(await find('nahak')).toEqual({ names: ['kupangOjek1', 'kupangOjek2', 'kupangWeaver', 'sikkaWeaver'], total: 4 });
      expect(await find('Yohanes NAHAK')).toEqual({ names: ['kupangOjek1', 'kupangOjek2'], total: 2 });
      expect(await find('nahak yohanes')).toEqual({ names: ['kupangOjek1', 'kupangOjek2'], total: 2 });
      expect(await find('elisabeth')).toEqual({ names: ['sikkaWeaver'], total: 1 });
      expect(await find('Nahak, Élisabeth')).toEqual({ names: ['sikkaWeaver'], total: 1 });
      expect(await find('maria nahak')).toEqual({ names: ['kupangWeaver'], total: 1 });
      // apostrophes are dropped inside a word, other punctuation separates words
      expect(await find('maruf')).toEqual({ names: ['sikkaFisher'], total: 1 });
      expect(await find("Ma'ruf silva")).toEqual({ names: ['sikkaFisher'], total: 1 });
      // whole words only: no prefixes, no word the name lacks
      expect(await find('naha')).toEqual({ names: [], total: 0 });
      expect(await find('yohanes maria')).toEqual({ names: [], total: 0 });
    });

    it('finds a worker by its membership number or its NIK, exactly, and answers the NIK masked', async () => {
      expect(await find(numbers.sikkaWeaver)).toEqual({ names: ['sikkaWeaver'], total: 1 });
      const { body } = await search(`?q=${niks.kupangWeaver}`);
      expect(names(body.items)).toEqual(['kupangWeaver']);
      expect(body.items[0].nik).toBe(`************${niks.kupangWeaver.slice(12)}`);
      expect(await find(`${niks.kupangWeaver.slice(0, 4)} ${niks.kupangWeaver.slice(4)}`)).toEqual({ names: ['kupangWeaver'], total: 1 });
      expect(await find(makeNik('1990-07-25'))).toEqual({ names: [], total: 0 });
      const unknownNumber = `${numbers.sikkaWeaver.slice(0, 10)}${(Number(numbers.sikkaWeaver[10]) + 1) % 10}`;
      expect(await find(unknownNumber)).toEqual({ names: [], total: 0 });
    });

    it('combines with the other filters and pages', async () => {
      expect(await find('nahak', '&regionCode=5371&occupation=OJEK_DRIVER')).toEqual({ names: ['kupangOjek1', 'kupangOjek2'], total: 2 });
      expect(await find('nahak', '&status=DEREGISTERED')).toEqual({ names: ['kupangOjek2'], total: 1 });
      expect(await find('nahak', '&regionCode=5307')).toEqual({ names: ['sikkaWeaver'], total: 1 });
      expect(await find(numbers.sikkaWeaver, '&regionCode=5371')).toEqual({ names: [], total: 0 });
      expect(await find('nahak', '&limit=2&offset=2')).toEqual({ names: ['kupangWeaver', 'sikkaWeaver'], total: 4 });
    });

    it('refuses a q too short, too long, of digits that are neither number, or without a word: 400 naming q', async () => {
      for (const [q, reason] of [
        ['a', 'q must be 2 to 100 characters'],
        [' a ', 'q must be 2 to 100 characters'],
        ['n'.repeat(101), 'q must be 2 to 100 characters'],
        ['53710125', 'q of digits must be an 11-digit membership number or a 16-digit NIK'],
        ['?!', 'q must be a name, an 11-digit membership number or a 16-digit NIK'],
      ]) {
        const { status, body } = await search(`?q=${encodeURIComponent(q)}`);
        expect({ q, status, type: body.type, errors: body.errors }).toEqual({
          q,
          status: 400,
          type: 'https://jaring.id/problems/validation-error',
          errors: [{ field: 'q', reason }],
        });
      }
      expect((await search('?q=ab&q=cd')).body.errors).toEqual([{ field: 'q', reason: 'q must be text' }]);
    });

    it('indexes at start the names of workers registered before the index, in batches, once', async () => {
      // as a worker registered before the migration: no index
      await service.dataSource.query('UPDATE workers SET name_index = NULL WHERE id = ANY($1)', [[ids.kupangWeaver, ids.sikkaWeaver]]);
      expect(await find('nahak')).toEqual({ names: ['kupangOjek1', 'kupangOjek2'], total: 2 });
      expect(await find(numbers.sikkaWeaver)).toEqual({ names: ['sikkaWeaver'], total: 1 });

      const backfill = service.app.get(NameIndexBackfill);
      expect(await backfill.run()).toBe(2);
      expect(await find('nahak')).toEqual({ names: ['kupangOjek1', 'kupangOjek2', 'kupangWeaver', 'sikkaWeaver'], total: 4 });
      expect(await backfill.run()).toBe(0);
    });

    it('stores no name in clear: the index holds one keyed hash per word', async () => {
      const [row] = await service.dataSource.query(
        `SELECT cardinality(name_index) AS words, array_to_string(name_index, ',') AS hashes, row_to_json(w)::text AS whole
           FROM workers w WHERE id = $1`,
        [ids.sikkaFisher],
      );
      expect(row.words).toBe(4); // yohanes, maruf, da, silva
      for (const word of ['yohanes', 'Yohanes', 'maruf', 'silva', 'Silva']) expect(row.whole).not.toContain(word);
    });
  });

  it('describes every enrollment route in its OpenAPI document', async () => {
    const { status, body } = await getJson(service.baseUrl, '/docs-json', {});
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/workers',
        '/v1/workers/{id}',
        '/v1/workers/{id}/heirs',
        '/v1/workers/{id}/deregistration',
        '/v1/worker-imports',
        '/v1/worker-imports/{id}',
        '/v1/workers/{id}/audit',
      ]),
    );
    expect(Object.keys(body.paths['/v1/workers']).sort()).toEqual(['get', 'post']);
    expect(body.components.schemas.RegisterWorkerDto.required).toEqual(
      expect.arrayContaining(['nik', 'fullName', 'birthDate', 'phone', 'regionCode', 'occupation', 'declaredMonthlyIncome', 'programs']),
    );
  });
});
