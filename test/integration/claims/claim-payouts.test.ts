import { randomUUID } from 'node:crypto';
import { EVENTS, Topics, type EventEnvelope } from '@jaring/contracts';
import { as } from '../../support/identity';
import { testKafka, TopicRecorder } from '../../support/kafka';
import { waitFor } from '../../support/wait-for';
import { accidentClaim, call, cover, deathClaim, registerWorker, startClaims, type ClaimsUnderTest } from './claims-test-kit';

type Credentials = { authorization: string };

describe('claims: payout batches, bank file, bank results, ledger (real Kafka and PostgreSQL)', () => {
  let claims: ClaimsUnderTest;
  let recorder: TopicRecorder;
  const ownWorkers = new Set<string>();
  let verifier: Credentials;
  let approver: Credentials;
  let finance: Credentials;
  // four eyes: the bank's results of a batch `finance` made are imported by another finance officer
  let financeChecker: Credentials;
  // a second verifier: a claim sent back to verification is verified by another than the account's changer
  let supervisor: Credentials;

  beforeAll(async () => {
    [verifier, approver, finance, financeChecker, supervisor] = await Promise.all([
      as('verifier'),
      as('approver'),
      as('finance'),
      as('finance-checker'),
      as('claims-supervisor'),
    ]);
    claims = await startClaims('jaring_test_claims_payouts');
    recorder = await new TopicRecorder(testKafka(), [Topics.claimsClaims, Topics.claimsPayouts], (m) =>
      ownWorkers.has(m.key ?? ''),
    ).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await claims?.close();
  });

  afterEach(() => {
    claims.clock.set('2026-07-20T03:00:00Z');
  });

  const post = (path: string, auth: Credentials, body: unknown = {}, key?: string) =>
    call(claims.baseUrl, 'POST', path, { auth, body, headers: key ? { 'idempotency-key': key } : {} });
  const newBatch = (key = randomUUID()) => post('/v1/payout-batches', finance, {}, key);
  const answer = (batchId: string, results: unknown[], key = randomUUID()) =>
    post(`/v1/payout-batches/${batchId}/results`, financeChecker, { results }, key);
  const claimOf = async (id: string) => (await call(claims.baseUrl, 'GET', `/v1/claims/${id}`, { auth: finance })).body;
  const eventsOf = (workerId: string, type: string) =>
    recorder.messages
      .filter((m) => m.key === workerId && m.headers.type === type)
      .map((m) => JSON.parse(m.value!) as EventEnvelope<Record<string, any>>);

  /** A claim submitted (documents complete on the clock's day), verified by one person and approved by another. */
  async function approvedClaim(kind: 'death' | 'accident' = 'death'): Promise<{ id: string; workerId: string }> {
    const worker = await registerWorker(claims);
    ownWorkers.add(worker.workerId);
    await cover(claims, worker.workerId, ['2026-06', '2026-07']);
    const body =
      kind === 'death'
        ? deathClaim(worker)
        : accidentClaim(worker, { kind: 'MEDICAL', medicalCosts: 4_250_000, transportCosts: { land: 6_000_000 } });
    const submitted = await post('/v1/claims', verifier, body);
    expect(submitted.body.eligibility.eligible).toBe(true);
    expect((await post(`/v1/claims/${submitted.body.id}/verification`, verifier)).status).toBe(200);
    expect((await post(`/v1/claims/${submitted.body.id}/approval`, approver)).status).toBe(200);
    return { id: submitted.body.id, workerId: worker.workerId };
  }

  function lineOf(
    batch: {
      lines: Array<{ claimId: string; id: string; lineNo: number; amount: number; latePenalty: number; daysLate: number; status: string }>;
    },
    claimId: string,
  ) {
    const line = batch.lines.find((l) => l.claimId === claimId);
    if (!line) throw new Error(`claim ${claimId} is not in the batch`);
    return line;
  }

  it("pays a covered worker's death to the spouse in full: batch, bank file with control total, bank confirmation, claim.paid", async () => {
    const { id, workerId } = await approvedClaim();
    claims.clock.set('2026-07-21T03:00:00Z'); // before the due date (23 July): no penalty
    expect((await post('/v1/payout-batches', verifier, {}, randomUUID())).body).toMatchObject({
      status: 403,
      type: 'https://jaring.id/problems/forbidden-role',
    });
    const batch = await newBatch();
    expect(batch.status).toBe(201);
    const line = lineOf(batch.body, id);
    expect(line).toMatchObject({ amount: 42_000_000, latePenalty: 0, daysLate: 0 });
    expect(batch.body).toMatchObject({ status: 'OPEN', lineCount: batch.body.lines.length });

    const file = await call(claims.baseUrl, 'GET', `/v1/payout-batches/${batch.body.id}/file`, { auth: finance });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/text\/csv/);
    const rows = file.text.trim().split('\r\n');
    expect(rows[0]).toBe('line_no,reference,bank_code,account_number,account_name,amount');
    expect(rows.filter((r) => r.includes(line.id))).toEqual([`${line.lineNo},${line.id},002,0123456789012,Maria Nahak,42000000`]);
    expect(rows.at(-1)).toBe(`TOTAL,${batch.body.lineCount},${batch.body.total}`);
    expect(rows).toHaveLength(batch.body.lineCount + 2);

    const confirmed = await answer(
      batch.body.id,
      batch.body.lines.map((l: { id: string }) => ({ lineId: l.id, status: 'PAID', bankReference: `BRI-${l.id.slice(0, 8)}` })),
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ applied: batch.body.lineCount, unchanged: 0, batch: { status: 'SETTLED' } });
    expect(await claimOf(id)).toMatchObject({ status: 'PAID', payment: { paidOn: '2026-07-21', amount: 42_000_000, latePenalty: 0 } });

    const paid = await waitFor(() => eventsOf(workerId, 'claims.claim.paid')[0], 'claim.paid');
    expect(paid.data).toMatchObject({ claimId: id, type: 'JKM', kind: 'DEATH', amount: 42_000_000, latePenalty: 0, paidOn: '2026-07-21' });
    expect(paid.data.components.reduce((sum: number, c: { amount: number }) => sum + c.amount, 0)).toBe(42_000_000);
    await waitFor(() => eventsOf(workerId, 'claims.payout.succeeded').length === 1, 'payout.succeeded');
    expect(eventsOf(workerId, 'claims.payout.scheduled')[0].data).toMatchObject({ payoutId: line.id, amount: 42_000_000 });
    for (const message of recorder.messages.filter((m) => m.key === workerId)) expect(message.value).not.toContain('0123456789012');
  });

  it('puts a line the bank refused back to be paid once the bank account is corrected', async () => {
    const { id, workerId } = await approvedClaim('accident');
    // medical 4,250,000 + land transport capped at 5,000,000
    const first = await newBatch();
    const line = lineOf(first.body, id);
    expect(line.amount).toBe(9_250_000);
    const refused = await answer(first.body.id, [{ lineId: line.id, status: 'FAILED', reason: 'ACCOUNT_CLOSED' }]);
    expect(refused.body.lines).toEqual([{ lineId: line.id, outcome: 'FAILED' }]);
    expect(await claimOf(id)).toMatchObject({ status: 'APPROVED', payoutHold: 'BANK_ACCOUNT_REJECTED', payment: null });
    await waitFor(() => eventsOf(workerId, 'claims.payout.failed')[0]?.data.failureReason === 'ACCOUNT_CLOSED', 'payout.failed');
    // back in the queue with its hold; a verifier is offered the correction, finance nothing
    const queued = await call(claims.baseUrl, 'GET', '/v1/claims?status=APPROVED&type=JKK&limit=500', { auth: finance });
    expect(queued.body.items.find((c: { id: string }) => c.id === id)).toMatchObject({ payoutHold: 'BANK_ACCOUNT_REJECTED' });
    expect((await call(claims.baseUrl, 'GET', `/v1/claims/${id}`, { auth: verifier })).body.availableActions).toEqual([
      'correct-bank-account',
    ]);
    expect((await claimOf(id)).availableActions).toEqual([]);

    // held: not gathered again until corrected
    expect((await newBatch()).status).toBe(422);
    const patch = (auth: Credentials) =>
      call(claims.baseUrl, 'PATCH', `/v1/claims/${id}/bank-account`, {
        auth,
        body: { bankCode: '014', accountNumber: '5550001112', accountName: 'Yohanes Nahak' },
      });
    expect((await patch(finance)).body).toMatchObject({ status: 403, type: 'https://jaring.id/problems/forbidden-role' });
    const corrected = await patch(verifier);
    expect(corrected.status).toBe(200);
    // four eyes: back to verification, by others than the account's changer
    expect(corrected.body).toMatchObject({ status: 'SUBMITTED', payoutHold: null, claimant: { bankAccount: '****1112' } });
    expect((await post(`/v1/claims/${id}/verification`, supervisor)).status).toBe(200);
    expect((await post(`/v1/claims/${id}/approval`, approver)).status).toBe(200);

    const second = await newBatch();
    const again = lineOf(second.body, id);
    expect(again.id).not.toBe(line.id);
    const file = await call(claims.baseUrl, 'GET', `/v1/payout-batches/${second.body.id}/file`, { auth: finance });
    expect(file.text).toContain(`${again.id},014,5550001112,Yohanes Nahak,9250000`);
    expect(file.text).not.toContain('9876543210');
    expect((await answer(second.body.id, [{ lineId: again.id, status: 'PAID' }])).body.applied).toBe(1);
    expect(await claimOf(id)).toMatchObject({ status: 'PAID', payment: { amount: 9_250_000 } });

    const entries = await claims.dataSource.query(
      `SELECT id, debit_account, credit_account, amount::int FROM ledger_entries WHERE line_id = ANY($1) ORDER BY posted_at, id`,
      [[line.id, again.id]],
    );
    expect(entries.map((e: { id: string }) => e.id.split(':')[0]).sort()).toEqual(['release', 'reserve', 'reserve', 'settle']);
  });

  it('adds 1% of the benefit per working day late: three working days late on Rp42,000,000 is Rp1,260,000', async () => {
    const { id, workerId } = await approvedClaim(); // documents complete Monday 20 July: due Thursday 23 July
    claims.clock.set('2026-07-28T03:00:00Z'); // Tuesday: Friday 24, Monday 27, Tuesday 28 late
    const batch = await newBatch();
    const line = lineOf(batch.body, id);
    expect(line).toMatchObject({ benefitAmount: 42_000_000, daysLate: 3, latePenalty: 1_260_000, amount: 43_260_000 });
    await answer(batch.body.id, [{ lineId: line.id, status: 'PAID' }]);
    expect(await claimOf(id)).toMatchObject({
      status: 'PAID',
      payment: { paidOn: '2026-07-28', amount: 43_260_000, latePenalty: 1_260_000 },
    });
    const paid = await waitFor(() => eventsOf(workerId, 'claims.claim.paid')[0], 'claim.paid');
    expect(paid.data).toMatchObject({ amount: 43_260_000, latePenalty: 1_260_000 });
    expect(paid.data.components).toContainEqual({ name: 'Compensation for late payment', amount: 1_260_000 });
  });

  it('pays nothing twice: a retried batch request, repeated and contradicting imports, replayed events', async () => {
    const { id, workerId } = await approvedClaim();
    expect((await post('/v1/payout-batches', finance, {})).status).toBe(400); // no Idempotency-Key
    const key = randomUUID();
    const batch = await newBatch(key);
    const retried = await newBatch(key);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.id).toBe(batch.body.id);
    expect((await newBatch()).status).toBe(422); // the claim already has a live line
    const line = lineOf(batch.body, id);

    const results = [{ lineId: line.id, status: 'PAID' }];
    const resultsKey = randomUUID();
    expect((await answer(batch.body.id, results, resultsKey)).body.applied).toBe(1);
    const replayed = await answer(batch.body.id, results, resultsKey);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect((await answer(batch.body.id, results)).body).toMatchObject({
      applied: 0,
      unchanged: 1,
      lines: [{ lineId: line.id, outcome: 'ALREADY_APPLIED' }],
    });
    const contradicting = await answer(batch.body.id, [{ lineId: line.id, status: 'FAILED', reason: 'ACCOUNT_CLOSED' }]);
    expect(contradicting.status).toBe(409);
    expect(contradicting.body.lines).toEqual([{ lineId: line.id, status: 'PAID' }]);
    const foreign = await answer(batch.body.id, [{ lineId: randomUUID(), status: 'PAID' }]);
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].field).toBe('results.0.lineId');

    // replayed input events: the same envelopes again, then a new one to know they were all consumed
    const replay = await cover(claims, workerId, ['2026-08']);
    await claims.events.send(replay);
    await cover(claims, workerId, ['2026-09']);

    expect(await claims.dataSource.query(`SELECT count(*)::int AS n FROM payout_lines WHERE claim_id = $1`, [id])).toEqual([{ n: 1 }]);
    expect(await claims.dataSource.query(`SELECT id FROM ledger_entries WHERE line_id = $1 ORDER BY id`, [line.id])).toEqual([
      { id: `reserve:${line.id}` },
      { id: `settle:${line.id}` },
    ]);
    expect(
      await claims.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE event_type = $1 AND message_key = $2`, [
        EVENTS.ClaimPaid.type,
        workerId,
      ]),
    ).toEqual([{ n: 1 }]);
    expect(await claimOf(id)).toMatchObject({ status: 'PAID', payment: { amount: 42_000_000 } });
  });

  it('refuses to pay a claim that is no longer APPROVED: a 409 naming the result, nothing of the import written', async () => {
    const approved = await approvedClaim();
    const changed = await approvedClaim('accident');
    const batch = await newBatch();
    const payable = lineOf(batch.body, approved.id);
    const unpayable = lineOf(batch.body, changed.id);
    // No flow of the service moves a claim whose transfer is at the bank; a change by hand in the database can.
    await claims.dataSource.query(`UPDATE claims SET status = 'REJECTED', rejection_reason = 'fraud found after approval' WHERE id = $1`, [
      changed.id,
    ]);

    const refused = await answer(batch.body.id, [
      { lineId: payable.id, status: 'PAID', bankReference: 'BRI-00000001' },
      { lineId: unpayable.id, status: 'PAID', bankReference: 'BRI-00000002' },
    ]);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      type: 'https://jaring.id/problems/claim-not-approved',
      status: 409,
      errors: [{ field: 'results.1.status', reason: expect.stringContaining('REJECTED') }],
      lines: [{ lineId: unpayable.id, claimId: changed.id, claimStatus: 'REJECTED' }],
    });
    expect(refused.body.errors).toHaveLength(1);
    expect(refused.text).not.toMatch(/Nahak|0123456789012|9876543210|fraud/);

    // Nothing of the import was written: no line answered, no claim paid, no ledger entry, no event, no audit.
    const unchanged = await call(claims.baseUrl, 'GET', `/v1/payout-batches/${batch.body.id}`, { auth: finance });
    expect(unchanged.body.status).toBe('OPEN');
    expect([lineOf(unchanged.body, approved.id).status, lineOf(unchanged.body, changed.id).status]).toEqual(['PENDING', 'PENDING']);
    expect(await claimOf(approved.id)).toMatchObject({ status: 'APPROVED', payment: null });
    expect(
      (
        await claims.dataSource.query(`SELECT id FROM ledger_entries WHERE line_id = ANY ($1) ORDER BY id`, [[payable.id, unpayable.id]])
      ).map((e: { id: string }) => e.id.split(':')[0]),
    ).toEqual(['reserve', 'reserve']);
    expect(
      await claims.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE message_key = ANY ($1) AND event_type = ANY ($2)`, [
        [approved.workerId, changed.workerId],
        [EVENTS.ClaimPaid.type, EVENTS.PayoutSucceeded.type],
      ]),
    ).toEqual([{ n: 0 }]);
    expect(
      await claims.dataSource.query(`SELECT count(*)::int AS n FROM claim_audit WHERE claim_id = ANY ($1) AND action = 'PAID'`, [
        [approved.id, changed.id],
      ]),
    ).toEqual([{ n: 0 }]);

    // The back office imports the other lines and looks into the refused one.
    const rest = await answer(batch.body.id, [{ lineId: payable.id, status: 'PAID', bankReference: 'BRI-00000001' }]);
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ applied: 1, lines: [{ lineId: payable.id, outcome: 'PAID' }] });
    expect(await claimOf(approved.id)).toMatchObject({ status: 'PAID', payment: { amount: payable.amount } });
    expect(await claimOf(changed.id)).toMatchObject({ status: 'REJECTED', payment: null });
  });

  it("takes the bank's results as its CSV file: the same import as the JSON body, a malformed file refused naming row and column", async () => {
    const paid = await approvedClaim();
    const failed = await approvedClaim('accident');
    const batch = await newBatch();
    const [paidLine, failedLine] = [lineOf(batch.body, paid.id), lineOf(batch.body, failed.id)];
    const upload = (file: string, key = randomUUID(), contentType = 'text/csv') =>
      fetch(`${claims.baseUrl}/v1/payout-batches/${batch.body.id}/results`, {
        method: 'POST',
        headers: { ...financeChecker, 'content-type': contentType, 'idempotency-key': key },
        body: file,
      }).then(async (response) => ({ status: response.status, headers: response.headers, body: (await response.json()) as any }));
    const header = 'line_id,status,reason,bank_reference';
    const refusedWith = async (
      file: string,
      errors: Array<{ field: string; reason: string }>,
      type = 'https://jaring.id/problems/validation-error',
    ) => {
      const refused = await upload(file);
      expect(refused.body).toMatchObject({ status: 400, type, errors });
      expect(refused.body.errors).toHaveLength(errors.length);
    };

    await refusedWith(`${header}\r\n${paidLine.id},PAID,,BRI-1\r\n${failedLine.id},BOUNCED,,\r\n`, [
      { field: 'rows.2.status', reason: 'status must be one of the following values: PAID, FAILED, RETURNED' },
    ]);
    await refusedWith(`${header}\n${paidLine.id},PAID,,\n${failedLine.id},FAILED,,\n`, [
      { field: 'rows.2.reason', reason: expect.stringMatching(/^reason /) },
    ]);
    await refusedWith(`${header}\nnot-a-line,PAID,,\n`, [{ field: 'rows.1.line_id', reason: 'line_id must be a UUID' }]);
    // judged against the batch, as the JSON body's results are (a 400 of its own: the results do not match the batch)
    await refusedWith(
      `${header}\n${randomUUID()},PAID,,\n`,
      [{ field: 'rows.1.line_id', reason: 'not a line of this batch' }],
      'about:blank',
    );
    await refusedWith(`${header}\n${paidLine.id},PAID\n`, [{ field: 'rows.1', reason: 'the row has 2 cells, the header 4' }]);
    await refusedWith(`line_no,reference,bank_code,account_number,account_name,amount\n`, [
      expect.objectContaining({ field: 'header' }),
      expect.objectContaining({ field: 'header' }),
      expect.objectContaining({ field: 'header' }),
      expect.objectContaining({ field: 'header' }),
      expect.objectContaining({ field: 'header' }),
      expect.objectContaining({ field: 'header' }),
      { field: 'header', reason: 'the column line_id is missing' },
      { field: 'header', reason: 'the column status is missing' },
      { field: 'header', reason: 'the column reason is missing' },
      { field: 'header', reason: 'the column bank_reference is missing' },
    ]);
    expect((await upload(`${header}\n${paidLine.id},PAID,,\n`, randomUUID(), 'text/plain')).body).toMatchObject({
      status: 415,
      type: 'https://jaring.id/problems/unsupported-media-type',
    });
    // nothing of the refused files was applied
    const untouched = (await call(claims.baseUrl, 'GET', `/v1/payout-batches/${batch.body.id}`, { auth: finance })).body;
    expect([lineOf(untouched, paid.id).status, lineOf(untouched, failed.id).status]).toEqual(['PENDING', 'PENDING']);

    const file = `${header}\r\n${paidLine.id},PAID,,BRI-0001\r\n${failedLine.id},FAILED,"ACCOUNT_CLOSED, said the bank",\r\n`;
    const key = randomUUID();
    const imported = await upload(file, key);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({
      applied: 2,
      unchanged: 0,
      lines: [
        { lineId: paidLine.id, outcome: 'PAID' },
        { lineId: failedLine.id, outcome: 'FAILED' },
      ],
      batch: { status: 'SETTLED' },
    });
    expect(await claimOf(paid.id)).toMatchObject({ status: 'PAID', payment: { amount: paidLine.amount } });
    expect(await claimOf(failed.id)).toMatchObject({ status: 'APPROVED', payoutHold: 'BANK_ACCOUNT_REJECTED' });
    const [answered] = await claims.dataSource.query(`SELECT failure_reason, bank_reference FROM payout_lines WHERE id = $1`, [
      paidLine.id,
    ]);
    expect(answered).toEqual({ failure_reason: null, bank_reference: 'BRI-0001' });

    // the same file again with its key is the stored answer; the same results in JSON under that key are the same import
    const replayed = await upload(file, key);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(imported.body);
    const asJson = await answer(
      batch.body.id,
      [
        { lineId: paidLine.id, status: 'PAID', bankReference: 'BRI-0001' },
        { lineId: failedLine.id, status: 'FAILED', reason: 'ACCOUNT_CLOSED, said the bank' },
      ],
      key,
    );
    expect(asJson.headers.get('idempotent-replayed')).toBe('true');
    // with a new key: nothing twice
    expect((await upload(file)).body).toMatchObject({ applied: 0, unchanged: 2 });
  });

  it('lists the batches, the newest first, with their control totals and the lines the bank paid, refused or has yet to answer', async () => {
    claims.clock.set('2026-07-29T03:00:00Z'); // after every other batch of this file
    await approvedClaim();
    const first = await newBatch();
    await answer(
      first.body.id,
      first.body.lines.map((line: { id: string }) => ({ lineId: line.id, status: 'PAID' })),
    );
    claims.clock.set('2026-07-29T04:00:00Z'); // an hour later
    await approvedClaim('accident');
    const second = await newBatch();

    const list = await call(claims.baseUrl, 'GET', '/v1/payout-batches?limit=2', { auth: await as('auditor') });
    expect(list.status).toBe(200);
    const [{ n }] = await claims.dataSource.query(`SELECT count(*)::int AS n FROM payout_batches`);
    expect(list.body).toMatchObject({ total: n, limit: 2, offset: 0 });
    expect(list.body.items).toEqual([
      {
        id: second.body.id,
        createdOn: '2026-07-29',
        createdAt: '2026-07-29T04:00:00.000Z',
        status: 'OPEN',
        lineCount: second.body.lineCount,
        total: second.body.total,
        lines: { paid: 0, failed: 0, pending: second.body.lineCount, returned: 0 },
      },
      {
        id: first.body.id,
        createdOn: '2026-07-29',
        createdAt: '2026-07-29T03:00:00.000Z',
        status: 'SETTLED',
        lineCount: first.body.lineCount,
        total: first.body.total,
        lines: { paid: first.body.lineCount, failed: 0, pending: 0, returned: 0 },
      },
    ]);
    expect(second.body.createdAt).toBe('2026-07-29T04:00:00.000Z');
    expect((await call(claims.baseUrl, 'GET', '/v1/payout-batches?offset=1&limit=1', { auth: finance })).body.items[0].id).toBe(
      first.body.id,
    );
    expect((await call(claims.baseUrl, 'GET', '/v1/payout-batches?limit=201', { auth: finance })).body.errors).toEqual([
      expect.objectContaining({ field: 'limit' }),
    ]);
    expect((await call(claims.baseUrl, 'GET', '/v1/payout-batches', { auth: verifier })).body).toMatchObject({
      status: 403,
      type: 'https://jaring.id/problems/forbidden-role',
    });
  });

  it('keeps the ledger balanced: reserved = lines awaiting the bank, paid = lines paid, the fund gave both', async () => {
    const { id } = await approvedClaim();
    const batch = await newBatch();
    expect(lineOf(batch.body, id).status).toBe('PENDING');
    const ledger = await call(claims.baseUrl, 'GET', '/v1/payout-ledger', { auth: await as('auditor') });
    expect(ledger.status).toBe(200);
    expect(ledger.body.balanced).toBe(true);
    const [sums] = await claims.dataSource.query(
      `SELECT coalesce(sum(amount) FILTER (WHERE status = 'PENDING'), 0)::bigint::text AS pending, coalesce(sum(amount) FILTER (WHERE status = 'PAID'), 0)::bigint::text AS paid FROM payout_lines`,
    );
    const balance = (account: string) => ledger.body.accounts.find((a: { account: string }) => a.account === account)?.balance ?? 0;
    expect(balance('payouts-reserved')).toBe(Number(sums.pending));
    expect(balance('claimants-paid')).toBe(Number(sums.paid));
    expect(balance('claims-fund')).toBe(-(Number(sums.pending) + Number(sums.paid)));
    expect(Number(sums.pending)).toBeGreaterThan(0);
    await expect(claims.dataSource.query(`UPDATE ledger_entries SET amount = 1`)).rejects.toThrow(/append-only/);
  });
});
