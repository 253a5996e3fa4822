import { as } from '../../support/identity';
import { type EnrollmentUnderTest, getJson, postJson, registration, startEnrollment } from './enrollment-test-kit';

describe('enrollment: searching workers (GET /v1/workers)', () => {
  let service: EnrollmentUnderTest;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    service = await startEnrollment('jaring_test_enrollment_search');
    const people: Array<[string, Record<string, unknown>]> = [
      ['kupangOjek1', { regionCode: '5371', occupation: 'OJEK_DRIVER' }],
      ['kupangOjek2', { regionCode: '5371', occupation: 'OJEK_DRIVER' }],
      ['kupangWeaver', { regionCode: '5371', occupation: 'WEAVER' }],
      ['sikkaWeaver', { regionCode: '5307', occupation: 'WEAVER' }],
      ['sikkaFisher', { regionCode: '5307', occupation: 'FISHERMAN' }],
    ];
    for (const [name, overrides] of people) {
      const answer = await postJson(service.baseUrl, '/v1/workers', registration(overrides), await as('enrollment-officer'));
      expect(answer.status).toBe(201);
      ids[name] = answer.body.id;
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
    const { status, body } = await search('?regionCode=5322&status=ASLEEP&occupation=PILOT&limit=500&offset=-1&name=x');
    expect(status).toBe(400);
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'limit',
      'name',
      'occupation',
      'offset',
      'regionCode',
      'status',
    ]);
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
