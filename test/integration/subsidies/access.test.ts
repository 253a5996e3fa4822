import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { personTokenOf, tokenOf } from '../../support/identity';
import { funderWithKey, nominatedProgramme, personClient, type FunderAccess } from './fixtures';
import { client, clientAs, startSubsidies, type SubsidiesHarness } from './harness';

const UNAUTHORIZED = 'https://jaring.id/problems/unauthorized';
const FORBIDDEN_ROLE = 'https://jaring.id/problems/forbidden-role';
const OTHER_FUNDER = 'https://jaring.id/problems/other-funder';

type Call = ReturnType<typeof client>;
type Who =
  | 'programme officer'
  | 'auditor'
  | 'verifier'
  | 'operator'
  | 'own funder'
  | 'other funder'
  | 'own funder staff'
  | 'other funder staff'
  | 'anonymous';
const EVERYONE: Who[] = [
  'programme officer',
  'auditor',
  'verifier',
  'operator',
  'own funder',
  'other funder',
  'own funder staff',
  'other funder staff',
  'anonymous',
];
/** A funder's staff may do what its API keys may: the same answers. */
const STAFF_AS_KEY: Partial<Record<Who, Who>> = { 'own funder staff': 'own funder', 'other funder staff': 'other funder' };

interface Attempt {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Whether the write took effect (writes only): refused ones must not have. */
  written?: () => Promise<boolean>;
}

interface RouteFamily {
  name: string;
  /** Who the route's policy lets in (the funder, by its keys or its staff: its own funder only). */
  allowed: Who[];
  /** The answer when allowed. */
  success: number;
  /** A fresh request: a write gets resources of its own to change. */
  attempt: () => Attempt | Promise<Attempt>;
  /** The route lists rather than names a funder: another funder's key sees its own, not a 403. */
  listing?: boolean;
}

/**
 * Who may call what (docs/api.md, "Who may call"), on the real identity provider's tokens and real API
 * keys: every route family against every kind of caller, the status AND the problem type of each refusal,
 * and nothing written by a refused write. A funder's staff (development users signed in through the login
 * form, their token naming their funder's code) get what their funder's keys get. Then who made each write,
 * and whose Idempotency-Keys are whose.
 */
describe('subsidies access: who may call which route', () => {
  let h: SubsidiesHarness;
  let officer: Call;
  let callers: Record<Who, Call>;
  let mine: FunderAccess;
  let theirs: FunderAccess;
  let programmeId: string;

  beforeAll(async () => {
    h = await startSubsidies('access');
    officer = clientAs(h, 'programme-officer');
    // the codes the development users funder.csr and funder.ntt work for
    mine = await funderWithKey(h, officer, { name: 'Yayasan CSR Nusantara', type: 'CSR', code: 'CSR-NUSANTARA' });
    theirs = await funderWithKey(h, officer, {
      name: 'Pemerintah Provinsi NTT',
      type: 'APBD_PROVINCE',
      regionCode: '53',
      code: 'PEMPROV-NTT',
    });
    callers = {
      'programme officer': officer,
      auditor: clientAs(h, 'auditor'),
      verifier: clientAs(h, 'verifier'),
      operator: clientAs(h, 'operator'),
      'own funder': mine.call,
      'other funder': theirs.call,
      'own funder staff': personClient(h, 'funder.csr'),
      'other funder staff': personClient(h, 'funder.ntt'),
      anonymous: client(h.baseUrl),
    };
    programmeId = (
      await mine.call('POST', '/v1/programmes', nominatedProgramme(mine.funderId, 'Perlindungan'), { 'idempotency-key': randomUUID() })
    ).body.id;
    expect(programmeId).toEqual(expect.any(String));
    const webhook = await mine.call('POST', `/v1/funders/${mine.funderId}/webhooks`, { url: 'https://93.184.216.34/hooks' });
    expect(webhook.status).toBe(201);
  });
  afterAll(async () => h?.close());

  const count = async (sql: string, parameters: unknown[]) => (await h.dataSource.query(sql, parameters))[0].n as number;

  const families: RouteFamily[] = [
    {
      name: 'POST /v1/funders',
      allowed: ['programme officer'],
      success: 201,
      attempt: () => {
        const name = `Funder ${randomUUID()}`;
        return {
          method: 'POST',
          path: '/v1/funders',
          body: { name, type: 'CSR' },
          written: async () => (await count('SELECT count(*)::int AS n FROM funders WHERE name = $1', [name])) === 1,
        };
      },
    },
    {
      name: 'POST /v1/funders/{id}/api-keys',
      allowed: ['programme officer'],
      success: 201,
      attempt: () => {
        const name = `key ${randomUUID()}`;
        return {
          method: 'POST',
          path: `/v1/funders/${mine.funderId}/api-keys`,
          body: { name },
          written: async () => (await count('SELECT count(*)::int AS n FROM api_keys WHERE name = $1', [name])) === 1,
        };
      },
    },
    ...(['', '/api-keys', '/webhooks'] as const).map((sub): RouteFamily => ({
      name: `GET /v1/funders/{id}${sub}`,
      allowed: ['programme officer', 'auditor', 'own funder'],
      success: 200,
      attempt: () => ({ method: 'GET', path: `/v1/funders/${mine.funderId}${sub}` }),
    })),
    ...(['/v1/funders', '/v1/programmes'] as const).map((path): RouteFamily => ({
      name: `GET ${path}`,
      allowed: ['programme officer', 'auditor', 'own funder'],
      success: 200,
      listing: true,
      attempt: () => ({ method: 'GET', path }),
    })),
    ...(['', '/report'] as const).map((sub): RouteFamily => ({
      name: `GET /v1/programmes/{id}${sub}`,
      allowed: ['programme officer', 'auditor', 'own funder'],
      success: 200,
      attempt: () => ({ method: 'GET', path: `/v1/programmes/${programmeId}${sub}` }),
    })),
    {
      name: 'DELETE /v1/funders/{id}/api-keys/{keyId}',
      allowed: ['programme officer', 'own funder'],
      success: 204,
      attempt: async () => {
        const key = (await officer('POST', `/v1/funders/${mine.funderId}/api-keys`, {})).body.id as string;
        return {
          method: 'DELETE',
          path: `/v1/funders/${mine.funderId}/api-keys/${key}`,
          written: async () =>
            (await count('SELECT count(*)::int AS n FROM api_keys WHERE id = $1 AND revoked_at IS NOT NULL', [key])) === 1,
        };
      },
    },
    {
      name: 'POST /v1/funders/{id}/webhooks',
      allowed: ['programme officer', 'own funder'],
      success: 201,
      attempt: () => {
        const url = `https://93.184.216.34/hooks/${randomUUID()}`;
        return {
          method: 'POST',
          path: `/v1/funders/${mine.funderId}/webhooks`,
          body: { url },
          written: async () => (await count('SELECT count(*)::int AS n FROM webhook_endpoints WHERE url = $1', [url])) === 1,
        };
      },
    },
    {
      name: 'DELETE /v1/funders/{id}/webhooks/{webhookId}',
      allowed: ['programme officer', 'own funder'],
      success: 204,
      attempt: async () => {
        const webhook = (await officer('POST', `/v1/funders/${mine.funderId}/webhooks`, { url: 'https://93.184.216.34/hooks' })).body
          .id as string;
        return {
          method: 'DELETE',
          path: `/v1/funders/${mine.funderId}/webhooks/${webhook}`,
          written: async () =>
            (await count('SELECT count(*)::int AS n FROM webhook_endpoints WHERE id = $1 AND disabled_at IS NOT NULL', [webhook])) === 1,
        };
      },
    },
    {
      name: 'POST /v1/programmes',
      allowed: ['programme officer', 'own funder'],
      success: 201,
      attempt: () => {
        const name = `Programme ${randomUUID()}`;
        return {
          method: 'POST',
          path: '/v1/programmes',
          body: nominatedProgramme(mine.funderId, name),
          headers: { 'idempotency-key': randomUUID() },
          written: async () => (await count('SELECT count(*)::int AS n FROM programmes WHERE name = $1', [name])) === 1,
        };
      },
    },
    {
      name: 'POST /v1/programmes/{id}/nominations',
      allowed: ['programme officer', 'own funder'],
      success: 201,
      attempt: () => {
        const workerId = randomUUID();
        return {
          method: 'POST',
          path: `/v1/programmes/${programmeId}/nominations`,
          body: { workerIds: [workerId] },
          headers: { 'idempotency-key': randomUUID() },
          written: async () => (await count('SELECT count(*)::int AS n FROM nominations WHERE worker_id = $1', [workerId])) === 1,
        };
      },
    },
  ];

  /** What a caller must get: the route's success, or the refusal the rules give, with its problem type. */
  function expected(family: RouteFamily, caller: Who): { status: number; type?: string } {
    const who = STAFF_AS_KEY[caller] ?? caller;
    if (who === 'anonymous') return { status: 401, type: UNAUTHORIZED };
    if (who === 'other funder' && family.allowed.includes('own funder'))
      return family.listing ? { status: family.success } : { status: 403, type: OTHER_FUNDER };
    const role: Who = who === 'other funder' ? 'own funder' : who;
    return family.allowed.includes(role) ? { status: family.success } : { status: 403, type: FORBIDDEN_ROLE };
  }

  it.each(families.map((family) => [family.name, family] as const))('%s: allowed to its roles only', async (_name, family) => {
    for (const who of EVERYONE) {
      const attempt = await family.attempt();
      const response = await callers[who](attempt.method, attempt.path, attempt.body, attempt.headers);
      const want = expected(family, who);
      expect({ who, status: response.status, type: want.type && response.body?.type }).toEqual({ who, ...want });
      if (attempt.written) expect({ who, written: await attempt.written() }).toEqual({ who, written: want.status < 300 });
    }
  });

  it("shows a funder's key and staff only their own funder's programmes in the list, the back office every funder's", async () => {
    const other = await theirs.call('POST', '/v1/programmes', nominatedProgramme(theirs.funderId, 'Lain'), {
      'idempotency-key': randomUUID(),
    });
    expect(other.status).toBe(201);
    const funderIdsSeenBy = async (call: Call) =>
      new Set(((await call('GET', '/v1/programmes?limit=500')).body.items as Array<{ funderId: string }>).map((p) => p.funderId));
    expect(await funderIdsSeenBy(mine.call)).toEqual(new Set([mine.funderId]));
    expect(await funderIdsSeenBy(theirs.call)).toEqual(new Set([theirs.funderId]));
    expect(await funderIdsSeenBy(callers['own funder staff'])).toEqual(new Set([mine.funderId]));
    expect(await funderIdsSeenBy(callers['other funder staff'])).toEqual(new Set([theirs.funderId]));
    expect(await funderIdsSeenBy(callers.auditor)).toEqual(new Set([mine.funderId, theirs.funderId]));
    for (const call of [theirs.call, callers['other funder staff']]) {
      expect(await call('GET', `/v1/programmes?funderId=${mine.funderId}`)).toMatchObject({ status: 403, body: { type: OTHER_FUNDER } });
    }
    // the funders list too: its own funder only
    const fundersSeenBy = async (call: Call) => ((await call('GET', '/v1/funders')).body.items as Array<{ id: string }>).map((f) => f.id);
    expect(await fundersSeenBy(callers['own funder staff'])).toEqual([mine.funderId]);
    expect(await fundersSeenBy(theirs.call)).toEqual([theirs.funderId]);
  });

  it('answers 401 for an unknown key (as X-Api-Key or Bearer), a revoked one, and a forged token', async () => {
    const path = `/v1/funders/${mine.funderId}`;
    const refusals = [
      await client(h.baseUrl, 'jrk_not-a-real-key')('GET', path),
      await client(h.baseUrl)('GET', path, undefined, { authorization: 'Bearer jrk_not-a-real-key' }),
    ];
    const issued = (await officer('POST', `/v1/funders/${mine.funderId}/api-keys`, {})).body as { id: string; key: string };
    const revoked = client(h.baseUrl, issued.key);
    expect((await revoked('GET', path)).status).toBe(200);
    expect((await officer('DELETE', `/v1/funders/${mine.funderId}/api-keys/${issued.id}`)).status).toBe(204);
    refusals.push(await revoked('GET', path));
    refusals.push(await client(h.baseUrl)('GET', path, undefined, { authorization: `Bearer ${issued.key}` }));
    // the programme officer's token, its signature broken
    const token = await tokenOf('programme-officer');
    refusals.push(await client(h.baseUrl)('GET', path, undefined, { authorization: `Bearer ${token.slice(0, -4)}AAAA` }));
    for (const refusal of refusals) expect(refusal).toMatchObject({ status: 401, body: { type: UNAUTHORIZED } });
  });

  it("names the caller of every write: the token's subject and client, or the API key and its funder", async () => {
    const officerSubject = decodeJwt(await tokenOf('programme-officer')).sub!;
    const byOfficer = { subject: officerSubject, client: 'programme-officer' };
    const funder = await officer('POST', '/v1/funders', { name: 'PT Tercatat', type: 'CSR' });
    const key = (await officer('POST', `/v1/funders/${funder.body.id}/api-keys`, {})).body as { id: string; key: string };
    const byKey = { subject: `api-key:${key.id}`, client: `funder:${funder.body.id}` };
    const partner = client(h.baseUrl, key.key);
    const webhook = (await partner('POST', `/v1/funders/${funder.body.id}/webhooks`, { url: 'https://93.184.216.34/hooks' })).body.id;
    expect((await officer('DELETE', `/v1/funders/${funder.body.id}/webhooks/${webhook}`)).status).toBe(204);
    const programme = (
      await partner('POST', '/v1/programmes', nominatedProgramme(funder.body.id, 'Tercatat'), { 'idempotency-key': randomUUID() })
    ).body.id;
    const [byPartner, byOfficerNominated] = [randomUUID(), randomUUID()];
    expect(
      (await partner('POST', `/v1/programmes/${programme}/nominations`, { workerIds: [byPartner] }, { 'idempotency-key': randomUUID() }))
        .status,
    ).toBe(201);
    expect(
      (
        await officer(
          'POST',
          `/v1/programmes/${programme}/nominations`,
          { workerIds: [byOfficerNominated] },
          { 'idempotency-key': randomUUID() },
        )
      ).status,
    ).toBe(201);
    // the partner revokes its own key, the last write it can make; revoking again changes nothing
    expect((await partner('DELETE', `/v1/funders/${funder.body.id}/api-keys/${key.id}`)).status).toBe(204);
    expect((await officer('DELETE', `/v1/funders/${funder.body.id}/api-keys/${key.id}`)).status).toBe(204);

    const who = async (sql: string, id: string) => (await h.dataSource.query(sql, [id]))[0] as Record<string, string>;
    expect(
      await who('SELECT registered_by_subject AS subject, registered_by_client AS client FROM funders WHERE id = $1', funder.body.id),
    ).toEqual(byOfficer);
    expect(await who('SELECT issued_by_subject AS subject, issued_by_client AS client FROM api_keys WHERE id = $1', key.id)).toEqual(
      byOfficer,
    );
    expect(await who('SELECT revoked_by_subject AS subject, revoked_by_client AS client FROM api_keys WHERE id = $1', key.id)).toEqual(
      byKey,
    );
    expect(
      await who('SELECT registered_by_subject AS subject, registered_by_client AS client FROM webhook_endpoints WHERE id = $1', webhook),
    ).toEqual(byKey);
    expect(
      await who('SELECT disabled_by_subject AS subject, disabled_by_client AS client FROM webhook_endpoints WHERE id = $1', webhook),
    ).toEqual(byOfficer);
    expect(await who('SELECT opened_by_subject AS subject, opened_by_client AS client FROM programmes WHERE id = $1', programme)).toEqual(
      byKey,
    );
    const nominatedBy = 'SELECT nominated_by_subject AS subject, nominated_by_client AS client FROM nominations WHERE worker_id = $1';
    expect(await who(nominatedBy, byPartner)).toEqual(byKey);
    expect(await who(nominatedBy, byOfficerNominated)).toEqual(byOfficer);
  });

  it('lets a programme officer in person, signed in at the provider, register a funder, named by the sign-in', async () => {
    const person = client(h.baseUrl, async () => ({ authorization: `Bearer ${await personTokenOf('programme.officer')}` }));
    const funder = await person('POST', '/v1/funders', { name: 'PT Dari Konsol', type: 'CSR' });
    expect(funder.status).toBe(201);
    expect(
      (await h.dataSource.query('SELECT registered_by_subject, registered_by_client FROM funders WHERE id = $1', [funder.body.id]))[0],
    ).toEqual({ registered_by_subject: 'programme.officer', registered_by_client: 'jaring-console' });
  });

  it("keeps Idempotency-Keys per client: a funder's keys share theirs, the programme officer and the funder's staff have their own", async () => {
    const second = client(h.baseUrl, (await officer('POST', `/v1/funders/${mine.funderId}/api-keys`, {})).body.key);
    const idempotencyKey = randomUUID();
    const body = nominatedProgramme(mine.funderId, `Sekali ${idempotencyKey}`);
    const first = await mine.call('POST', '/v1/programmes', body, { 'idempotency-key': idempotencyKey });
    const sameFunder = await second('POST', '/v1/programmes', body, { 'idempotency-key': idempotencyKey });
    const byOfficer = await officer('POST', '/v1/programmes', body, { 'idempotency-key': idempotencyKey });
    // a funder's staff are people in the console: keys of their own, not their funder's API keys'
    const byStaff = await callers['own funder staff']('POST', '/v1/programmes', body, { 'idempotency-key': idempotencyKey });
    const byStaffAgain = await callers['own funder staff']('POST', '/v1/programmes', body, { 'idempotency-key': idempotencyKey });
    expect(first.status).toBe(201);
    expect(sameFunder).toMatchObject({ status: 201, body: { id: first.body.id } });
    expect(sameFunder.headers.get('idempotent-replayed')).toBe('true');
    for (const other of [byOfficer, byStaff]) {
      expect(other.status).toBe(201);
      expect(other.body.id).not.toBe(first.body.id);
      expect(other.headers.get('idempotent-replayed')).toBeNull();
    }
    expect(byStaff.body.id).not.toBe(byOfficer.body.id);
    expect(byStaffAgain).toMatchObject({ status: 201, body: { id: byStaff.body.id } });
    expect(byStaffAgain.headers.get('idempotent-replayed')).toBe('true');
  });
});
