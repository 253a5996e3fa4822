import { createHash } from 'node:crypto';
import { client, clientAs, startSubsidies, type SubsidiesHarness } from './harness';

const UNAUTHORIZED = 'https://jaring.id/problems/unauthorized';
const FORBIDDEN_ROLE = 'https://jaring.id/problems/forbidden-role';
const OTHER_FUNDER = 'https://jaring.id/problems/other-funder';

/** Funders, partner API keys (hashed, shown once, revocable), who may do what, and rate limits per caller. */
describe('subsidies partners: funders, API keys, isolation, rate limits', () => {
  let h: SubsidiesHarness;
  let officer: ReturnType<typeof client>;
  // The programme officer's own calls in this file (a few dozen) stay well below it.
  const RATE_LIMIT = 60;

  beforeAll(async () => {
    h = await startSubsidies('partners', { env: { RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) } });
    officer = clientAs(h, 'programme-officer');
  });
  afterAll(async () => h?.close());

  async function newFunder(body: Record<string, unknown> = { name: 'PT Sahabat Pekerja', type: 'CSR' }): Promise<string> {
    const response = await officer('POST', '/v1/funders', body);
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function newKey(funderId: string): Promise<{ id: string; key: string }> {
    const response = await officer('POST', `/v1/funders/${funderId}/api-keys`, { name: 'test' });
    expect(response.status).toBe(201);
    return response.body;
  }

  it('lets a programme officer register funders of each type, an APBD one with its region', async () => {
    const response = await officer('POST', '/v1/funders', { name: 'Pemerintah Kota Kupang', type: 'APBD_REGENCY', regionCode: '5371' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ name: 'Pemerintah Kota Kupang', type: 'APBD_REGENCY', regionCode: '5371' });
    const province = await officer('POST', '/v1/funders', { name: 'Pemerintah Provinsi NTT', type: 'APBD_PROVINCE', regionCode: '53' });
    expect(province.status).toBe(201);
    expect((await officer('POST', '/v1/funders', { name: 'Kemnaker', type: 'APBN' })).body).toMatchObject({
      type: 'APBN',
      regionCode: null,
    });
  });

  it('answers bad funders with a problem naming the field', async () => {
    const missing = await officer('POST', '/v1/funders', { type: 'CHARITY', extra: 1 });
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect([...new Set(missing.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['extra', 'name', 'type']);
    const noRegion = await officer('POST', '/v1/funders', { name: 'Kabupaten X', type: 'APBD_REGENCY' });
    expect(noRegion.status).toBe(400);
    expect(noRegion.body.errors).toEqual([expect.objectContaining({ field: 'regionCode' })]);
    const provinceWithRegency = await officer('POST', '/v1/funders', { name: 'Provinsi', type: 'APBD_PROVINCE', regionCode: '5371' });
    expect(provinceWithRegency.status).toBe(400);
    const csrWithRegion = await officer('POST', '/v1/funders', { name: 'PT X', type: 'CSR', regionCode: '5371' });
    expect(csrWithRegion.status).toBe(400);
  });

  it("refuses requests without a key or with an unknown one (401), and partner keys on a programme officer's actions (403)", async () => {
    const anonymous = await client(h.baseUrl)('POST', '/v1/funders', { name: 'x', type: 'CSR' });
    expect(anonymous).toMatchObject({ status: 401, body: { type: UNAUTHORIZED } });
    const unknown = await client(h.baseUrl, 'jrk_not-a-real-key')('GET', `/v1/funders/${await newFunder()}`);
    expect(unknown).toMatchObject({ status: 401, body: { type: UNAUTHORIZED } });
    const funderId = await newFunder();
    const { key } = await newKey(funderId);
    const partner = client(h.baseUrl, key);
    expect(await partner('POST', '/v1/funders', { name: 'Mine', type: 'CSR' })).toMatchObject({
      status: 403,
      body: { type: FORBIDDEN_ROLE },
    });
    expect(await partner('POST', `/v1/funders/${funderId}/api-keys`, {})).toMatchObject({ status: 403, body: { type: FORBIDDEN_ROLE } });
  });

  it('shows a key once, stores only its SHA-256, and accepts it as X-Api-Key or Bearer', async () => {
    const funderId = await newFunder();
    const created = await newKey(funderId);
    expect(created.key).toMatch(/^jrk_[A-Za-z0-9_-]{43}$/);
    const [row] = await h.dataSource.query('SELECT * FROM api_keys WHERE id = $1', [created.id]);
    expect(row.key_hash).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.key);

    const listed = await client(h.baseUrl, created.key)('GET', `/v1/funders/${funderId}/api-keys`);
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(1);
    expect(listed.body.items[0]).toMatchObject({ id: created.id, prefix: created.key.slice(0, 12), revokedAt: null });
    expect(listed.text).not.toContain(created.key);

    const bearer = await client(h.baseUrl)('GET', `/v1/funders/${funderId}`, undefined, { authorization: `Bearer ${created.key}` });
    expect(bearer.status).toBe(200);
    expect(bearer.body.id).toBe(funderId);
  });

  it("keeps a partner to its own funder: another funder's resources are a 403", async () => {
    const mine = await newFunder();
    const theirs = await newFunder({ name: 'PT Lain', type: 'CSR' });
    const partner = client(h.baseUrl, (await newKey(mine)).key);
    expect((await partner('GET', `/v1/funders/${mine}`)).status).toBe(200);
    expect(await partner('GET', `/v1/funders/${theirs}`)).toMatchObject({ status: 403, body: { type: OTHER_FUNDER } });
    expect(await partner('GET', `/v1/funders/${theirs}/api-keys`)).toMatchObject({ status: 403, body: { type: OTHER_FUNDER } });
    const theirKey = await newKey(theirs);
    expect(await partner('DELETE', `/v1/funders/${theirs}/api-keys/${theirKey.id}`)).toMatchObject({
      status: 403,
      body: { type: OTHER_FUNDER },
    });
    expect((await h.dataSource.query('SELECT revoked_at FROM api_keys WHERE id = $1', [theirKey.id]))[0].revoked_at).toBeNull();
    expect((await client(h.baseUrl, theirKey.key)('GET', `/v1/funders/${theirs}`)).status).toBe(200);
  });

  it('revokes a key at once', async () => {
    const funderId = await newFunder();
    const first = await newKey(funderId);
    const second = await newKey(funderId);
    const partner = client(h.baseUrl, first.key);
    expect((await partner('GET', `/v1/funders/${funderId}`)).status).toBe(200);
    // A partner may revoke its own funder's keys (a leaked key), here the key it is calling with.
    expect((await partner('DELETE', `/v1/funders/${funderId}/api-keys/${first.id}`)).status).toBe(204);
    expect(await partner('GET', `/v1/funders/${funderId}`)).toMatchObject({ status: 401, body: { type: UNAUTHORIZED } });
    expect((await client(h.baseUrl, second.key)('GET', `/v1/funders/${funderId}`)).status).toBe(200);
    expect((await officer('DELETE', `/v1/funders/${funderId}/api-keys/${second.id}`)).status).toBe(204);
    expect(await client(h.baseUrl, second.key)('GET', `/v1/funders/${funderId}`)).toMatchObject({
      status: 401,
      body: { type: UNAUTHORIZED },
    });
    expect((await officer('DELETE', `/v1/funders/${funderId}/api-keys/${funderId}`)).status).toBe(404);
  });

  it('limits each key to its own allowance per minute over every route: 429 past it, other callers unaffected', async () => {
    const funderId = await newFunder();
    const busy = client(h.baseUrl, (await newKey(funderId)).key);
    const calm = client(h.baseUrl, (await newKey(funderId)).key);
    const statuses: number[] = [];
    // Two routes: the allowance is the key's, not one per route.
    for (let i = 0; i < RATE_LIMIT; i++) {
      statuses.push((await busy('GET', i % 2 ? `/v1/funders/${funderId}` : `/v1/funders/${funderId}/api-keys`)).status);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    for (const path of [`/v1/funders/${funderId}`, `/v1/funders/${funderId}/webhooks`, '/v1/programmes']) {
      const limited = await busy('GET', path);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    }
    // Another key of the same funder, and the programme officer, each have their own allowance.
    expect((await calm('GET', `/v1/funders/${funderId}`)).status).toBe(200);
    expect((await officer('GET', `/v1/funders/${funderId}`)).status).toBe(200);
  });

  it('describes the partner API in its OpenAPI document', async () => {
    const response = await fetch(`${h.baseUrl}/docs-json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
      components: { securitySchemes?: Record<string, unknown> };
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/funders',
        '/v1/funders/{funderId}/api-keys',
        '/v1/funders/{funderId}/api-keys/{keyId}',
        '/v1/funders/{funderId}/webhooks',
        '/v1/programmes',
        '/v1/programmes/{id}',
        '/v1/programmes/{id}/nominations',
        '/v1/programmes/{id}/report',
      ]),
    );
    expect(JSON.stringify(document.paths['/v1/programmes'].post)).toContain('Idempotency-Key');
    // Who may call, in the document: funders' keys and the back office's bearer tokens, both declared.
    expect(document.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      'api-key': expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }),
    });
    expect(document.paths['/v1/programmes'].post.security).toEqual(expect.arrayContaining([{ bearer: [] }, { 'api-key': [] }]));
    expect(document.paths['/v1/funders'].post.security).toEqual([{ bearer: [] }]);
  });
});
