import { randomUUID } from 'node:crypto';
import { decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import type { Role } from '@jaring/platform';
import { DEVELOPMENT_CLIENTS } from '../../../deploy/local/oidc/development-identities';
import { as, tokenOf } from '../../support/identity';
import { testInfrastructure } from '../../support/infrastructure';
import {
  accidentClaim,
  call,
  cover,
  deathClaim,
  registerWorker,
  startClaims,
  type ClaimsUnderTest,
  type HttpAnswer,
  type TestWorker,
} from './claims-test-kit';

type Credentials = { authorization: string };

const UNAUTHORIZED = { status: 401, type: 'https://jaring.id/problems/unauthorized' };
const FORBIDDEN_ROLE = { status: 403, type: 'https://jaring.id/problems/forbidden-role' };
/** The HS256 secret claims once checked its back-office tokens with, published in the development settings. */
const OLD_DEVELOPMENT_SECRET = 'development-only-jwt-secret-change-me-0123456789';

/**
 * Who may call the claims service (docs/api.md, "Who may call" and "claims"), against the test run's real
 * development OpenID provider: every route family with the roles it lets in and the roles it refuses,
 * agents kept to their own regions, and forged tokens refused.
 */
describe('claims: who may call (the development OpenID provider, real Kafka and PostgreSQL)', () => {
  let claims: ClaimsUnderTest;
  const credentials = new Map<string, Credentials>();
  let kupang: TestWorker; // Kota Kupang, 5371: agent-5371's region
  let kabupaten: TestWorker; // Kabupaten Kupang, 5303: agent-5303's

  beforeAll(async () => {
    claims = await startClaims('jaring_test_claims_access');
    for (const client of DEVELOPMENT_CLIENTS) credentials.set(client.clientId, await as(client.clientId));
    kupang = await registerWorker(claims, { regionCode: '5371' });
    kabupaten = await registerWorker(claims, { regionCode: '5303' });
    await cover(claims, kupang.workerId, ['2026-06', '2026-07']);
    await cover(claims, kabupaten.workerId, ['2026-06', '2026-07']);
  });

  afterAll(async () => {
    await claims?.close();
  });

  const by = (clientId: string): Credentials => {
    const found = credentials.get(clientId);
    if (!found) throw new Error(`no credentials of ${clientId}`);
    return found;
  };
  const request = (method: string, path: string, auth?: Credentials, body?: unknown, headers?: Record<string, string>) =>
    call(claims.baseUrl, method, path, { auth, body, headers });
  const claimCountOf = async (workerId: string): Promise<number> => {
    const [row] = await claims.dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM claims WHERE worker_id = $1', [
      workerId,
    ]);
    return row.n;
  };

  /**
   * Anonymous: 401 `unauthorized`; every development client holding none of the route's roles (a payment
   * channel, an operator, an agent on back-office routes...): 403 `forbidden-role`.
   */
  async function expectOnlyFor(
    allowed: readonly Role[],
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<void> {
    expect((await request(method, path, undefined, body, headers)).body).toMatchObject(UNAUTHORIZED);
    const refused = DEVELOPMENT_CLIENTS.filter((client) => !client.roles.some((role) => (allowed as readonly string[]).includes(role)));
    expect(refused.length).toBeGreaterThan(3);
    for (const client of refused) {
      const answer = await request(method, path, by(client.clientId), body, headers);
      expect({ client: client.clientId, ...answer.body }).toMatchObject({ client: client.clientId, ...FORBIDDEN_ROLE });
    }
  }

  const expectStatus = (answer: HttpAnswer, status: number) => {
    expect({ status: answer.status, body: answer.body }).toMatchObject({ status });
  };

  it('answers benefit estimates to anyone, without credentials', async () => {
    const answer = await request('GET', '/v1/benefit-estimates?type=JKM&membershipMonths=2');
    expect(answer.status).toBe(200);
    expect(answer.body.benefit.total).toBe(10_000_000);
  });

  it('lets agents and verifiers submit claims, and nobody else (nothing recorded for the refused)', async () => {
    const body = accidentClaim(kupang, { kind: 'MEDICAL', medicalCosts: 1_000_000 });
    await expectOnlyFor(['agent', 'verifier'], 'POST', '/v1/claims', body, { 'idempotency-key': randomUUID() });
    expect(await claimCountOf(kupang.workerId)).toBe(0);

    expectStatus(await request('POST', '/v1/claims', by('agent-5371'), body), 201);
    expectStatus(await request('POST', '/v1/claims', by('verifier'), body), 201);
    expectStatus(await request('POST', '/v1/claims', by('claims-supervisor'), body), 201);
    expect(await claimCountOf(kupang.workerId)).toBe(3);
  });

  it("lets the region's agents and the back office read a claim, and nobody else", async () => {
    const submitted = await request(
      'POST',
      '/v1/claims',
      by('agent-5371'),
      accidentClaim(kupang, { kind: 'MEDICAL', medicalCosts: 500_000 }),
    );
    expect(submitted.status).toBe(201);
    const path = `/v1/claims/${submitted.body.id}`;
    await expectOnlyFor(['agent', 'verifier', 'approver', 'finance', 'auditor'], 'GET', path);
    for (const client of ['agent-5371', 'verifier', 'approver', 'claims-supervisor', 'finance', 'auditor']) {
      const answer = await request('GET', path, by(client));
      expect({ client, status: answer.status, id: answer.body.id }).toEqual({ client, status: 200, id: submitted.body.id });
    }
  });

  it("keeps an agent to its own regions: another region's worker and its claims answer 404, as if unknown", async () => {
    const before = await claimCountOf(kabupaten.workerId);
    const foreign = await request('POST', '/v1/claims', by('agent-5371'), deathClaim(kabupaten));
    const unknown = await request('POST', '/v1/claims', by('agent-5371'), deathClaim({ ...kabupaten, workerId: randomUUID() }));
    for (const answer of [foreign, unknown]) {
      expect(answer.body).toMatchObject({ status: 404, type: 'https://jaring.id/problems/worker-not-found' });
    }
    expect(foreign.body.title).toBe(unknown.body.title);
    expect(await claimCountOf(kabupaten.workerId)).toBe(before);

    // the back office submits for any region; the region's own agent reads it, another region's does not
    const submitted = await request('POST', '/v1/claims', by('verifier'), deathClaim(kabupaten));
    expect(submitted.status).toBe(201);
    const read = (clientId: string, id: string) => request('GET', `/v1/claims/${id}`, by(clientId));
    const hidden = await read('agent-5371', submitted.body.id);
    const missing = await read('agent-5371', randomUUID());
    expect(hidden.body).toMatchObject({ status: 404, type: 'about:blank', detail: `no claim ${submitted.body.id}` });
    expect({ ...missing.body, detail: undefined, instance: undefined, correlationId: undefined }).toEqual({
      ...hidden.body,
      detail: undefined,
      instance: undefined,
      correlationId: undefined,
    });
    expect((await read('agent-5303', submitted.body.id)).body).toMatchObject({ id: submitted.body.id, workerId: kabupaten.workerId });

    const kupangClaim = await request('POST', '/v1/claims', by('agent-5371'), accidentClaim(kupang, { kind: 'MEDICAL', medicalCosts: 1 }));
    expect((await read('agent-5303', kupangClaim.body.id)).body).toMatchObject({ status: 404, type: 'about:blank' });
  });

  it('keeps each back-office route to its roles, through a claim from submission to payment', async () => {
    const worker = await registerWorker(claims, { regionCode: '5371' });
    await cover(claims, worker.workerId, ['2026-06', '2026-07']);
    const submitted = await request('POST', '/v1/claims', by('agent-5371'), deathClaim(worker, { documents: ['MEMBERSHIP_CARD'] }));
    expect(submitted.status).toBe(201);
    const claim = `/v1/claims/${submitted.body.id}`;

    await expectOnlyFor(['verifier', 'approver', 'finance', 'auditor'], 'GET', '/v1/claims?dueBefore=2026-12-31');
    for (const client of ['verifier', 'approver', 'finance', 'auditor'])
      expectStatus(await request('GET', '/v1/claims?dueBefore=2026-12-31', by(client)), 200);

    const documents = {
      documents: [
        'DECEASED_ID',
        'CLAIMANT_ID',
        'DEATH_CERTIFICATE',
        'FAMILY_CARD',
        'HEIR_CERTIFICATE',
        'MARRIAGE_BOOK',
        'BANK_ACCOUNT_BOOK',
      ],
    };
    await expectOnlyFor(['verifier'], 'POST', `${claim}/documents`, documents);
    expect((await request('POST', `${claim}/documents`, by('verifier'), documents)).body).toMatchObject({ documents: { missing: [] } });

    await expectOnlyFor(['verifier'], 'POST', `${claim}/verification`, {});
    expect((await request('POST', `${claim}/verification`, by('verifier'), {})).body).toMatchObject({ status: 'VERIFIED' });

    await expectOnlyFor(['approver'], 'POST', `${claim}/approval`, {});
    expect((await request('POST', `${claim}/approval`, by('approver'), {})).body).toMatchObject({ status: 'APPROVED' });

    const account = { bankCode: '014', accountNumber: '5550001112', accountName: 'Maria Nahak' };
    await expectOnlyFor(['verifier'], 'PATCH', `${claim}/bank-account`, account);
    expect((await request('PATCH', `${claim}/bank-account`, by('verifier'), account)).body).toMatchObject({
      claimant: { bankAccount: '****1112' },
      status: 'SUBMITTED', // four eyes: verified and approved again, by others than the account's changer
    });
    expectStatus(await request('POST', `${claim}/verification`, by('claims-supervisor'), {}), 200);
    expectStatus(await request('POST', `${claim}/approval`, by('approver'), {}), 200);

    const key = { 'idempotency-key': randomUUID() };
    await expectOnlyFor(['finance'], 'POST', '/v1/payout-batches', {}, key);
    const batch = await request('POST', '/v1/payout-batches', by('finance'), {}, key);
    expect(batch.status).toBe(201);
    const line = (batch.body.lines as Array<{ id: string; claimId: string }>).find((l) => l.claimId === submitted.body.id)!;
    const batchPath = `/v1/payout-batches/${batch.body.id}`;

    await expectOnlyFor(['finance', 'auditor'], 'GET', '/v1/payout-batches');
    for (const client of ['finance', 'auditor'])
      expect((await request('GET', '/v1/payout-batches', by(client))).body.items[0]).toMatchObject({ id: batch.body.id });

    await expectOnlyFor(['finance', 'auditor'], 'GET', batchPath);
    for (const client of ['finance', 'auditor'])
      expect((await request('GET', batchPath, by(client))).body).toMatchObject({ id: batch.body.id });

    await expectOnlyFor(['finance'], 'GET', `${batchPath}/file`);
    const file = await request('GET', `${batchPath}/file`, by('finance'));
    expect(file.status).toBe(200);
    expect(file.text).toContain(`${line.id},014,5550001112,Maria Nahak`);

    const results = { results: batch.body.lines.map((l: { id: string }) => ({ lineId: l.id, status: 'PAID' })) };
    const resultsKey = { 'idempotency-key': randomUUID() };
    await expectOnlyFor(['finance'], 'POST', `${batchPath}/results`, results, resultsKey);
    // four eyes: another finance officer than the batch's maker
    expect((await request('POST', `${batchPath}/results`, by('finance-checker'), results, resultsKey)).body).toMatchObject({
      batch: { status: 'SETTLED' },
    });

    await expectOnlyFor(['finance', 'auditor'], 'GET', '/v1/payout-ledger');
    for (const client of ['finance', 'auditor']) expect((await request('GET', '/v1/payout-ledger', by(client))).body.balanced).toBe(true);

    // rejection: verifiers and approvers
    const toReject = async () =>
      (await request('POST', '/v1/claims', by('verifier'), accidentClaim(worker, { kind: 'MEDICAL', medicalCosts: 1 }))).body.id as string;
    const reason = { reason: 'the accident report is unsigned' };
    const rejectedByVerifier = await toReject();
    await expectOnlyFor(['verifier', 'approver'], 'POST', `/v1/claims/${rejectedByVerifier}/rejection`, reason);
    for (const [client, id] of [
      ['verifier', rejectedByVerifier],
      ['approver', await toReject()],
    ]) {
      expect((await request('POST', `/v1/claims/${id}/rejection`, by(client), reason)).body).toMatchObject({ status: 'REJECTED' });
    }

    // a school year's scholarship on the paid death claim: agents (own regions) and verifiers, as a submission; the
    // worker has no child of record, which the rules refuse once the caller is let in
    const school = {
      child: { nik: worker.heirs[0].nik },
      level: 'PRIMARY',
      schoolYear: 2026,
      claimant: { fullName: 'Maria Nahak', nik: worker.heirs[0].nik, relationship: 'SPOUSE', bankAccount: account },
    };
    await expectOnlyFor(['agent', 'verifier'], 'POST', `${claim}/scholarships`, school);
    for (const client of ['agent-5371', 'verifier']) {
      expect((await request('POST', `${claim}/scholarships`, by(client), school)).body).toMatchObject({
        status: 422,
        type: 'https://jaring.id/problems/no-scholarship-right',
      });
    }

    // reassessment of a claim recorded ineligible: verifiers only
    const ineligible = accidentClaim(worker, { kind: 'MEDICAL', medicalCosts: 1 }, { incidentDate: '2026-07-25' });
    const toReassess = (await request('POST', '/v1/claims', by('verifier'), ineligible)).body.id as string;
    await expectOnlyFor(['verifier'], 'POST', `/v1/claims/${toReassess}/reassessment`, {});
    expect((await request('POST', `/v1/claims/${toReassess}/reassessment`, by('verifier'), {})).body).toMatchObject({
      status: 'SUBMITTED',
      eligibility: { eligible: false, reasons: expect.arrayContaining([expect.objectContaining({ code: 'INCIDENT_IN_FUTURE' })]) },
    });

    // the audit trail: auditors only; it names who did each step, subject and client
    await expectOnlyFor(['auditor'], 'GET', `${claim}/audit`);
    const audit = await request('GET', `${claim}/audit`, by('auditor'));
    expect(
      audit.body.items.map((e: { actor: string; actorClientId: string; action: string }) => `${e.actor}/${e.actorClientId} ${e.action}`),
    ).toEqual([
      'agent-5371/agent-5371 SUBMITTED',
      'verifier/verifier DOCUMENTS_RECEIVED',
      'verifier/verifier VERIFIED',
      'approver/approver APPROVED',
      'verifier/verifier BANK_ACCOUNT_CORRECTED',
      'claims-supervisor/claims-supervisor VERIFIED',
      'approver/approver APPROVED',
      'finance/finance PAYOUT_SCHEDULED',
      'finance-checker/finance-checker PAID',
    ]);
  });

  describe('refuses forged tokens with 401 unauthorized, and writes nothing for them', () => {
    const issuer = () => testInfrastructure().oidcIssuer;
    /** What a verifier's token would say, were it genuine. */
    const claimsOfAVerifier = () => ({
      iss: issuer(),
      aud: 'jaring-api',
      sub: 'mallory',
      client_id: 'verifier',
      realm_access: { roles: ['verifier', 'approver', 'finance', 'auditor'] },
      // the shape the old HS256 tokens had
      roles: ['verifier', 'approver', 'finance', 'auditor'],
    });
    const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

    async function expectRefused(token: string): Promise<void> {
      const auth = { authorization: `Bearer ${token}` };
      const worker = await registerWorker(claims, { regionCode: '5371' });
      expect((await request('GET', '/v1/claims?dueBefore=2026-12-31', auth)).body).toMatchObject(UNAUTHORIZED);
      expect((await request('POST', '/v1/claims', auth, deathClaim(worker))).body).toMatchObject(UNAUTHORIZED);
      expect(await claimCountOf(worker.workerId)).toBe(0);
    }

    it('an HS256 token signed with the old published development secret', async () => {
      const token = await new SignJWT(claimsOfAVerifier())
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(OLD_DEVELOPMENT_SECRET));
      await expectRefused(token);
    });

    it('an unsigned token (alg none)', async () => {
      const exp = Math.floor(Date.now() / 1000) + 3600;
      await expectRefused(`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claimsOfAVerifier(), exp })}.`);
    });

    it("a token signed by another RSA key, under an unknown key id or under the provider's", async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const sign = (kid: string) =>
        new SignJWT(claimsOfAVerifier())
          .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid })
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(privateKey);
      await expectRefused(await sign('attacker-key-1'));
      const providerKid = decodeProtectedHeader(await tokenOf('finance')).kid!;
      await expectRefused(await sign(providerKid));
    });

    it('a genuine provider token whose roles were rewritten (the signature no longer matches)', async () => {
      const [header, payload, signature] = (await tokenOf('finance')).split('.');
      const claimsOfFinance = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      await expectRefused(`${header}.${base64url({ ...claimsOfFinance, realm_access: { roles: ['verifier'] } })}.${signature}`);
    });

    it('while a genuine token of an existing role, on a route needing another role, is 403 forbidden-role', async () => {
      const worker = await registerWorker(claims, { regionCode: '5371' });
      expect((await request('GET', '/v1/claims?dueBefore=2026-12-31', by('finance'))).status).toBe(200);
      expect((await request('POST', '/v1/claims', by('finance'), deathClaim(worker))).body).toMatchObject(FORBIDDEN_ROLE);
      expect((await request('POST', `/v1/claims/${randomUUID()}/approval`, by('verifier'), {})).body).toMatchObject(FORBIDDEN_ROLE);
      expect(await claimCountOf(worker.workerId)).toBe(0);
    });
  });
});
