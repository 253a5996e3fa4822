import { createHash } from 'node:crypto';
import { ADMIN_KEY, client, startSubsidies, type SubsidiesHarness } from './harness';

/** Funders, partner API keys (hashed, shown once, revocable), who may do what, and rate limits per key. */
describe('subsidies partners: funders, API keys, isolation, rate limits', () => {
  let h: SubsidiesHarness;
  let admin: ReturnType<typeof client>;
  const RATE_LIMIT = 40;

  beforeAll(async () => {
    h = await startSubsidies('partners', { env: { RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) } });
    admin = client(h.baseUrl, ADMIN_KEY);
  });
  afterAll(async () => h?.close());

  async function newFunder(body: Record<string, unknown> = { name: 'PT Sahabat Pekerja', type: 'CSR' }): Promise<string> {
    const response = await admin('POST', '/v1/funders', body);
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function newKey(funderId: string): Promise<{ id: string; key: string }> {
    const response = await admin('POST', `/v1/funders/${funderId}/api-keys`, { name: 'test' });
    expect(response.status).toBe(201);
    return response.body;
  }

  it('lets the operator register funders of each type, an APBD one with its region', async () => {
    const response = await admin('POST', '/v1/funders', { name: 'Pemerintah Kota Kupang', type: 'APBD_REGENCY', regionCode: '5371' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ name: 'Pemerintah Kota Kupang', type: 'APBD_REGENCY', regionCode: '5371' });
    const province = await admin('POST', '/v1/funders', { name: 'Pemerintah Provinsi NTT', type: 'APBD_PROVINCE', regionCode: '53' });
    expect(province.status).toBe(201);
    expect((await admin('POST', '/v1/funders', { name: 'Kemnaker', type: 'APBN' })).body).toMatchObject({ type: 'APBN', regionCode: null });
  });

  it('answers bad funders with a problem naming the field', async () => {
    const missing = await admin('POST', '/v1/funders', { type: 'CHARITY', extra: 1 });
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect([...new Set(missing.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['extra', 'name', 'type']);
    const noRegion = await admin('POST', '/v1/funders', { name: 'Kabupaten X', type: 'APBD_REGENCY' });
    expect(noRegion.status).toBe(400);
    expect(noRegion.body.errors).toEqual([expect.objectContaining({ field: 'regionCode' })]);
    const provinceWithRegency = await admin('POST', '/v1/funders', { name: 'Provinsi', type: 'APBD_PROVINCE', regionCode: '5371' });
    expect(provinceWithRegency.status).toBe(400);
    const csrWithRegion = await admin('POST', '/v1/funders', { name: 'PT X', type: 'CSR', regionCode: '5371' });
    expect(csrWithRegion.status).toBe(400);
  });

  it('refuses requests without a key, with an unknown key, and partner keys on operator actions', async () => {
    expect((await client(h.baseUrl)('POST', '/v1/funders', { name: 'x', type: 'CSR' })).status).toBe(401);
    expect((await client(h.baseUrl, 'jrk_not-a-real-key')('GET', `/v1/funders/${await newFunder()}`)).status).toBe(401);
    const funderId = await newFunder();
    const { key } = await newKey(funderId);
    const partner = client(h.baseUrl, key);
    expect((await partner('POST', '/v1/funders', { name: 'Mine', type: 'CSR' })).status).toBe(403);
    expect((await partner('POST', `/v1/funders/${funderId}/api-keys`, {})).status).toBe(403);
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
    expect((await partner('GET', `/v1/funders/${theirs}`)).status).toBe(403);
    expect((await partner('GET', `/v1/funders/${theirs}/api-keys`)).status).toBe(403);
    const theirKey = await newKey(theirs);
    expect((await partner('DELETE', `/v1/funders/${theirs}/api-keys/${theirKey.id}`)).status).toBe(403);
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
    expect((await partner('GET', `/v1/funders/${funderId}`)).status).toBe(401);
    expect((await client(h.baseUrl, second.key)('GET', `/v1/funders/${funderId}`)).status).toBe(200);
    expect((await admin('DELETE', `/v1/funders/${funderId}/api-keys/${second.id}`)).status).toBe(204);
    expect((await client(h.baseUrl, second.key)('GET', `/v1/funders/${funderId}`)).status).toBe(401);
    expect((await admin('DELETE', `/v1/funders/${funderId}/api-keys/${funderId}`)).status).toBe(404);
  });

  it('limits each key to its own allowance per minute: 429 past it, other keys unaffected', async () => {
    const funderId = await newFunder();
    const busy = client(h.baseUrl, (await newKey(funderId)).key);
    const calm = client(h.baseUrl, (await newKey(funderId)).key);
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT; i++) statuses.push((await busy('GET', `/v1/funders/${funderId}`)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const limited = await busy('GET', `/v1/funders/${funderId}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await calm('GET', `/v1/funders/${funderId}`)).status).toBe(200);
  });

  it('describes the partner API in its OpenAPI document', async () => {
    const response = await fetch(`${h.baseUrl}/docs-json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
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
  });
});
