import { Topics } from '@jaring/contracts';
import { as } from '../../support/identity';
import { testKafka, TopicRecorder } from '../../support/kafka';
import { waitFor } from '../../support/wait-for';
import { call, cover, deathClaim, lapse, registerWorker, startClaims, type ClaimsUnderTest } from './claims-test-kit';

type Credentials = { authorization: string };

describe('claims: back-office decisions, maker-checker, audit trail, service levels', () => {
  let claims: ClaimsUnderTest;
  let recorder: TopicRecorder;
  const ownWorkers = new Set<string>();
  // development clients of the test run's OpenID provider; each token's subject is the client id
  let verifier: Credentials;
  let approver: Credentials;
  /** holds both verifier and approver: maker-checker must still stop them approving what they verified */
  let supervisor: Credentials;
  let auditor: Credentials;

  beforeAll(async () => {
    [verifier, approver, supervisor, auditor] = await Promise.all([as('verifier'), as('approver'), as('claims-supervisor'), as('auditor')]);
    claims = await startClaims('jaring_test_claims_decisions');
    recorder = await new TopicRecorder(testKafka(), [Topics.claimsClaims], (m) => ownWorkers.has(m.key ?? '')).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await claims?.close();
  });

  const post = (path: string, auth?: Credentials, body: unknown = {}) => call(claims.baseUrl, 'POST', path, { auth, body });
  const forbiddenRole = { status: 403, type: 'https://jaring.id/problems/forbidden-role' };

  async function submittedClaim(overrides: Record<string, unknown> = {}): Promise<{ id: string; workerId: string }> {
    const worker = await registerWorker(claims);
    ownWorkers.add(worker.workerId);
    await cover(claims, worker.workerId, ['2026-06', '2026-07']);
    const answer = await post('/v1/claims', verifier, deathClaim(worker, overrides));
    expect(answer.status).toBe(201);
    return { id: answer.body.id, workerId: worker.workerId };
  }

  it("lets each decision to its role only: no token is 401, another role's 403, and the claim is untouched", async () => {
    const { id } = await submittedClaim();
    expect((await post(`/v1/claims/${id}/verification`)).body).toMatchObject({
      status: 401,
      type: 'https://jaring.id/problems/unauthorized',
    });
    const wrongRole = await post(`/v1/claims/${id}/verification`, approver);
    expect(wrongRole.body).toMatchObject(forbiddenRole);
    expect(wrongRole.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await post(`/v1/claims/${id}/approval`, verifier)).body).toMatchObject(forbiddenRole);
    expect((await call(claims.baseUrl, 'GET', `/v1/claims/${id}/audit`, { auth: verifier })).body).toMatchObject(forbiddenRole);
    const claim = await call(claims.baseUrl, 'GET', `/v1/claims/${id}`, { auth: verifier });
    expect(claim.body).toMatchObject({ status: 'SUBMITTED', history: [{ action: 'SUBMITTED' }] });
  });

  it('enforces maker-checker: the verifier cannot approve, even holding the approver role; another approver can; each step announced', async () => {
    const { id, workerId } = await submittedClaim();
    const verified = await post(`/v1/claims/${id}/verification`, supervisor, { note: 'documents checked against the originals' });
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe('VERIFIED');

    const self = await post(`/v1/claims/${id}/approval`, supervisor);
    expect(self.body).toMatchObject({ status: 403, type: 'https://jaring.id/problems/maker-checker' });
    expect((await call(claims.baseUrl, 'GET', `/v1/claims/${id}`, { auth: verifier })).body.status).toBe('VERIFIED');

    const approved = await post(`/v1/claims/${id}/approval`, approver);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('APPROVED');
    expect((await post(`/v1/claims/${id}/approval`, approver)).status).toBe(409);

    const types = await waitFor(() => {
      const seen = recorder.messages.filter((m) => m.key === workerId).map((m) => m.headers.type);
      return seen.includes('claims.claim.approved') && seen;
    }, 'the decisions on the topic');
    expect(types).toEqual(['claims.claim.submitted', 'claims.claim.verified', 'claims.claim.approved']);

    // the rule compares people (subjects), not roles: the supervisor approves what someone else verified
    const other = await submittedClaim();
    expect((await post(`/v1/claims/${other.id}/verification`, verifier)).status).toBe(200);
    const approvedBySupervisor = await post(`/v1/claims/${other.id}/approval`, supervisor);
    expect(approvedBySupervisor.status).toBe(200);
    expect(approvedBySupervisor.body.status).toBe('APPROVED');
  });

  it('keeps an append-only audit trail (who, when, what, why) that auditors read and nobody edits', async () => {
    const { id } = await submittedClaim();
    await post(`/v1/claims/${id}/verification`, verifier, { note: 'ok' });
    await post(`/v1/claims/${id}/rejection`, approver, { reason: 'the heir certificate is a copy, not the original' });
    const audit = await call(claims.baseUrl, 'GET', `/v1/claims/${id}/audit`, { auth: auditor });
    expect(audit.status).toBe(200);
    // who: the token's subject and the client it came through (client credentials: both the client id)
    expect(
      audit.body.items.map((e: { actor: string; actorClientId: string; action: string; reason: string | null }) => [
        e.actor,
        e.actorClientId,
        e.action,
        e.reason,
      ]),
    ).toEqual([
      ['verifier', 'verifier', 'SUBMITTED', null],
      ['verifier', 'verifier', 'VERIFIED', 'ok'],
      ['approver', 'approver', 'REJECTED', 'the heir certificate is a copy, not the original'],
    ]);
    expect(audit.body.items[2]).toMatchObject({
      fromStatus: 'VERIFIED',
      toStatus: 'REJECTED',
      actorRoles: ['approver'],
      at: '2026-07-20T03:00:00.000Z',
    });

    await expect(claims.dataSource.query(`UPDATE claim_audit SET reason = 'edited' WHERE claim_id = $1`, [id])).rejects.toThrow(
      /append-only/,
    );
    await expect(claims.dataSource.query(`DELETE FROM claim_audit WHERE claim_id = $1`, [id])).rejects.toThrow(/append-only/);
    expect((await call(claims.baseUrl, 'GET', `/v1/claims/${id}/audit`, { auth: auditor })).body.total).toBe(3);
  });

  it('rejects with a reason only, and a rejected claim goes no further', async () => {
    const { id } = await submittedClaim();
    const noReason = await post(`/v1/claims/${id}/rejection`, verifier, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    expect((await post(`/v1/claims/${id}/rejection`, verifier, { reason: 'not the deceased member' })).body).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'not the deceased member',
    });
    const after = await post(`/v1/claims/${id}/verification`, verifier);
    expect(after.status).toBe(409);
    expect(after.body.claimStatus).toBe('REJECTED');
  });

  it('verifies only eligible claims with complete documents; the due date runs from the last document', async () => {
    const worker = await registerWorker(claims, { heirs: [{ relationship: 'SPOUSE', birthDate: '1992-05-25' }] });
    ownWorkers.add(worker.workerId);
    // covered in June only, lapsed from 1 July: the death on 10 July is recorded ineligible
    await cover(claims, worker.workerId, ['2026-06']);
    await lapse(claims, worker.workerId, '2026-07-01', '2026-06-30');
    const uncovered = await post('/v1/claims', verifier, deathClaim(worker));
    expect(uncovered.body).toMatchObject({ status: 'SUBMITTED', eligibility: { reasons: [{ code: 'COVERAGE_LAPSED' }] } });
    expect((await post(`/v1/claims/${uncovered.body.id}/verification`, verifier)).body.type).toMatch(/claim-ineligible/);

    const { id } = await submittedClaim({ documents: ['MEMBERSHIP_CARD', 'DEATH_CERTIFICATE'] });
    const early = await post(`/v1/claims/${id}/verification`, verifier);
    expect(early.status).toBe(409);
    expect(early.body.missing).toEqual([
      'CLAIMANT_ID',
      'BANK_ACCOUNT_BOOK',
      'DECEASED_ID',
      'FAMILY_CARD',
      'HEIR_CERTIFICATE',
      'MARRIAGE_BOOK',
    ]);

    claims.clock.set('2026-07-24T03:00:00Z'); // Friday
    try {
      const complete = await post(`/v1/claims/${id}/documents`, verifier, {
        documents: ['CLAIMANT_ID', 'BANK_ACCOUNT_BOOK', 'DECEASED_ID', 'FAMILY_CARD', 'HEIR_CERTIFICATE', 'MARRIAGE_BOOK'],
      });
      expect(complete.status).toBe(200);
      // complete Friday 24 July + 3 working days (JKM) = Wednesday 29 July
      expect(complete.body).toMatchObject({ documents: { missing: [], completeOn: '2026-07-24' }, dueOn: '2026-07-29' });
      expect((await post(`/v1/claims/${id}/verification`, verifier)).body.status).toBe('VERIFIED');
    } finally {
      claims.clock.set('2026-07-20T03:00:00Z');
    }
  });

  it('lists the claims near or past their due date and counts the overdue ones in /metrics', async () => {
    const { id } = await submittedClaim(); // documents complete 20 July, due 23 July
    const list = (query: string) => call(claims.baseUrl, 'GET', `/v1/claims?${query}`, { auth: approver });
    expect((await call(claims.baseUrl, 'GET', '/v1/claims?dueBefore=2026-07-31')).body).toMatchObject({
      status: 401,
      type: 'https://jaring.id/problems/unauthorized',
    });
    const near = await list('dueBefore=2026-07-23');
    expect(near.status).toBe(200);
    expect(near.body.items.find((c: { id: string }) => c.id === id)).toMatchObject({
      dueOn: '2026-07-23',
      overdue: false,
      workingDaysOverdue: 0,
    });
    expect((await list('dueBefore=2026-07-22')).body.items.find((c: { id: string }) => c.id === id)).toBeUndefined();
    expect((await list('dueBefore=2026-02-30')).status).toBe(400);

    claims.clock.set('2026-07-28T03:00:00Z'); // Tuesday: Fri 24, Mon 27, Tue 28 past the due date
    try {
      const late = await list('dueBefore=2026-07-28');
      expect(late.body.items.find((c: { id: string }) => c.id === id)).toMatchObject({ overdue: true, workingDaysOverdue: 3 });
      const overdue = late.body.items.filter((c: { overdue: boolean; type: string }) => c.overdue && c.type === 'JKM').length;
      const metrics = await (await fetch(`${claims.baseUrl}/metrics`)).text();
      expect(metrics).toContain(`jaring_claims_overdue{type="JKM",service="claims"} ${overdue}`);
      expect(overdue).toBeGreaterThan(0);
    } finally {
      claims.clock.set('2026-07-20T03:00:00Z');
    }
  });
});
