import { generateKeyPair, SignJWT } from 'jose';
import { Client } from 'pg';
import { as, personTokenOf } from '../../support/identity';
import { databaseUrlFor, testInfrastructure } from '../../support/infrastructure';
import { waitFor } from '../../support/wait-for';
import {
  type Credentials,
  csvOf,
  type EnrollmentUnderTest,
  getJson,
  makeNik,
  nikHashOf,
  postJson,
  registration,
  startEnrollment,
} from './enrollment-test-kit';

const DATABASE = 'jaring_test_enrollment_access';
const PROBLEM = 'https://jaring.id/problems/';
const UNKNOWN_WORKER = '6f1d3c52-3c39-4a8e-9d7a-1c2b3d4e5f60';

/** One development client per role (deploy/local/oidc/development-identities.ts); the agent serves Kota Kupang (5371). */
const CLIENTS = [
  'agent-5371',
  'channel-bank-ntt',
  'enrollment-officer',
  'verifier',
  'approver',
  'finance',
  'auditor',
  'operator',
  'programme-officer',
];

describe('enrollment: who may call (docs/api.md, "Who may call")', () => {
  let service: EnrollmentUnderTest;

  beforeAll(async () => {
    service = await startEnrollment(DATABASE);
  });

  afterAll(async () => {
    await service?.close();
  });

  /** Any route with any credentials: JSON bodies as JSON, strings as a CSV file. */
  async function send(method: string, path: string, credentials: Credentials, body?: unknown): Promise<{ status: number; body: any }> {
    const csv = typeof body === 'string';
    const response = await fetch(`${service.baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': csv ? 'text/csv' : 'application/json' }), ...credentials },
      body: body === undefined ? undefined : csv ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const json = /json/.test(response.headers.get('content-type') ?? '');
    return { status: response.status, body: text && json ? JSON.parse(text) : text };
  }

  async function register(client: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const answer = await postJson(service.baseUrl, '/v1/workers', registration(overrides), await as(client));
    expect(answer.status).toBe(201);
    return answer.body.id;
  }

  async function finished(importId: string): Promise<any> {
    return waitFor(async () => {
      const { body } = await getJson(service.baseUrl, `/v1/worker-imports/${importId}`, await as('auditor'));
      return body.status === 'DONE' ? body : undefined;
    }, `import ${importId} done`);
  }

  /** Everything the service has written: a refused call must leave it as it was. */
  async function footprint(): Promise<Record<string, unknown>> {
    const [row] = await service.dataSource.query(`
      SELECT (SELECT md5(coalesce(string_agg(row_to_json(w)::text, '' ORDER BY id), '')) FROM workers w) AS workers,
             (SELECT md5(coalesce(string_agg(row_to_json(h)::text, '' ORDER BY id), '')) FROM heirs h) AS heirs,
             (SELECT count(*)::int FROM worker_imports) AS imports,
             (SELECT count(*)::int FROM worker_import_rows) AS staged,
             (SELECT count(*)::int FROM worker_audit) AS audit,
             (SELECT count(*)::int FROM outbox) AS events`);
    return row;
  }

  async function auditOf(workerId: string): Promise<any[]> {
    const answer = await getJson(service.baseUrl, `/v1/workers/${workerId}/audit`, await as('auditor'));
    expect(answer.status).toBe(200);
    return answer.body.items;
  }

  describe('each route answers the roles of docs/api.md, and only them', () => {
    // a worker of Kota Kupang (the agent's region) and an import the agent started, for the routes to act on
    let worker: string;
    let leaving: string;
    let dying: string;
    let agentImport: string;

    beforeAll(async () => {
      worker = await register('agent-5371');
      leaving = await register('enrollment-officer');
      dying = await register('enrollment-officer');
      const started = await send('POST', '/v1/worker-imports', await as('agent-5371'), csvOf([registration()]));
      expect(started.status).toBe(202);
      agentImport = started.body.id;
      await finished(agentImport);
    });

    const ROUTES: Array<{ route: string; method: string; path: () => string; body?: () => unknown; allowed: string[] }> = [
      {
        route: 'POST /v1/workers',
        method: 'POST',
        path: () => '/v1/workers',
        body: () => registration(),
        allowed: ['agent-5371', 'enrollment-officer'],
      },
      {
        route: 'PATCH /v1/workers/{id}',
        method: 'PATCH',
        path: () => `/v1/workers/${worker}`,
        body: () => ({ phone: '081377776666' }),
        allowed: ['agent-5371', 'enrollment-officer'],
      },
      {
        route: 'PUT /v1/workers/{id}/heirs',
        method: 'PUT',
        path: () => `/v1/workers/${worker}/heirs`,
        body: () => ({ heirs: [] }),
        allowed: ['agent-5371', 'enrollment-officer'],
      },
      {
        route: 'POST /v1/worker-imports',
        method: 'POST',
        path: () => '/v1/worker-imports',
        body: () => csvOf([registration()]),
        allowed: ['agent-5371', 'enrollment-officer'],
      },
      {
        route: 'GET /v1/workers',
        method: 'GET',
        path: () => '/v1/workers',
        allowed: ['agent-5371', 'enrollment-officer', 'verifier', 'approver', 'finance', 'auditor'],
      },
      {
        route: 'GET /v1/workers/{id}',
        method: 'GET',
        path: () => `/v1/workers/${worker}`,
        allowed: ['agent-5371', 'enrollment-officer', 'verifier', 'approver', 'finance', 'auditor'],
      },
      {
        route: 'GET /v1/worker-imports',
        method: 'GET',
        path: () => '/v1/worker-imports',
        allowed: ['agent-5371', 'enrollment-officer', 'auditor'],
      },
      {
        route: 'GET /v1/worker-imports/{id}',
        method: 'GET',
        path: () => `/v1/worker-imports/${agentImport}`,
        allowed: ['agent-5371', 'enrollment-officer', 'auditor'],
      },
      {
        route: 'GET /v1/worker-imports/{id}/failed-rows',
        method: 'GET',
        path: () => `/v1/worker-imports/${agentImport}/failed-rows`,
        allowed: ['agent-5371', 'enrollment-officer', 'auditor'],
      },
      {
        route: 'POST /v1/workers/{id}/deregistration',
        method: 'POST',
        path: () => `/v1/workers/${leaving}/deregistration`,
        body: () => ({ reason: 'REQUESTED_BY_WORKER' }),
        allowed: ['enrollment-officer'],
      },
      {
        route: 'POST /v1/workers/{id}/death',
        method: 'POST',
        path: () => `/v1/workers/${dying}/death`,
        body: () => ({ diedOn: '2026-07-15', deathCertificateNumber: '5371-KM-15072026-0007' }),
        allowed: ['enrollment-officer'],
      },
      {
        route: 'GET /v1/workers/{id}/audit',
        method: 'GET',
        path: () => `/v1/workers/${worker}/audit`,
        allowed: ['enrollment-officer', 'auditor'],
      },
    ];

    it.each(ROUTES)('$route: allowed for its roles', async ({ method, path, body, allowed }) => {
      for (const client of allowed) {
        const answer = await send(method, path(), await as(client), body?.());
        if (![200, 201, 202].includes(answer.status))
          throw new Error(`${client} was refused: ${answer.status} ${JSON.stringify(answer.body)}`);
        if (answer.status === 202) await finished(answer.body.id);
      }
    });

    it.each(ROUTES)('$route: 403 forbidden-role for every other role, and nothing written', async ({ method, path, body, allowed }) => {
      const before = await footprint();
      for (const client of CLIENTS.filter((candidate) => !allowed.includes(candidate))) {
        const answer = await send(method, path(), await as(client), body?.());
        expect({ client, status: answer.status, type: answer.body.type }).toEqual({
          client,
          status: 403,
          type: `${PROBLEM}forbidden-role`,
        });
      }
      expect(await footprint()).toEqual(before);
    });

    it.each(ROUTES)(
      '$route: 401 unauthorized without credentials or with a forged token, and nothing written',
      async ({ method, path, body }) => {
        const before = await footprint();
        // right issuer, audience and roles, but signed by a key that is not the identity provider's
        const { privateKey } = await generateKeyPair('RS256');
        const forged = await new SignJWT({ realm_access: { roles: ['enrollment-officer'] }, client_id: 'enrollment-officer' })
          .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
          .setIssuer(testInfrastructure().oidcIssuer)
          .setAudience('jaring-api')
          .setSubject('enrollment-officer')
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(privateKey);
        const attempts: Credentials[] = [{}, { authorization: `Bearer ${forged}` }, { authorization: 'Bearer not-a-token' }];
        for (const credentials of attempts) {
          const answer = await send(method, path(), credentials, body?.());
          expect({ credentials, status: answer.status, type: answer.body.type }).toEqual({
            credentials,
            status: 401,
            type: `${PROBLEM}unauthorized`,
          });
        }
        expect(await footprint()).toEqual(before);
      },
    );
  });

  describe('an agent sees and changes the workers of its own regions only', () => {
    let kabupaten: string;

    beforeAll(async () => {
      // a worker of Kabupaten Kupang (5303), registered by the back office
      kabupaten = await register('enrollment-officer', { regionCode: '5303', phone: '081355554444' });
    });

    it("answers 404 for another region's worker, exactly as for an unknown id, and changes nothing", async () => {
      const agent = await as('agent-5371');
      const before = await footprint();
      const problem = (answer: { body: any }) => ({ type: answer.body.type, title: answer.body.title, detail: answer.body.detail });
      const unknown = await getJson(service.baseUrl, `/v1/workers/${UNKNOWN_WORKER}`, agent);
      expect(unknown.status).toBe(404);

      const seen = await getJson(service.baseUrl, `/v1/workers/${kabupaten}`, agent);
      expect(seen.status).toBe(404);
      expect(problem(seen)).toEqual(problem(unknown));
      const changed = await postJson(service.baseUrl, `/v1/workers/${kabupaten}`, { phone: '081399990000' }, agent, 'PATCH');
      expect(changed.status).toBe(404);
      expect(problem(changed)).toEqual(problem(unknown));
      const heirs = {
        heirs: [{ fullName: 'Adriana Lay', nik: makeNik('1992-03-05', 'F'), relationship: 'SPOUSE', birthDate: '1992-03-05' }],
      };
      const replaced = await postJson(service.baseUrl, `/v1/workers/${kabupaten}/heirs`, heirs, agent, 'PUT');
      expect(replaced.status).toBe(404);
      expect(problem(replaced)).toEqual(problem(unknown));
      expect(await footprint()).toEqual(before);

      // the agent of Kabupaten Kupang and the back office do see the worker, unchanged
      for (const client of ['agent-5303', 'verifier']) {
        const read = await getJson(service.baseUrl, `/v1/workers/${kabupaten}`, await as(client));
        expect(read.status).toBe(200);
        expect(read.body).toMatchObject({ regionCode: '5303', phone: '+6281355554444', heirs: [] });
      }
    });

    it('finds only the workers of its regions; a region filter outside them gives an empty page', async () => {
      const own = await register('agent-5371');
      const search = async (client: string, query = '') => (await getJson(service.baseUrl, `/v1/workers${query}`, await as(client))).body;

      const mine = await search('agent-5371', '?limit=200');
      expect(mine.items.map((w: { id: string }) => w.id)).toContain(own);
      expect(mine.items.map((w: { id: string }) => w.id)).not.toContain(kabupaten);
      expect(new Set(mine.items.map((w: { regionCode: string }) => w.regionCode))).toEqual(new Set(['5371']));
      expect(mine.total).toBe(mine.items.length);
      expect(await search('agent-5371', '?regionCode=5303')).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
      expect((await search('agent-5371', '?regionCode=5371&limit=200')).total).toBe(mine.total);

      const theirs = await search('agent-5303', '?limit=200');
      expect(theirs.items.map((w: { id: string }) => w.id)).toEqual([kabupaten]);
      const everyone = await search('auditor', '?limit=200');
      expect(everyone.items.map((w: { id: string }) => w.id)).toEqual(expect.arrayContaining([own, kabupaten]));
      expect(everyone.total).toBeGreaterThan(mine.total);
    });

    it('finds by name, membership number or NIK only within its regions', async () => {
      const body = registration({ regionCode: '5303', fullName: 'Kornelis Tefa' });
      const answer = await postJson(service.baseUrl, '/v1/workers', body, await as('enrollment-officer'));
      expect(answer.status).toBe(201);
      for (const q of ['kornelis tefa', answer.body.membershipNumber as string, body.nik as string]) {
        const search = async (client: string) =>
          (await getJson(service.baseUrl, `/v1/workers?q=${encodeURIComponent(q)}`, await as(client))).body;
        expect(await search('agent-5371')).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
        for (const client of ['agent-5303', 'verifier']) {
          expect(await search(client)).toMatchObject({ items: [{ id: answer.body.id }], total: 1 });
        }
      }
    });

    it('may not register a worker of another region: 403 region-not-served naming regionCode, and nothing written', async () => {
      const before = await footprint();
      const body = registration({ regionCode: '5303' });
      const answer = await postJson(service.baseUrl, '/v1/workers', body, await as('agent-5371'));
      expect(answer.status).toBe(403);
      expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(answer.body).toMatchObject({
        type: `${PROBLEM}region-not-served`,
        status: 403,
        errors: [{ field: 'regionCode', reason: 'regionCode must be a region you serve: 5371' }],
      });
      expect(await footprint()).toEqual(before);
      expect(await service.dataSource.query('SELECT 1 FROM workers WHERE nik_hash = $1', [nikHashOf(body.nik as string)])).toHaveLength(0);
      // the agent of that region may
      expect((await postJson(service.baseUrl, '/v1/workers', body, await as('agent-5303'))).status).toBe(201);
    });

    it('may not deregister anyone: 403 forbidden-role', async () => {
      const own = await register('agent-5371');
      const answer = await postJson(service.baseUrl, `/v1/workers/${own}/deregistration`, { reason: 'OTHER' }, await as('agent-5371'));
      expect(answer.status).toBe(403);
      expect(answer.body.type).toBe(`${PROBLEM}forbidden-role`);
      expect((await getJson(service.baseUrl, `/v1/workers/${own}`, await as('agent-5371'))).body.status).toBe('PENDING_PAYMENT');
    });

    it("refuses an import row of another region with its reason, enrols the others, and keeps the import the agent's", async () => {
      const rows = [registration(), registration({ regionCode: '5303' }), registration({ occupation: 'WEAVER' })];
      const started = await send('POST', '/v1/worker-imports', await as('agent-5371'), csvOf(rows));
      expect(started.status).toBe(202);
      expect(started.body.startedBy).toEqual({ subject: 'agent-5371', clientId: 'agent-5371' });
      const report = await finished(started.body.id);
      expect(report).toMatchObject({ total: 3, enrolled: 2, failed: 1, duplicates: 0 });
      expect(report.errors).toEqual([{ row: 2, field: 'regionCode', reason: 'regionCode must be a region you serve: 5371' }]);
      const enrolled = await service.dataSource.query('SELECT nik_hash, region_code FROM workers WHERE import_id = $1 ORDER BY nik_hash', [
        started.body.id,
      ]);
      expect(enrolled.map((w: { nik_hash: string }) => w.nik_hash).sort()).toEqual(
        [nikHashOf(rows[0].nik as string), nikHashOf(rows[2].nik as string)].sort(),
      );

      // the agent follows its own import and has its refused rows; another agent finds neither; the back office does
      for (const suffix of ['', '/failed-rows']) {
        const path = `/v1/worker-imports/${started.body.id}${suffix}`;
        expect((await send('GET', path, await as('agent-5371'))).status).toBe(200);
        const other = await send('GET', path, await as('agent-5303'));
        expect(other.status).toBe(404);
        const unknown = await send('GET', `/v1/worker-imports/${UNKNOWN_WORKER}${suffix}`, await as('agent-5303'));
        expect([other.body.type, other.body.detail]).toEqual([unknown.body.type, unknown.body.detail]);
        for (const client of ['enrollment-officer', 'auditor']) {
          expect((await send('GET', path, await as(client))).status).toBe(200);
        }
      }
    });
  });

  describe('the audit trail names who made each write', () => {
    it("records the subject and the client of each registration, change, heir replacement and deregistration, and no person's data", async () => {
      const body = registration({ fullName: 'Fransiska Mau', phone: '081366665555' });
      const answer = await postJson(service.baseUrl, '/v1/workers', body, await as('agent-5371'));
      expect(answer.status).toBe(201);
      const id = answer.body.id as string;
      const heir = { fullName: 'Adriana Lay', nik: makeNik('1992-03-05', 'F'), relationship: 'SPOUSE', birthDate: '1992-03-05' };
      const agent = await as('agent-5371');
      expect(
        (await postJson(service.baseUrl, `/v1/workers/${id}`, { declaredMonthlyIncome: 2_000_000, phone: '081366667777' }, agent, 'PATCH'))
          .status,
      ).toBe(200);
      expect(
        (await postJson(service.baseUrl, `/v1/workers/${id}/heirs`, { heirs: [heir] }, await as('enrollment-officer'), 'PUT')).status,
      ).toBe(200);
      const deregistration = { reason: 'LEFT_INDONESIA' };
      expect(
        (await postJson(service.baseUrl, `/v1/workers/${id}/deregistration`, deregistration, await as('enrollment-officer'))).status,
      ).toBe(200);
      // repeating the deregistration changes nothing, so records nothing
      expect(
        (await postJson(service.baseUrl, `/v1/workers/${id}/deregistration`, deregistration, await as('enrollment-officer'))).status,
      ).toBe(200);

      const agentActor = { subject: 'agent-5371', clientId: 'agent-5371' };
      const officer = { subject: 'enrollment-officer', clientId: 'enrollment-officer' };
      const at = '2026-07-15T03:00:00.000Z';
      expect(await auditOf(id)).toEqual([
        {
          at,
          action: 'REGISTERED',
          actor: agentActor,
          fields: ['nik', 'fullName', 'birthDate', 'phone', 'regionCode', 'occupation', 'declaredMonthlyIncome', 'programs'],
          importId: null,
        },
        { at, action: 'CHANGED', actor: agentActor, fields: ['declaredMonthlyIncome', 'phone'], importId: null },
        { at, action: 'HEIRS_REPLACED', actor: officer, fields: ['heirs'], importId: null },
        { at, action: 'DEREGISTERED', actor: officer, fields: ['status', 'deregisteredOn', 'deregistrationReason'], importId: null },
      ]);
      const stored = await service.dataSource.query(`SELECT row_to_json(a)::text AS row FROM worker_audit a WHERE worker_id = $1`, [id]);
      expect(stored).toHaveLength(4);
      for (const { row } of stored) {
        for (const secret of [body.nik as string, heir.nik, 'Fransiska', 'Adriana', '81366665555', '81366667777', '2000000']) {
          expect(row).not.toContain(secret);
        }
      }
    });

    it('names a person signed in through the console by their subject, with the console as the client', async () => {
      const token = await personTokenOf('agent.kupang');
      const id = (await postJson(service.baseUrl, '/v1/workers', registration(), { authorization: `Bearer ${token}` })).body.id as string;
      expect(await auditOf(id)).toEqual([
        expect.objectContaining({ action: 'REGISTERED', actor: { subject: 'agent.kupang', clientId: 'jaring-console' } }),
      ]);
    });

    it('names whoever started an import, with the import, for each worker it enrolled', async () => {
      const row = registration();
      const started = await send('POST', '/v1/worker-imports', await as('agent-5371'), csvOf([row]));
      expect(started.status).toBe(202);
      await finished(started.body.id);
      const [worker] = await service.dataSource.query('SELECT id FROM workers WHERE nik_hash = $1', [nikHashOf(row.nik as string)]);
      expect(await auditOf(worker.id)).toEqual([
        expect.objectContaining({
          action: 'REGISTERED',
          actor: { subject: 'agent-5371', clientId: 'agent-5371' },
          importId: started.body.id,
        }),
      ]);
    });

    it('is append-only, and answers 404 for an unknown worker', async () => {
      // straight to the database (the service's own connection would log the refusals as errors)
      const client = new Client({ connectionString: databaseUrlFor(testInfrastructure().databaseUrl, DATABASE) });
      await client.connect();
      try {
        for (const statement of [
          `UPDATE worker_audit SET actor_subject = 'someone else'`,
          'DELETE FROM worker_audit',
          'TRUNCATE worker_audit',
        ]) {
          await expect(client.query(statement)).rejects.toThrow(/worker_audit is append-only/);
        }
      } finally {
        await client.end();
      }
      expect((await getJson(service.baseUrl, `/v1/workers/${UNKNOWN_WORKER}/audit`, await as('auditor'))).status).toBe(404);
    });
  });
});
