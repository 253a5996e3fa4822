import { randomUUID } from 'node:crypto';
import { Topics, type EventEnvelope } from '@jaring/contracts';
import { as, personTokenOf } from '../../support/identity';
import { testKafka, TopicRecorder } from '../../support/kafka';
import { waitFor } from '../../support/wait-for';
import { accidentClaim, call, cover, deathClaim, registerWorker, startClaims, type ClaimsUnderTest } from './claims-test-kit';

type Credentials = { authorization: string };
const problem = (status: number, slug: string) => ({ status, type: `https://jaring.id/problems/${slug}` });

/**
 * Bank returns and four eyes wherever money can be redirected (issue 17): a paid line given back by the bank is
 * reversed in the ledger and paid again, once, after its account is corrected and the claim verified and approved
 * again by others; large claims need two approvers; the bank's results are imported by another than the batch's
 * maker. The development clients' subjects are their client ids.
 */
describe('claims: bank returns and four eyes on payouts (real Kafka and PostgreSQL)', () => {
  let claims: ClaimsUnderTest;
  let recorder: TopicRecorder;
  const ownWorkers = new Set<string>();
  let verifier: Credentials;
  let approver: Credentials;
  /** verifier and approver: the second person on either step */
  let supervisor: Credentials;
  let finance: Credentials;
  let financeChecker: Credentials;
  let auditor: Credentials;

  beforeAll(async () => {
    [verifier, approver, supervisor, finance, financeChecker, auditor] = await Promise.all(
      ['verifier', 'approver', 'claims-supervisor', 'finance', 'finance-checker', 'auditor'].map((client) => as(client)),
    );
    claims = await startClaims('jaring_test_claims_payout_safety');
    recorder = await new TopicRecorder(testKafka(), [Topics.claimsClaims, Topics.claimsPayouts], (m) =>
      ownWorkers.has(m.key ?? ''),
    ).start();
  });

  afterEach(() => {
    claims.clock.set('2026-07-20T03:00:00Z');
  });

  afterAll(async () => {
    await recorder?.stop();
    await claims?.close();
  });

  const post = (path: string, auth: Credentials, body: unknown = {}, key?: string) =>
    call(claims.baseUrl, 'POST', path, { auth, body, headers: key ? { 'idempotency-key': key } : {} });
  const get = (path: string, auth: Credentials = auditor) => call(claims.baseUrl, 'GET', path, { auth });
  const newBatch = () => post('/v1/payout-batches', finance, {}, randomUUID());
  const answer = (batchId: string, results: unknown[], auth = financeChecker, key = randomUUID()) =>
    post(`/v1/payout-batches/${batchId}/results`, auth, { results }, key);
  const uploadResults = (batchId: string, file: string, auth = financeChecker) =>
    fetch(`${claims.baseUrl}/v1/payout-batches/${batchId}/results`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv', 'idempotency-key': randomUUID() },
      body: file,
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as any }));
  const claimOf = async (id: string) => (await get(`/v1/claims/${id}`)).body;
  const eventsOf = (workerId: string, type: string) =>
    recorder.messages
      .filter((m) => m.key === workerId && m.headers.type === type)
      .map((m) => JSON.parse(m.value!) as EventEnvelope<Record<string, any>>);
  const ledgerOf = async (claimId: string) =>
    (
      await claims.dataSource.query<Array<{ id: string; debit_account: string; credit_account: string; amount: number }>>(
        `SELECT e.id, e.debit_account, e.credit_account, e.amount::int FROM ledger_entries e JOIN payout_lines l ON l.id = e.line_id
         WHERE l.claim_id = $1
         ORDER BY e.posted_at, CASE split_part(e.id, ':', 1) WHEN 'reserve' THEN 0 WHEN 'return' THEN 2 ELSE 1 END`,
        [claimId],
      )
    ).map((e) => ({ kind: e.id.split(':')[0], debit: e.debit_account, credit: e.credit_account, amount: e.amount }));
  /** What the claimant holds from a claim: debits minus credits of `claimants-paid` over its lines. */
  const paidToClaimant = async (claimId: string) => {
    const [{ net }] = await claims.dataSource.query(
      `SELECT coalesce(sum(CASE WHEN e.debit_account = 'claimants-paid' THEN e.amount WHEN e.credit_account = 'claimants-paid' THEN -e.amount ELSE 0 END), 0)::int AS net
       FROM ledger_entries e JOIN payout_lines l ON l.id = e.line_id WHERE l.claim_id = $1`,
      [claimId],
    );
    return net as number;
  };
  const expectLedgerBalanced = async () => expect((await get('/v1/payout-ledger')).body.balanced).toBe(true);

  async function submitted(kind: 'death' | 'large-medical' | 'medical-at-threshold' = 'death'): Promise<{ id: string; workerId: string }> {
    const worker = await registerWorker(claims);
    ownWorkers.add(worker.workerId);
    await cover(claims, worker.workerId, ['2026-06', '2026-07']);
    const body =
      kind === 'death'
        ? deathClaim(worker)
        : accidentClaim(worker, { kind: 'MEDICAL', medicalCosts: kind === 'large-medical' ? 150_000_000 : 100_000_000 });
    const answered = await post('/v1/claims', verifier, body);
    expect(answered.body.eligibility.eligible).toBe(true);
    return { id: answered.body.id, workerId: worker.workerId };
  }

  async function approvedClaim(): Promise<{ id: string; workerId: string }> {
    const claim = await submitted();
    expect((await post(`/v1/claims/${claim.id}/verification`, verifier)).status).toBe(200);
    expect((await post(`/v1/claims/${claim.id}/approval`, approver)).body.status).toBe('APPROVED');
    return claim;
  }

  function lineOf(batch: { lines: Array<{ claimId: string; id: string; amount: number; status: string }> }, claimId: string) {
    const line = batch.lines.find((l) => l.claimId === claimId);
    if (!line) throw new Error(`claim ${claimId} is not in the batch`);
    return line;
  }

  it('reverses a paid line the bank returns, holds the claim, and pays it once more after a correction checked by two others', async () => {
    const { id, workerId } = await approvedClaim();
    const first = await newBatch();
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ createdBy: 'finance', trail: [{ actor: 'finance', action: 'BATCH_CREATED' }] });
    const line = lineOf(first.body, id);
    expect((await call(claims.baseUrl, 'GET', `/v1/payout-batches/${first.body.id}/file`, { auth: finance })).status).toBe(200);
    expect((await answer(first.body.id, [{ lineId: line.id, status: 'PAID', bankReference: 'BRI-1' }])).body.applied).toBe(1);
    expect(await claimOf(id)).toMatchObject({ status: 'PAID', payment: { amount: 42_000_000 } });
    expect(await paidToClaimant(id)).toBe(42_000_000);

    // the batch's maker may not import its results, a return neither: 403, nothing written
    const byMaker = await answer(first.body.id, [{ lineId: line.id, status: 'RETURNED', reason: 'ACCOUNT_CLOSED' }], finance);
    expect(byMaker.body).toMatchObject(problem(403, 'maker-checker-batch'));
    expect(await claimOf(id)).toMatchObject({ status: 'PAID' });

    // the bank's return file, as text/csv, by the checker
    const returned = await uploadResults(first.body.id, `line_id,status,reason,bank_reference\n${line.id},RETURNED,ACCOUNT_CLOSED,\n`);
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ applied: 1, unchanged: 0, lines: [{ lineId: line.id, outcome: 'RETURNED' }] });
    expect(lineOf(returned.body.batch, id)).toMatchObject({ status: 'RETURNED', returnReason: 'ACCOUNT_CLOSED' });
    expect(await claimOf(id)).toMatchObject({ status: 'APPROVED', payoutHold: 'PAYMENT_RETURNED', payment: null });
    expect(await paidToClaimant(id)).toBe(0);
    expect(await ledgerOf(id)).toEqual([
      { kind: 'reserve', debit: 'payouts-reserved', credit: 'claims-fund', amount: 42_000_000 },
      { kind: 'settle', debit: 'claimants-paid', credit: 'payouts-reserved', amount: 42_000_000 },
      { kind: 'return', debit: 'claims-fund', credit: 'claimants-paid', amount: 42_000_000 },
    ]);
    await expectLedgerBalanced();
    const [paymentReturned] = await waitFor(() => {
      const seen = eventsOf(workerId, 'claims.claim.payment-returned');
      return seen.length ? seen : undefined;
    }, 'claims.claim.payment-returned');
    expect(paymentReturned.data).toEqual({
      claimId: id,
      workerId,
      type: 'JKM',
      kind: 'DEATH',
      amount: 42_000_000,
      paidOn: '2026-07-20',
      returnedOn: '2026-07-20',
      reason: 'ACCOUNT_CLOSED',
    });
    const payoutReturned = await waitFor(() => eventsOf(workerId, 'claims.payout.returned')[0], 'claims.payout.returned');
    expect(payoutReturned.data).toEqual({
      payoutId: line.id,
      batchId: first.body.id,
      claimId: id,
      workerId,
      amount: 42_000_000,
      returnReason: 'ACCOUNT_CLOSED',
    });

    // returned twice, the first results re-sent: nothing changes
    expect((await answer(first.body.id, [{ lineId: line.id, status: 'RETURNED', reason: 'ACCOUNT_CLOSED' }])).body).toMatchObject({
      applied: 0,
      lines: [{ lineId: line.id, outcome: 'ALREADY_APPLIED' }],
    });
    expect((await answer(first.body.id, [{ lineId: line.id, status: 'PAID', bankReference: 'BRI-1' }])).body).toMatchObject({
      applied: 0,
      lines: [{ lineId: line.id, outcome: 'ALREADY_APPLIED' }],
    });
    expect((await answer(first.body.id, [{ lineId: line.id, status: 'FAILED', reason: 'ACCOUNT_CLOSED' }])).body).toMatchObject({
      ...problem(409, 'payout-already-answered'),
      lines: [{ lineId: line.id, status: 'RETURNED' }],
    });
    // held: no batch takes it; a verifier is offered the correction
    expect((await newBatch()).body).toMatchObject(problem(422, 'nothing-to-pay'));
    expect((await get(`/v1/claims/${id}`, verifier)).body.availableActions).toEqual(['correct-bank-account']);

    // the next day, the correction sends it back to verification: its changer neither verifies nor approves it
    claims.clock.set('2026-07-21T03:00:00Z');
    const corrected = await call(claims.baseUrl, 'PATCH', `/v1/claims/${id}/bank-account`, {
      auth: verifier,
      body: { bankCode: '014', accountNumber: '5550001112', accountName: 'Maria Nahak' },
    });
    expect(corrected.body).toMatchObject({
      status: 'SUBMITTED',
      payoutHold: null,
      approvals: null,
      claimant: { bankAccount: '****1112' },
      availableActions: ['record-documents', 'reject'],
    });
    expect((await post(`/v1/claims/${id}/verification`, verifier)).body).toMatchObject(problem(403, 'maker-checker-bank-account'));
    expect((await post(`/v1/claims/${id}/verification`, supervisor)).body).toMatchObject({ status: 'VERIFIED' });
    expect((await post(`/v1/claims/${id}/approval`, supervisor)).body).toMatchObject(problem(403, 'maker-checker'));
    expect((await post(`/v1/claims/${id}/approval`, approver)).body).toMatchObject({ status: 'APPROVED', payoutHold: null });
    const corrections = await waitFor(() => eventsOf(workerId, 'claims.claim.bank-account-corrected')[0], 'bank-account-corrected');
    expect(corrections.data).toMatchObject({ claimId: id, status: 'SUBMITTED' });

    // the next batch pays it, to the corrected account, once
    const second = await newBatch();
    const again = lineOf(second.body, id);
    expect(again.id).not.toBe(line.id);
    expect(again.amount).toBe(42_000_000);
    const file = await call(claims.baseUrl, 'GET', `/v1/payout-batches/${second.body.id}/file`, { auth: finance });
    expect(file.text).toContain(`${again.id},014,5550001112,Maria Nahak,42000000`);
    expect(file.text).not.toContain('0123456789012');
    expect((await answer(second.body.id, [{ lineId: again.id, status: 'PAID' }])).body.applied).toBe(1);
    expect(await claimOf(id)).toMatchObject({ status: 'PAID', payoutHold: null, payment: { amount: 42_000_000 } });
    expect((await newBatch()).body).toMatchObject(problem(422, 'nothing-to-pay'));
    expect(await paidToClaimant(id)).toBe(42_000_000);
    expect((await ledgerOf(id)).map((e) => e.kind)).toEqual(['reserve', 'settle', 'return', 'reserve', 'settle']);
    await expectLedgerBalanced();
    await waitFor(() => eventsOf(workerId, 'claims.claim.paid').length === 2, 'the second claims.claim.paid');
    expect(eventsOf(workerId, 'claims.claim.paid').map((e) => e.data.claimId)).toEqual([id, id]);
    expect(eventsOf(workerId, 'claims.claim.payment-returned')).toHaveLength(1);

    // the claim's audit trail: who did what, the return and the second round included
    const audit = (await get(`/v1/claims/${id}/audit`)).body.items as Array<Record<string, any>>;
    expect(audit.map((e) => [e.action, e.actor, e.fromStatus, e.toStatus])).toEqual([
      ['SUBMITTED', 'verifier', null, 'SUBMITTED'],
      ['VERIFIED', 'verifier', 'SUBMITTED', 'VERIFIED'],
      ['APPROVED', 'approver', 'VERIFIED', 'APPROVED'],
      ['PAYOUT_SCHEDULED', 'finance', null, null],
      ['PAID', 'finance-checker', 'APPROVED', 'PAID'],
      ['PAYMENT_RETURNED', 'finance-checker', 'PAID', 'APPROVED'],
      ['BANK_ACCOUNT_CORRECTED', 'verifier', 'APPROVED', 'SUBMITTED'],
      ['VERIFIED', 'claims-supervisor', 'SUBMITTED', 'VERIFIED'],
      ['APPROVED', 'approver', 'VERIFIED', 'APPROVED'],
      ['PAYOUT_SCHEDULED', 'finance', null, null],
      ['PAID', 'finance-checker', 'APPROVED', 'PAID'],
    ]);
    expect(audit[5]).toMatchObject({ reason: 'ACCOUNT_CLOSED', details: { lineId: line.id, amount: 42_000_000, paidOn: '2026-07-20' } });
    expect(audit[6].details).toEqual({
      from: '****9012',
      to: '****1112',
      bankCode: '014',
      liftedHold: 'PAYMENT_RETURNED',
      backToVerification: true,
    });

    // the first batch's own record: made and downloaded by its maker, its results imported by another
    const record = (await get(`/v1/payout-batches/${first.body.id}`)).body.trail as Array<Record<string, any>>;
    expect(record.map((e) => [e.action, e.actor])).toEqual([
      ['BATCH_CREATED', 'finance'],
      ['FILE_DOWNLOADED', 'finance'],
      ['RESULTS_IMPORTED', 'finance-checker'],
      ['RESULTS_IMPORTED', 'finance-checker'],
      ['RESULTS_IMPORTED', 'finance-checker'],
      ['RESULTS_IMPORTED', 'finance-checker'],
    ]);
    expect(record[1].details).toMatchObject({
      lineCount: first.body.lineCount,
      total: first.body.total,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(record[3].details).toEqual({ applied: 1, unchanged: 0, paid: 0, failed: 0, returned: 1 });
    const listed = (await get('/v1/payout-batches?limit=50')).body.items.find((b: { id: string }) => b.id === first.body.id);
    expect(listed.lines).toMatchObject({ returned: 1 });
  });

  it('refuses a return of a line the bank never reported paid, naming the line; nothing of the import is written', async () => {
    const pending = await approvedClaim();
    const failed = await approvedClaim();
    const batch = await newBatch();
    const [pendingLine, failedLine] = [lineOf(batch.body, pending.id), lineOf(batch.body, failed.id)];
    expect((await answer(batch.body.id, [{ lineId: failedLine.id, status: 'FAILED', reason: 'ACCOUNT_CLOSED' }])).status).toBe(200);

    const refused = await answer(batch.body.id, [
      { lineId: pendingLine.id, status: 'RETURNED', reason: 'NAME_MISMATCH' },
      { lineId: failedLine.id, status: 'RETURNED', reason: 'NAME_MISMATCH' },
    ]);
    expect(refused.body).toMatchObject({
      ...problem(409, 'payout-never-paid'),
      errors: [
        { field: 'results.0.status', reason: expect.stringContaining(pendingLine.id) },
        { field: 'results.1.status', reason: expect.stringContaining(failedLine.id) },
      ],
      lines: [
        { lineId: pendingLine.id, status: 'PENDING' },
        { lineId: failedLine.id, status: 'FAILED' },
      ],
    });
    // the bank's file names the row instead
    const inFile = await uploadResults(batch.body.id, `line_id,status,reason,bank_reference\n${pendingLine.id},RETURNED,NAME_MISMATCH,\n`);
    expect(inFile.body).toMatchObject({ ...problem(409, 'payout-never-paid'), errors: [{ field: 'rows.1.status' }] });
    // a return needs its reason
    expect((await answer(batch.body.id, [{ lineId: pendingLine.id, status: 'RETURNED' }])).body).toMatchObject({
      ...problem(400, 'validation-error'),
      errors: [expect.objectContaining({ field: 'results.0.reason' })],
    });

    const untouched = (await get(`/v1/payout-batches/${batch.body.id}`)).body;
    expect([lineOf(untouched, pending.id).status, lineOf(untouched, failed.id).status]).toEqual(['PENDING', 'FAILED']);
    expect((await ledgerOf(pending.id)).map((e) => e.kind)).toEqual(['reserve']);
    expect((await ledgerOf(failed.id)).map((e) => e.kind)).toEqual(['reserve', 'release']);
    expect(await claimOf(pending.id)).toMatchObject({ status: 'APPROVED', payoutHold: null });
    // settle the batch so that no claim waits for later tests' batches
    expect((await answer(batch.body.id, [{ lineId: pendingLine.id, status: 'PAID' }])).body.applied).toBe(1);
    const [{ n }] = await claims.dataSource.query(
      `SELECT count(*)::int AS n FROM claim_audit WHERE claim_id = $1 AND action = 'PAYMENT_RETURNED'`,
      [pending.id],
    );
    expect(n).toBe(0);
    await expectLedgerBalanced();
    // the claim whose transfer failed is corrected, verified and approved again; the next batch takes it
    await call(claims.baseUrl, 'PATCH', `/v1/claims/${failed.id}/bank-account`, {
      auth: supervisor,
      body: { bankCode: '014', accountNumber: '5550003334', accountName: 'Maria Nahak' },
    });
    expect((await post(`/v1/claims/${failed.id}/verification`, verifier)).body.status).toBe('VERIFIED');
    // the changer holds the approver role too: refused as the account's changer
    expect((await post(`/v1/claims/${failed.id}/approval`, supervisor)).body).toMatchObject(problem(403, 'maker-checker-bank-account'));
    expect((await get(`/v1/claims/${failed.id}`, supervisor)).body.availableActions).toEqual(['reject']);
    expect((await get(`/v1/claims/${failed.id}`, approver)).body.availableActions).toEqual(['approve', 'reject']);
    expect((await post(`/v1/claims/${failed.id}/approval`, approver)).body.status).toBe('APPROVED');
    const next = await newBatch();
    expect((await answer(next.body.id, [{ lineId: lineOf(next.body, failed.id).id, status: 'PAID' }])).body.applied).toBe(1);
  });

  it('needs two approvers above Rp100,000,000, neither the verifier nor the same approver twice; one up to it', async () => {
    const large = await submitted('large-medical');
    const verified = await post(`/v1/claims/${large.id}/verification`, supervisor);
    expect(verified.body).toMatchObject({ status: 'VERIFIED', benefit: { total: 150_000_000 }, approvals: { required: 2, received: 0 } });
    expect((await post(`/v1/claims/${large.id}/approval`, supervisor)).body).toMatchObject(problem(403, 'maker-checker'));

    const first = await post(`/v1/claims/${large.id}/approval`, approver, { note: 'hospital bills checked' });
    expect(first.body).toMatchObject({ status: 'VERIFIED', approvals: { required: 2, received: 1 }, availableActions: ['reject'] });
    expect((await post(`/v1/claims/${large.id}/approval`, approver)).body).toMatchObject(problem(403, 'maker-checker-second-approval'));
    // not payable before the second approval
    expect((await newBatch()).body).toMatchObject(problem(422, 'nothing-to-pay'));
    expect((await claimOf(large.id)).history.map((h: { action: string }) => h.action)).toEqual(['SUBMITTED', 'VERIFIED', 'FIRST_APPROVAL']);

    // a third person gives the second approval (a person signing in, holding both claim roles): approved, announced once
    const officerA = { authorization: `Bearer ${await personTokenOf('claims.officer.a')}` };
    const second = await post(`/v1/claims/${large.id}/approval`, officerA);
    expect(second.body).toMatchObject({ status: 'APPROVED', approvals: { required: 2, received: 2 } });
    await waitFor(() => eventsOf(large.workerId, 'claims.claim.approved').length === 1, 'claims.claim.approved');
    expect(
      await claims.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox WHERE event_type = 'claims.claim.approved' AND message_key = $1`,
        [large.workerId],
      ),
    ).toEqual([{ n: 1 }]);

    const audit = (await get(`/v1/claims/${large.id}/audit`)).body.items as Array<Record<string, any>>;
    expect(audit.map((e) => [e.action, e.actor, e.toStatus])).toEqual([
      ['SUBMITTED', 'verifier', 'SUBMITTED'],
      ['VERIFIED', 'claims-supervisor', 'VERIFIED'],
      ['FIRST_APPROVAL', 'approver', 'VERIFIED'],
      ['APPROVED', 'claims.officer.a', 'APPROVED'],
    ]);
    expect(audit[1].details).toEqual({ approvalsRequired: 2 });
    expect(audit[2]).toMatchObject({ reason: 'hospital bills checked', details: { approvals: 1, approvalsRequired: 2 } });
    expect(audit[3].details).toEqual({ approvals: 2, approvalsRequired: 2, firstApprovedBy: 'approver' });

    // exactly the threshold: one approval
    const atThreshold = await submitted('medical-at-threshold');
    expect((await post(`/v1/claims/${atThreshold.id}/verification`, verifier)).body.approvals).toEqual({ required: 1, received: 0 });
    expect((await post(`/v1/claims/${atThreshold.id}/approval`, approver)).body).toMatchObject({
      status: 'APPROVED',
      approvals: { required: 1, received: 1 },
    });

    const batch = await newBatch();
    expect(lineOf(batch.body, large.id).amount).toBe(150_000_000);
    expect(lineOf(batch.body, atThreshold.id).amount).toBe(100_000_000);
    expect(
      (
        await answer(
          batch.body.id,
          batch.body.lines.map((l: { id: string }) => ({ lineId: l.id, status: 'PAID' })),
        )
      ).body.applied,
    ).toBe(batch.body.lineCount);
  });
});
