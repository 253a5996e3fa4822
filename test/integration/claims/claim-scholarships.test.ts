import { randomUUID } from 'node:crypto';
import { Topics, type EventEnvelope } from '@jaring/contracts';
import { as } from '../../support/identity';
import { testKafka, TopicRecorder } from '../../support/kafka';
import { waitFor } from '../../support/wait-for';
import { call, cover, deathClaim, makeNik, registerWorker, startClaims, type ClaimsUnderTest, type TestWorker } from './claims-test-kit';

type Credentials = { authorization: string };
const START = '2026-07-20T03:00:00Z';
const PROBLEMS = 'https://jaring.id/problems/';

describe('claims: scholarships (beasiswa) on a death claim, paid through the payout batches (real Kafka and PostgreSQL)', () => {
  let claims: ClaimsUnderTest;
  let recorder: TopicRecorder;
  const ownWorkers = new Set<string>();
  let verifier: Credentials;
  let approver: Credentials;
  let finance: Credentials;
  // four eyes: the bank's results of a batch `finance` made are imported by another finance officer
  let financeChecker: Credentials;
  let auditor: Credentials;

  beforeAll(async () => {
    [verifier, approver, finance, financeChecker, auditor] = await Promise.all([
      as('verifier'),
      as('approver'),
      as('finance'),
      as('finance-checker'),
      as('auditor'),
    ]);
    claims = await startClaims('jaring_test_claims_scholarships');
    recorder = await new TopicRecorder(testKafka(), [Topics.claimsClaims], (m) => ownWorkers.has(m.key ?? '')).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await claims?.close();
  });

  afterEach(() => claims.clock.set(START));

  const post = (path: string, auth: Credentials, body: unknown = {}, headers: Record<string, string> = {}) =>
    call(claims.baseUrl, 'POST', path, { auth, body, headers });
  const claimOf = async (id: string) => (await call(claims.baseUrl, 'GET', `/v1/claims/${id}`, { auth: verifier })).body;
  const eventsOf = (workerId: string, type: string) =>
    recorder.messages
      .filter((m) => m.key === workerId && m.headers.type === type)
      .map((m) => JSON.parse(m.value!) as EventEnvelope<Record<string, any>>);

  /** A worker with a widow and three children (12, 5 and 16 on 1 July 2026), covered, who died at work on 10 July 2026. */
  async function workAccidentDeath(): Promise<{ worker: TestWorker; deathClaimId: string }> {
    const worker = await registerWorker(claims, {
      heirs: [
        { relationship: 'SPOUSE', birthDate: '1992-05-25' },
        { relationship: 'CHILD', birthDate: '2014-03-01' },
        { relationship: 'CHILD', birthDate: '2021-02-01' },
        { relationship: 'CHILD', birthDate: '2010-01-15' },
      ],
    });
    ownWorkers.add(worker.workerId);
    await cover(claims, worker.workerId, ['2026-06', '2026-07']);
    const body = deathClaim(worker, { type: 'JKK', details: { kind: 'DEATH', commuting: false } }) as { documents: string[] };
    const submitted = await post('/v1/claims', verifier, {
      ...body,
      documents: [...body.documents, 'ACCIDENT_REPORT', 'DOCTOR_STATEMENT'],
    });
    expect(submitted.body).toMatchObject({
      status: 'SUBMITTED',
      eligibility: { eligible: true },
      benefit: { scholarship: { eligible: true, maxChildren: 2, maxPerChild: 87_000_000, childAgeBelow: 23 } },
    });
    const id = submitted.body.id as string;
    expect((await post(`/v1/claims/${id}/verification`, verifier)).status).toBe(200);
    expect((await post(`/v1/claims/${id}/approval`, approver)).status).toBe(200);
    return { worker, deathClaimId: id };
  }

  const scholarship = (
    worker: TestWorker,
    childIndex: number,
    level: string,
    schoolYear: number,
    overrides: Record<string, unknown> = {},
  ) => ({
    child: { nik: worker.heirs[childIndex].nik },
    level,
    schoolYear,
    claimant: {
      fullName: 'Maria Nahak',
      nik: worker.heirs[0].nik,
      relationship: 'SPOUSE',
      bankAccount: { bankCode: '002', accountNumber: '0123456789012', accountName: 'Maria Nahak' },
    },
    documents: ['MEMBERSHIP_CARD', 'CLAIMANT_ID', 'BANK_ACCOUNT_BOOK', 'FAMILY_CARD', 'SCHOOL_PROOF'],
    ...overrides,
  });

  it("pays a JKK death's first school year to two children through a payout batch, the ledger balanced", async () => {
    const { worker, deathClaimId } = await workAccidentDeath();
    const path = `/v1/claims/${deathClaimId}/scholarships`;

    const primary = await post(path, verifier, scholarship(worker, 1, 'PRIMARY', 2026), { 'idempotency-key': randomUUID() });
    expect(primary.status).toBe(201);
    expect(primary.body).toMatchObject({
      type: 'JKK',
      kind: 'SCHOLARSHIP',
      status: 'SUBMITTED',
      eligibility: { eligible: true, reasons: [] },
      benefit: { total: 1_500_000, components: [{ code: 'SCHOLARSHIP_PRIMARY', amount: 1_500_000 }] },
      scholarship: { deathClaimId, level: 'PRIMARY', schoolYear: 2026 },
      documents: { missing: [] },
      // JKK: 7 working days from Monday 20 July 2026
      dueOn: '2026-07-29',
    });
    const kindergarten = await post(path, verifier, scholarship(worker, 2, 'KINDERGARTEN', 2026));
    expect(kindergarten.status).toBe(201);
    expect(kindergarten.body.benefit.total).toBe(1_500_000);

    const ids = [primary.body.id as string, kindergarten.body.id as string];
    for (const id of ids) {
      expect((await post(`/v1/claims/${id}/verification`, verifier)).body.status).toBe('VERIFIED');
      expect((await post(`/v1/claims/${id}/approval`, approver)).body.status).toBe('APPROVED');
    }
    const submitted = await waitFor(() => {
      const seen = eventsOf(worker.workerId, 'claims.claim.submitted').filter((e) => e.data.kind === 'SCHOLARSHIP');
      return seen.length === 2 && seen;
    }, 'the scholarships submitted');
    expect(submitted.map((e) => e.data.benefitTotal)).toEqual([1_500_000, 1_500_000]);

    const batch = await post('/v1/payout-batches', finance, {}, { 'idempotency-key': randomUUID() });
    expect(batch.status).toBe(201);
    const lines = batch.body.lines as Array<{ id: string; claimId: string; amount: number }>;
    const death = await claimOf(deathClaimId);
    expect(lines.map((l) => [l.claimId, l.amount]).sort()).toEqual(
      [
        [deathClaimId, death.benefit.total],
        [ids[0], 1_500_000],
        [ids[1], 1_500_000],
      ].sort(),
    );
    const results = await post(
      `/v1/payout-batches/${batch.body.id}/results`,
      financeChecker,
      { results: lines.map((l) => ({ lineId: l.id, status: 'PAID' })) },
      { 'idempotency-key': randomUUID() },
    );
    expect(results.status).toBe(200);
    for (const id of ids) expect(await claimOf(id)).toMatchObject({ status: 'PAID', payment: { amount: 1_500_000, latePenalty: 0 } });
    const paid = await waitFor(() => {
      const seen = eventsOf(worker.workerId, 'claims.claim.paid').filter((e) => e.data.kind === 'SCHOLARSHIP');
      return seen.length === 2 && seen;
    }, 'the scholarships paid');
    expect(paid.map((e) => e.data.amount)).toEqual([1_500_000, 1_500_000]);
    const ledger = await call(claims.baseUrl, 'GET', '/v1/payout-ledger', { auth: auditor });
    expect(ledger.body.balanced).toBe(true);
    const balance = (account: string) => ledger.body.accounts.find((a: { account: string }) => a.account === account)?.balance ?? 0;
    expect(balance('claimants-paid')).toBe(death.benefit.total + 3_000_000);

    // a scholarship claim on a scholarship, or on a claim not yet approved, is refused
    expect((await post(`/v1/claims/${ids[0]}/scholarships`, verifier, scholarship(worker, 1, 'PRIMARY', 2026))).body).toMatchObject({
      status: 409,
      type: `${PROBLEMS}scholarship-needs-approved-claim`,
    });
  });

  it('refuses a third child, a year claimed twice, a child who is no heir, and a level whose years are used, naming the field', async () => {
    const { worker, deathClaimId } = await workAccidentDeath();
    const path = `/v1/claims/${deathClaimId}/scholarships`;
    const refusal = async (body: unknown) => {
      const answer = await post(path, verifier, body);
      expect(answer.status).toBe(422);
      return [answer.body.type.replace(PROBLEMS, ''), answer.body.errors.map((e: { field: string }) => e.field)];
    };
    expect((await post(path, verifier, scholarship(worker, 1, 'PRIMARY', 2026))).status).toBe(201);
    expect((await post(path, verifier, scholarship(worker, 2, 'KINDERGARTEN', 2026))).status).toBe(201);

    expect(await refusal(scholarship(worker, 1, 'PRIMARY', 2026))).toEqual(['school-year-already-claimed', ['schoolYear']]);
    expect(await refusal(scholarship(worker, 3, 'JUNIOR_SECONDARY', 2026))).toEqual(['scholarship-children-limit', ['child.nik']]);
    expect(await refusal(scholarship(worker, 0, 'PRIMARY', 2026))).toEqual(['child-not-heir', ['child.nik']]);
    expect(await refusal({ ...scholarship(worker, 1, 'PRIMARY', 2026), child: { nik: makeNik('2015-01-01') } })).toEqual([
      'child-not-heir',
      ['child.nik'],
    ]);
    expect(await refusal(scholarship(worker, 1, 'PRIMARY', 2027))).toEqual(['school-year-not-started', ['schoolYear']]);
    // bad input is a 400 naming the field
    const bad = await post(path, verifier, scholarship(worker, 1, 'UNIVERSITY', 2026));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['level']);

    // kindergarten is paid for two years: the third is refused
    claims.clock.set('2027-07-20T03:00:00Z');
    expect((await post(path, verifier, scholarship(worker, 2, 'KINDERGARTEN', 2027))).status).toBe(201);
    claims.clock.set('2028-07-20T03:00:00Z');
    expect(await refusal(scholarship(worker, 2, 'KINDERGARTEN', 2028))).toEqual(['school-level-years-exhausted', ['level']]);
    expect((await post(path, verifier, scholarship(worker, 2, 'PRIMARY', 2028))).status).toBe(201);

    const rows = await claims.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM claims WHERE worker_id = $1 AND kind = 'SCHOLARSHIP'`,
      [worker.workerId],
    );
    expect(rows).toEqual([{ n: 4 }]);
  });

  it('gives no scholarship on a JKM death with less than 3 years of contributions', async () => {
    const worker = await registerWorker(claims, {
      heirs: [
        { relationship: 'SPOUSE', birthDate: '1992-05-25' },
        { relationship: 'CHILD', birthDate: '2014-03-01' },
      ],
    });
    ownWorkers.add(worker.workerId);
    await cover(claims, worker.workerId, ['2026-06', '2026-07']);
    const death = await post('/v1/claims', verifier, deathClaim(worker));
    expect(death.body.benefit.scholarship).toMatchObject({ eligible: false, maxPerChild: 0, levels: [] });
    expect((await post(`/v1/claims/${death.body.id}/verification`, verifier)).status).toBe(200);
    expect((await post(`/v1/claims/${death.body.id}/approval`, approver)).status).toBe(200);
    const answer = await post(`/v1/claims/${death.body.id}/scholarships`, verifier, scholarship(worker, 1, 'PRIMARY', 2026));
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ type: `${PROBLEMS}no-scholarship-right`, errors: [{ field: 'deathClaimId' }] });
  });
});
