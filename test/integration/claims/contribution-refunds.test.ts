import { randomUUID } from 'node:crypto';
import { EVENTS, Topics, type ContributionRefundedV1, type EventEnvelope } from '@jaring/contracts';
import { as } from '../../support/identity';
import { testKafka, TopicRecorder } from '../../support/kafka';
import { waitFor } from '../../support/wait-for';
import { call, cover, deathClaim, registerWorker, startClaims, type ClaimsUnderTest } from './claims-test-kit';

type Credentials = { authorization: string };

/**
 * Contributions refunded after a death are paid with the death claim (docs/rules.md, refund): contributions'
 * `contributions.contribution.refunded` is produced here as contributions would. The worker's own refunds
 * (payer SELF) are owed before the claim exists, ride on the claim's transfer as a component of their own, and
 * once the claim is paid go on a transfer of their own to the same account; a sponsor's refund is not claims'.
 */
describe('claims: contributions refunded after a death, paid with the death claim', () => {
  let claims: ClaimsUnderTest;
  let recorder: TopicRecorder;
  const ownWorkers = new Set<string>();
  let verifier: Credentials;
  let approver: Credentials;
  let finance: Credentials;
  /** Four eyes: the bank's results are imported by another finance officer than the batch's maker. */
  let financeChecker: Credentials;
  let workerId: string;
  let claimId: string;
  let claimLine: any;
  let claimBatchId: string;
  let refundLine: any;
  let refundBatchId: string;

  beforeAll(async () => {
    [verifier, approver, finance, financeChecker] = await Promise.all([
      as('verifier'),
      as('approver'),
      as('finance'),
      as('finance-checker'),
    ]);
    claims = await startClaims('jaring_test_claims_contribution_refunds');
    recorder = await new TopicRecorder(testKafka(), [Topics.claimsClaims, Topics.claimsPayouts], (m) =>
      ownWorkers.has(m.key ?? ''),
    ).start();
  });
  afterAll(async () => {
    await recorder?.stop();
    await claims?.close();
  });

  const post = (path: string, auth: Credentials, body: unknown = {}) =>
    call(claims.baseUrl, 'POST', path, { auth, body, headers: { 'idempotency-key': randomUUID() } });
  const claimOf = async (id: string) => (await call(claims.baseUrl, 'GET', `/v1/claims/${id}`, { auth: finance })).body;
  const eventsOf = (type: string) =>
    recorder.messages
      .filter((m) => m.key === workerId && m.headers.type === type)
      .map((m) => JSON.parse(m.value!) as EventEnvelope<Record<string, any>>);
  const refund = (period: string, amount: number, overrides: Partial<ContributionRefundedV1> = {}): ContributionRefundedV1 => ({
    refundId: randomUUID(),
    invoiceId: randomUUID(),
    workerId,
    period,
    payer: 'SELF',
    amount,
    reason: 'WORKER_DIED',
    ...overrides,
  });
  const processed = (eventId: string) =>
    waitFor(
      async () => (await claims.dataSource.query('SELECT 1 FROM processed_events WHERE event_id = $1', [eventId])).length === 1,
      `event ${eventId} processed`,
    );
  const ledger = async () => (await call(claims.baseUrl, 'GET', '/v1/payout-ledger', { auth: finance })).body;
  const balanceOf = (book: { accounts: Array<{ account: string; balance: number }> }, account: string) =>
    book.accounts.find((a) => a.account === account)?.balance ?? 0;
  const bankFile = async (batchId: string) =>
    (await call(claims.baseUrl, 'GET', `/v1/payout-batches/${batchId}/file`, { auth: finance })).text.trim().split('\r\n');

  it('keeps the worker’s own refunds owed until there is a death claim, once each however often told; a sponsor’s is not ours', async () => {
    const worker = await registerWorker(claims);
    workerId = worker.workerId;
    ownWorkers.add(workerId);
    await cover(claims, workerId, ['2026-06', '2026-07']);

    const august = refund('2026-08', 20_000);
    const told = await claims.events.publish(EVENTS.ContributionRefunded, workerId, august);
    await claims.events.send(told); // delivered again
    const resent = await claims.events.publish(EVENTS.ContributionRefunded, workerId, august); // re-sent under a new event id
    const sponsor = await claims.events.publish(
      EVENTS.ContributionRefunded,
      workerId,
      refund('2026-08', 16_800, { payer: 'APBD', sponsorshipId: randomUUID(), authorisationId: randomUUID() }),
    );
    await processed(resent.id);
    await processed(sponsor.id);
    expect(
      await claims.dataSource.query('SELECT refund_id, amount::int AS amount FROM contribution_refunds WHERE worker_id = $1', [workerId]),
    ).toEqual([{ refund_id: august.refundId, amount: 20_000 }]);

    const submitted = await post('/v1/claims', verifier, deathClaim(worker));
    expect(submitted.body.eligibility.eligible).toBe(true);
    claimId = submitted.body.id;
    expect((await claimOf(claimId)).contributionRefunds).toEqual({
      owed: 20_000,
      scheduled: 0,
      paid: 0,
      items: [{ refundId: august.refundId, period: '2026-08', amount: 20_000, status: 'OWED' }],
    });
    expect((await post(`/v1/claims/${claimId}/verification`, verifier)).status).toBe(200);
    expect((await post(`/v1/claims/${claimId}/approval`, approver)).status).toBe(200);
  });

  it("adds what is owed to the death claim's transfer as a component of its own: bank file, ledger, claim.paid", async () => {
    const september = refund('2026-09', 36_800);
    await processed((await claims.events.publish(EVENTS.ContributionRefunded, workerId, september)).id);
    claims.clock.set('2026-07-21T03:00:00Z'); // before the due date: no penalty
    const batch = await post('/v1/payout-batches', finance);
    expect(batch.status).toBe(201);
    claimBatchId = batch.body.id;
    claimLine = batch.body.lines.find((l: any) => l.claimId === claimId);
    expect(claimLine).toMatchObject({
      kind: 'CLAIM',
      benefitAmount: 42_000_000,
      latePenalty: 0,
      refundAmount: 56_800,
      amount: 42_056_800,
      status: 'PENDING',
    });
    expect((await bankFile(batch.body.id)).filter((r) => r.includes(claimLine.id))).toEqual([
      `${claimLine.lineNo},${claimLine.id},002,0123456789012,Maria Nahak,42056800`,
    ]);
    const entries = await claims.dataSource.query(
      'SELECT id, debit_account, credit_account, amount::int AS amount FROM ledger_entries WHERE line_id = $1 ORDER BY id',
      [claimLine.id],
    );
    expect(entries).toEqual([
      { id: `reserve-refund:${claimLine.id}`, debit_account: 'payouts-reserved', credit_account: 'contribution-refunds', amount: 56_800 },
      { id: `reserve:${claimLine.id}`, debit_account: 'payouts-reserved', credit_account: 'claims-fund', amount: 42_000_000 },
    ]);
    expect((await claimOf(claimId)).contributionRefunds).toMatchObject({ owed: 0, scheduled: 56_800, paid: 0 });

    const confirmed = await post(`/v1/payout-batches/${batch.body.id}/results`, financeChecker, {
      results: [{ lineId: claimLine.id, status: 'PAID', bankReference: 'BRI-REFUND-1' }],
    });
    expect(confirmed.status).toBe(200);
    expect(await claimOf(claimId)).toMatchObject({
      status: 'PAID',
      payment: { paidOn: '2026-07-21', amount: 42_056_800, latePenalty: 0 },
      contributionRefunds: { owed: 0, scheduled: 0, paid: 56_800 },
    });
    const paid = await waitFor(() => eventsOf('claims.claim.paid')[0], 'claim.paid');
    expect(paid.data).toMatchObject({ claimId, amount: 42_056_800, latePenalty: 0 });
    expect(paid.data.components.at(-1)).toEqual({ name: 'Contributions refunded for months after the death', amount: 56_800 });
    expect(paid.data.components.slice(0, -1).reduce((sum: number, c: { amount: number }) => sum + c.amount, 0)).toBe(42_000_000);

    const book = await ledger();
    expect(book.balanced).toBe(true);
    expect(balanceOf(book, 'contribution-refunds')).toBe(-56_800);
    expect(balanceOf(book, 'payouts-reserved')).toBe(0);
  });

  it('pays a refund that comes after the claim was paid on a transfer of its own to the same account, once', async () => {
    claims.clock.set('2026-07-22T03:00:00Z');
    const october = refund('2026-10', 36_800);
    const told = await claims.events.publish(EVENTS.ContributionRefunded, workerId, october);
    await claims.events.send(told);
    await processed(told.id);
    expect((await claimOf(claimId)).contributionRefunds).toMatchObject({ owed: 36_800, paid: 56_800 });

    // The bank refuses it first: owed again, back to where it came from in the ledger, the paid claim untouched.
    const first = await post('/v1/payout-batches', finance);
    expect(first.status).toBe(201);
    const refused = first.body.lines.find((l: any) => l.claimId === claimId);
    expect(refused).toMatchObject({ kind: 'CONTRIBUTION_REFUND', benefitAmount: 0, latePenalty: 0, refundAmount: 36_800, amount: 36_800 });
    expect((await bankFile(first.body.id)).filter((r) => r.includes(refused.id))).toEqual([
      `${refused.lineNo},${refused.id},002,0123456789012,Maria Nahak,36800`,
    ]);
    await post(`/v1/payout-batches/${first.body.id}/results`, financeChecker, {
      results: [{ lineId: refused.id, status: 'FAILED', reason: 'ACCOUNT_CLOSED' }],
    });
    expect(await claimOf(claimId)).toMatchObject({ status: 'PAID', payoutHold: null, contributionRefunds: { owed: 36_800, scheduled: 0 } });
    expect(
      await claims.dataSource.query('SELECT id, debit_account, amount::int AS amount FROM ledger_entries WHERE id LIKE $1', [
        `release%:${refused.id}`,
      ]),
    ).toEqual([{ id: `release-refund:${refused.id}`, debit_account: 'contribution-refunds', amount: 36_800 }]);

    const second = await post('/v1/payout-batches', finance);
    expect(second.status).toBe(201);
    const line = second.body.lines.find((l: any) => l.claimId === claimId);
    expect(line).toMatchObject({ kind: 'CONTRIBUTION_REFUND', refundAmount: 36_800, amount: 36_800 });
    [refundLine, refundBatchId] = [line, second.body.id];
    const paid = await post(`/v1/payout-batches/${second.body.id}/results`, financeChecker, {
      results: [{ lineId: line.id, status: 'PAID', bankReference: 'BRI-REFUND-2' }],
    });
    expect(paid.status).toBe(200);
    // Answered again: nothing more.
    expect(
      (await post(`/v1/payout-batches/${second.body.id}/results`, financeChecker, { results: [{ lineId: line.id, status: 'PAID' }] })).body,
    ).toMatchObject({ applied: 0, unchanged: 1 });

    expect(await claimOf(claimId)).toMatchObject({
      status: 'PAID',
      payment: { paidOn: '2026-07-21', amount: 42_056_800 },
      contributionRefunds: { owed: 0, scheduled: 0, paid: 56_800 + 36_800 },
    });
    const audit = await call(claims.baseUrl, 'GET', `/v1/claims/${claimId}/audit`, { auth: await as('auditor') });
    expect(audit.body.items.filter((e: any) => e.action === 'CONTRIBUTION_REFUND_PAID').map((e: any) => e.details)).toEqual([
      { batchId: second.body.id, lineId: line.id, amount: 36_800 },
    ]);
    await waitFor(() => eventsOf('claims.payout.succeeded').length === 2, 'two payouts succeeded');
    expect(eventsOf('claims.claim.paid')).toHaveLength(1);
    expect((await post('/v1/payout-batches', finance)).body.type).toBe('https://jaring.id/problems/nothing-to-pay');

    const book = await ledger();
    expect(book.balanced).toBe(true);
    expect(balanceOf(book, 'contribution-refunds')).toBe(-(56_800 + 36_800));
    expect(balanceOf(book, 'payouts-reserved')).toBe(0);
    for (const message of recorder.messages.filter((m) => m.key === workerId)) expect(message.value).not.toContain('0123456789012');
  });

  it('takes the refunds back with a transfer the bank returns: owed again, each part back where it came from in the ledger', async () => {
    // The refund's own transfer comes back: the claim stays PAID, the refund is owed again.
    const refundReturned = await post(`/v1/payout-batches/${refundBatchId}/results`, financeChecker, {
      results: [{ lineId: refundLine.id, status: 'RETURNED', reason: 'NAME_MISMATCH' }],
    });
    expect(refundReturned.status).toBe(200);
    expect(await claimOf(claimId)).toMatchObject({
      status: 'PAID',
      payoutHold: null,
      contributionRefunds: { owed: 36_800, scheduled: 0, paid: 56_800 },
    });

    // The claim's own transfer comes back: the claim APPROVED and held, its refunds owed again with the benefit.
    const claimReturned = await post(`/v1/payout-batches/${claimBatchId}/results`, financeChecker, {
      results: [{ lineId: claimLine.id, status: 'RETURNED', reason: 'ACCOUNT_CLOSED' }],
    });
    expect(claimReturned.status).toBe(200);
    expect(await claimOf(claimId)).toMatchObject({
      status: 'APPROVED',
      payoutHold: 'PAYMENT_RETURNED',
      payment: null,
      contributionRefunds: { owed: 56_800 + 36_800, scheduled: 0, paid: 0 },
    });
    expect(
      await claims.dataSource.query(
        `SELECT id, debit_account, credit_account, amount::int AS amount FROM ledger_entries WHERE id LIKE 'return%' AND line_id = ANY($1::uuid[]) ORDER BY id`,
        [[claimLine.id, refundLine.id]],
      ),
    ).toEqual(
      [
        { id: `return-refund:${claimLine.id}`, debit_account: 'contribution-refunds', credit_account: 'claimants-paid', amount: 56_800 },
        { id: `return-refund:${refundLine.id}`, debit_account: 'contribution-refunds', credit_account: 'claimants-paid', amount: 36_800 },
        { id: `return:${claimLine.id}`, debit_account: 'claims-fund', credit_account: 'claimants-paid', amount: 42_000_000 },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    const book = await ledger();
    expect(book.balanced).toBe(true);
    expect(balanceOf(book, 'contribution-refunds')).toBe(0);
    expect(balanceOf(book, 'claimants-paid')).toBe(0);
    // Returned again: nothing more.
    expect(
      (
        await post(`/v1/payout-batches/${claimBatchId}/results`, financeChecker, {
          results: [{ lineId: claimLine.id, status: 'RETURNED', reason: 'ACCOUNT_CLOSED' }],
        })
      ).body,
    ).toMatchObject({ applied: 0, unchanged: 1 });
    expect((await ledger()).accounts).toEqual(book.accounts);
  });
});
