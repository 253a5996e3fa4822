import { as } from '../../support/identity';
import { waitFor } from '../../support/wait-for';
import { csvOf, type EnrollmentUnderTest, getJson, registration, startEnrollment } from './enrollment-test-kit';

/**
 * Following imports after the upload (docs/api.md, "Worker import"): the list of imports, newest first, each
 * caller's own as GET /v1/worker-imports/{id} decides.
 */
describe('enrollment: following worker imports', () => {
  let service: EnrollmentUnderTest;

  beforeAll(async () => {
    service = await startEnrollment('jaring_test_enrollment_import_follow_up');
  });

  afterAll(async () => {
    await service?.close();
  });

  async function upload(client: string, csv: string): Promise<string> {
    const response = await fetch(`${service.baseUrl}/v1/worker-imports`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...(await as(client)) },
      body: csv,
    });
    const body = (await response.json()) as { id: string };
    expect(response.status).toBe(202);
    return body.id;
  }

  async function finished(importId: string): Promise<any> {
    return waitFor(async () => {
      const { body } = await getJson(service.baseUrl, `/v1/worker-imports/${importId}`, await as('enrollment-officer'));
      return body.status === 'DONE' ? body : undefined;
    }, `import ${importId} done`);
  }

  describe('GET /v1/worker-imports', () => {
    // uploaded one second apart, oldest first: Kota Kupang's agent twice, Kabupaten Kupang's once, the back office once
    const started: Record<string, string> = {};

    beforeAll(async () => {
      const uploads: Array<[string, string, string]> = [
        ['kupangFirst', 'agent-5371', csvOf([registration(), registration({ regionCode: '5303' })])],
        ['kabupaten', 'agent-5303', csvOf([registration({ regionCode: '5303' })])],
        ['kupangSecond', 'agent-5371', csvOf([registration()])],
        ['office', 'enrollment-officer', csvOf([registration(), registration({ regionCode: '5303' }), registration({ phone: 'none' })])],
      ];
      for (const [name, client, csv] of uploads) {
        service.clock.advanceMs(1000);
        started[name] = await upload(client, csv);
        await finished(started[name]);
      }
    });

    const list = async (client: string, query = '') => getJson(service.baseUrl, `/v1/worker-imports${query}`, await as(client));
    const names = (items: Array<{ id: string }>) => items.map((item) => Object.keys(started).find((name) => started[name] === item.id));

    it('lists every import to the back office, newest first, with its progress and without its errors', async () => {
      for (const client of ['enrollment-officer', 'auditor']) {
        const { status, body } = await list(client);
        expect(status).toBe(200);
        expect(body).toMatchObject({ total: 4, limit: 50, offset: 0 });
        expect(names(body.items)).toEqual(['office', 'kupangSecond', 'kabupaten', 'kupangFirst']);
      }
      const { body } = await list('auditor');
      expect(body.items[0]).toEqual({
        id: started.office,
        status: 'DONE',
        total: 3,
        processed: 3,
        enrolled: 2,
        duplicates: 0,
        failed: 1,
        receivedAt: '2026-07-15T03:00:04.000Z',
        finishedAt: expect.any(String),
        failure: null,
        startedBy: { subject: 'enrollment-officer', clientId: 'enrollment-officer' },
      });
      expect(body.items[3]).toMatchObject({ total: 2, enrolled: 1, failed: 1, receivedAt: '2026-07-15T03:00:01.000Z' });
    });

    it("lists to an agent only the imports it started, as it may follow them one by one; another's are not counted", async () => {
      const kupang = await list('agent-5371');
      expect(kupang.status).toBe(200);
      expect(names(kupang.body.items)).toEqual(['kupangSecond', 'kupangFirst']);
      expect(kupang.body.total).toBe(2);
      expect(kupang.body.items.map((item: { startedBy: unknown }) => item.startedBy)).toEqual([
        { subject: 'agent-5371', clientId: 'agent-5371' },
        { subject: 'agent-5371', clientId: 'agent-5371' },
      ]);
      expect(names((await list('agent-5303')).body.items)).toEqual(['kabupaten']);
    });

    it('pages with limit and offset, the total on every page', async () => {
      const second = await list('enrollment-officer', '?limit=2&offset=1');
      expect(second.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
      expect(names(second.body.items)).toEqual(['kupangSecond', 'kabupaten']);
      expect((await list('enrollment-officer', '?offset=4')).body).toEqual({ items: [], total: 4, limit: 50, offset: 4 });
    });

    it('refuses a bad page, naming each field', async () => {
      const { status, body } = await list('enrollment-officer', '?limit=0&offset=-1&status=DONE');
      expect(status).toBe(400);
      expect(body.type).toBe('https://jaring.id/problems/validation-error');
      expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'offset', 'status']);
      expect((await list('enrollment-officer', '?limit=201')).body.errors).toEqual([
        { field: 'limit', reason: 'limit must be at most 200' },
      ]);
    });
  });
});
