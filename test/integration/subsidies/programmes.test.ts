import { randomUUID } from 'node:crypto';
import { journalBalances } from '../../../apps/subsidies/src/budget/budget-ledger';
import { client, clientAs, startSubsidies, type SubsidiesHarness } from './harness';

/** Programmes as docs/api.md shapes them, their opening budget entry, idempotency, and partner isolation. */
describe('subsidies programmes', () => {
  let h: SubsidiesHarness;
  let officer: ReturnType<typeof client>;
  let kupang: string;
  let kupangPartner: ReturnType<typeof client>;
  let company: string;
  let companyPartner: ReturnType<typeof client>;

  beforeAll(async () => {
    h = await startSubsidies('programmes');
    officer = clientAs(h, 'programme-officer');
    kupang = (await officer('POST', '/v1/funders', { name: 'Pemerintah Kota Kupang', type: 'APBD_REGENCY', regionCode: '5371' })).body.id;
    kupangPartner = client(h.baseUrl, (await officer('POST', `/v1/funders/${kupang}/api-keys`, {})).body.key);
    company = (await officer('POST', '/v1/funders', { name: 'PT Sahabat Pekerja', type: 'CSR' })).body.id;
    companyPartner = client(h.baseUrl, (await officer('POST', `/v1/funders/${company}/api-keys`, {})).body.key);
  });
  afterAll(async () => h?.close());

  const kupangProgramme = (overrides: Record<string, unknown> = {}) => ({
    funderId: kupang,
    name: 'Stimulus BPU Kota Kupang',
    budget: 50_400_000,
    coverageMonths: 3,
    programs: ['JKK', 'JKM'],
    eligibility: { occupations: ['WEAVER', 'MARKET_TRADER'], incomeCeiling: 2_500_000 },
    quota: 1000,
    startsOn: '2026-07-01',
    endsOn: '2026-12-31',
    selection: 'AUTOMATIC',
    ...overrides,
  });

  it('opens a programme with its whole budget remaining, regions defaulting to the regency', async () => {
    const created = await kupangPartner('POST', '/v1/programmes', kupangProgramme(), { 'idempotency-key': randomUUID() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      funderId: kupang,
      funderType: 'APBD_REGENCY',
      budget: 50_400_000,
      coverageMonths: 3,
      programs: ['JKK', 'JKM'],
      eligibility: { regions: ['5371'], occupations: ['WEAVER', 'MARKET_TRADER'], incomeCeiling: 2_500_000 },
      quota: 1000,
      startsOn: '2026-07-01',
      endsOn: '2026-12-31',
      selection: 'AUTOMATIC',
      reserved: 0,
      spent: 0,
      remaining: 50_400_000,
      sponsoredWorkers: 0,
    });
    const fetched = await kupangPartner('GET', `/v1/programmes/${created.body.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created.body);
    // Double entry: the funder's commitment (-budget) balances the money now available.
    expect(await journalBalances(h.dataSource, created.body.id)).toEqual({
      FUNDING: -50_400_000,
      AVAILABLE: 50_400_000,
      RESERVED: 0,
      SPENT: 0,
    });
  });

  it('needs an Idempotency-Key, answers a repeat with the first answer and a changed body with 422', async () => {
    const missing = await kupangPartner('POST', '/v1/programmes', kupangProgramme());
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);

    const key = randomUUID();
    const first = await kupangPartner('POST', '/v1/programmes', kupangProgramme({ name: 'Once' }), { 'idempotency-key': key });
    const again = await kupangPartner('POST', '/v1/programmes', kupangProgramme({ name: 'Once' }), { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await h.dataSource.query("SELECT count(*)::int AS n FROM programmes WHERE name = 'Once'")).toEqual([{ n: 1 }]);
    const changed = await kupangPartner('POST', '/v1/programmes', kupangProgramme({ name: 'Twice' }), { 'idempotency-key': key });
    expect(changed.status).toBe(422);
    // Keys are per caller: another partner's identical key is its own.
    const other = await companyPartner(
      'POST',
      '/v1/programmes',
      kupangProgramme({ funderId: company, name: 'Once', eligibility: undefined }),
      { 'idempotency-key': key },
    );
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('answers bad programmes with the offending fields and writes nothing', async () => {
    const before = await h.dataSource.query('SELECT count(*)::int AS n FROM programmes');
    const bad = await kupangPartner(
      'POST',
      '/v1/programmes',
      kupangProgramme({
        budget: 10.5,
        coverageMonths: 0,
        selection: 'SOMETIMES',
        eligibility: { regions: ['53.71'], occupations: ['ASTRONAUT'] },
        startsOn: '2026-7-1',
      }),
      { 'idempotency-key': randomUUID() },
    );
    expect(bad.status).toBe(400);
    const fields = new Set(bad.body.errors.map((e: { field: string }) => e.field));
    expect([...fields].sort()).toEqual([
      'budget',
      'coverageMonths',
      'eligibility.occupations',
      'eligibility.regions',
      'selection',
      'startsOn',
    ]);
    const noJkm = await kupangPartner('POST', '/v1/programmes', kupangProgramme({ programs: ['JKK'] }), {
      'idempotency-key': randomUUID(),
    });
    expect(noJkm.status).toBe(400);
    expect(noJkm.body.errors).toEqual([expect.objectContaining({ field: 'programs' })]);
    const backwards = await kupangPartner('POST', '/v1/programmes', kupangProgramme({ startsOn: '2026-12-31', endsOn: '2026-07-01' }), {
      'idempotency-key': randomUUID(),
    });
    expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'endsOn' })]);
    const elsewhere = await kupangPartner('POST', '/v1/programmes', kupangProgramme({ eligibility: { regions: ['5371', '5310'] } }), {
      'idempotency-key': randomUUID(),
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors).toEqual([expect.objectContaining({ field: 'eligibility.regions' })]);
    expect(await h.dataSource.query('SELECT count(*)::int AS n FROM programmes')).toEqual(before);
  });

  it("keeps each partner to its own funder's programmes (403), programme officers and auditors see all", async () => {
    const theirs = await companyPartner(
      'POST',
      '/v1/programmes',
      kupangProgramme({ funderId: company, eligibility: undefined, selection: 'NOMINATED' }),
      {
        'idempotency-key': randomUUID(),
      },
    );
    expect(theirs.status).toBe(201);
    expect(await kupangPartner('GET', `/v1/programmes/${theirs.body.id}`)).toMatchObject({
      status: 403,
      body: { type: 'https://jaring.id/problems/other-funder' },
    });
    expect(
      await kupangPartner('POST', '/v1/programmes', kupangProgramme({ funderId: company }), { 'idempotency-key': randomUUID() }),
    ).toMatchObject({ status: 403, body: { type: 'https://jaring.id/problems/other-funder' } });
    expect(await kupangPartner('GET', `/v1/programmes?funderId=${company}`)).toMatchObject({
      status: 403,
      body: { type: 'https://jaring.id/problems/other-funder' },
    });
    const mine = await kupangPartner('GET', '/v1/programmes');
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((p: { funderId: string }) => p.funderId === kupang)).toBe(true);
    expect(mine.body.total).toBe(mine.body.items.length);
    expect((await officer('GET', `/v1/programmes/${theirs.body.id}`)).status).toBe(200);
    const auditor = clientAs(h, 'auditor');
    expect((await auditor('GET', `/v1/programmes/${theirs.body.id}`)).status).toBe(200);
    const everyone = await auditor('GET', '/v1/programmes');
    expect(new Set(everyone.body.items.map((p: { funderId: string }) => p.funderId))).toEqual(new Set([kupang, company]));
    const filtered = await officer('GET', `/v1/programmes?funderId=${company}`);
    expect(filtered.body.items.map((p: { funderId: string }) => p.funderId)).toEqual(filtered.body.items.map(() => company));
    expect(filtered.body.total).toBeGreaterThan(0);
    expect((await kupangPartner('GET', `/v1/programmes/${randomUUID()}`)).status).toBe(404);
  });
});
