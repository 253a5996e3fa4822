import { randomUUID } from 'node:crypto';
import { funderWithKey, nominate, nominatedProgramme, openProgramme, personClient, type FunderAccess } from './fixtures';
import { clientAs, startSubsidies, type SubsidiesHarness } from './harness';

const problem = (slug: string) => `https://jaring.id/problems/${slug}`;

/**
 * A funder's staff sign in at the identity provider (the development users funder.ntt and funder.csr, through
 * the login form): their token holds the role `funder` and their funder's code, which subsidies turns into the
 * funder they act for. In order: refused while no funder has their code; the programme officer registers the
 * funders with their codes (unique); then the staff work on their own funder's programmes and not another's.
 */
describe("a funder's staff, signed in at the identity provider", () => {
  let h: SubsidiesHarness;
  let officer: ReturnType<typeof clientAs>;
  let nttStaff: ReturnType<typeof personClient>;
  let ntt: FunderAccess;
  let csr: FunderAccess;

  beforeAll(async () => {
    h = await startSubsidies('funder_staff');
    officer = clientAs(h, 'programme-officer');
    nttStaff = personClient(h, 'funder.ntt');
  });
  afterAll(async () => h?.close());

  const funderCount = async () => (await h.dataSource.query('SELECT count(*)::int AS n FROM funders'))[0].n as number;

  it('is refused 403 funder-unknown while no funder has the code their sign-in names, after the route’s roles', async () => {
    for (const path of ['/v1/programmes', '/v1/funders', `/v1/programmes/${randomUUID()}`]) {
      expect(await nttStaff('GET', path)).toMatchObject({
        status: 403,
        body: { type: problem('funder-unknown'), title: 'Funder unknown' },
      });
    }
    // a route the funder role does not open says so first
    expect(await nttStaff('POST', '/v1/funders', { name: 'Pemprov', type: 'CSR' })).toMatchObject({
      status: 403,
      body: { type: problem('forbidden-role') },
    });
    expect(await funderCount()).toBe(0);
  });

  it('is a funder the programme officer registers with a code: shown in the answer, unique, checked', async () => {
    ntt = await funderWithKey(h, officer, {
      name: 'Pemerintah Provinsi NTT',
      type: 'APBD_PROVINCE',
      regionCode: '53',
      code: 'PEMPROV-NTT',
    });
    csr = await funderWithKey(h, officer, { name: 'Yayasan CSR Nusantara', type: 'CSR', code: 'CSR-NUSANTARA' });
    expect((await officer('GET', `/v1/funders/${ntt.funderId}`)).body).toMatchObject({
      name: 'Pemerintah Provinsi NTT',
      type: 'APBD_PROVINCE',
      regionCode: '53',
      code: 'PEMPROV-NTT',
    });
    const withoutCode = await officer('POST', '/v1/funders', { name: 'PT Tanpa Kode', type: 'CSR' });
    expect(withoutCode).toMatchObject({ status: 201, body: { code: null } });

    const taken = await officer('POST', '/v1/funders', { name: 'Pemprov NTT lagi', type: 'CSR', code: 'PEMPROV-NTT' });
    expect(taken).toMatchObject({
      status: 409,
      body: { type: problem('funder-code-taken'), errors: [{ field: 'code', reason: 'code is already the code of another funder' }] },
    });
    for (const code of ['pemprov-ntt', 'P', 'PEMPROV NTT', 'X'.repeat(41)]) {
      const refused = await officer('POST', '/v1/funders', { name: 'Salah Kode', type: 'CSR', code });
      expect({
        code,
        status: refused.status,
        type: refused.body.type,
        fields: refused.body.errors.map((e: { field: string }) => e.field),
      }).toEqual({
        code,
        status: 400,
        type: problem('validation-error'),
        fields: ['code'],
      });
    }
    expect(await funderCount()).toBe(3);
  });

  it("reads and opens its own funder's programmes, as its API keys do, and is refused another funder's (403 other-funder)", async () => {
    const own = await openProgramme(ntt, { name: 'Stimulus BPU NTT', budget: 5_000_000, selection: 'NOMINATED' });
    const theirs = await openProgramme(csr, { name: 'Peduli Nusantara', budget: 3_000_000, selection: 'NOMINATED' });

    const listed = await nttStaff('GET', '/v1/programmes');
    expect(listed).toMatchObject({ status: 200, body: { total: 1 } });
    expect(listed.body.items).toEqual([(await ntt.call('GET', `/v1/programmes/${own.id}`)).body]);
    expect(await nttStaff('GET', `/v1/programmes/${own.id}`)).toMatchObject({ status: 200, body: { id: own.id, budget: 5_000_000 } });
    const report = await nttStaff('GET', `/v1/programmes/${own.id}/report`);
    expect(report).toMatchObject({ status: 200, body: { programmeId: own.id, funderId: ntt.funderId } });
    expect(report.body).toEqual((await ntt.call('GET', `/v1/programmes/${own.id}/report`)).body);
    expect((await nttStaff('GET', '/v1/funders')).body).toMatchObject({ total: 1, items: [{ id: ntt.funderId, code: 'PEMPROV-NTT' }] });

    for (const path of [
      `/v1/programmes/${theirs.id}`,
      `/v1/programmes/${theirs.id}/report`,
      `/v1/programmes?funderId=${csr.funderId}`,
      `/v1/funders/${csr.funderId}`,
    ]) {
      expect({ path, ...(await nttStaff('GET', path)) }).toMatchObject({ path, status: 403, body: { type: problem('other-funder') } });
    }

    // writes: its own funder's, recorded as the person who made them; another's refused, nothing written
    const opened = await nttStaff('POST', '/v1/programmes', nominatedProgramme(ntt.funderId, 'Dibuka oleh staf'), {
      'idempotency-key': randomUUID(),
    });
    expect(opened).toMatchObject({ status: 201, body: { funderId: ntt.funderId, name: 'Dibuka oleh staf' } });
    expect(
      (await h.dataSource.query('SELECT opened_by_subject, opened_by_client FROM programmes WHERE id = $1', [opened.body.id]))[0],
    ).toEqual({ opened_by_subject: 'funder.ntt', opened_by_client: 'jaring-console' });
    const refused = await nttStaff('POST', '/v1/programmes', nominatedProgramme(csr.funderId, 'Bukan milik kami'), {
      'idempotency-key': randomUUID(),
    });
    expect(refused).toMatchObject({ status: 403, body: { type: problem('other-funder') } });
    expect((await h.dataSource.query('SELECT count(*)::int AS n FROM programmes WHERE name = $1', ['Bukan milik kami']))[0].n).toBe(0);
    expect((await nominate({ ...ntt, call: nttStaff }, theirs.id, { workerIds: [randomUUID()] })).status).toBe(403);
    expect((await nominate({ ...ntt, call: nttStaff }, own.id, { workerIds: [randomUUID()] })).status).toBe(201);
  });

  it("follows the funder's code, not the person: the other funder's staff see the other funder's", async () => {
    const csrStaff = personClient(h, 'funder.csr');
    const seen = (await csrStaff('GET', '/v1/programmes')).body.items as Array<{ funderId: string; name: string }>;
    expect(seen.map((programme) => [programme.funderId, programme.name])).toEqual([[csr.funderId, 'Peduli Nusantara']]);
  });
});
