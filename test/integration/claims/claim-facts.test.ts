import { randomUUID } from 'node:crypto';
import { EVENTS, Topics, type EventEnvelope } from '@jaring/contracts';
import { PendingClaims } from '../../../apps/claims/src/claim-decisions/pending-claims';
import { FactsWaitSchedule } from '../../../apps/claims/src/decide-pending-claims/facts-wait.schedule';
import { as } from '../../support/identity';
import { testKafka, TopicRecorder } from '../../support/kafka';
import { sealedBirthDate } from '../../support/sealed-facts';
import { waitFor } from '../../support/wait-for';
import {
  accidentClaim,
  call,
  cover,
  deathClaim,
  makeNik,
  nikHashOf,
  registerWorker,
  startClaims,
  type ClaimsUnderTest,
  type TestHeir,
  type TestWorker,
} from './claims-test-kit';

type Credentials = { authorization: string };
const START = '2026-07-20T03:00:00Z';
const HOUR = 3_600_000;

describe('claims wait for their facts; reassessment; one death, one live claim; no heir (real Kafka and PostgreSQL)', () => {
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
    claims = await startClaims('jaring_test_claims_facts');
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
  const auditOf = async (id: string) =>
    (await call(claims.baseUrl, 'GET', `/v1/claims/${id}/audit`, { auth: auditor })).body.items as Array<Record<string, any>>;
  const eventsOf = (workerId: string, type: string) =>
    recorder.messages
      .filter((m) => m.key === workerId && m.headers.type === type)
      .map((m) => JSON.parse(m.value!) as EventEnvelope<Record<string, any>>);
  const waitForWaitOver = () => claims.app.get(FactsWaitSchedule).decideWaitOver();

  /** A covered worker enrollment registered without heirs (claims has heard of no heir). */
  async function workerWithoutHeirs(): Promise<TestWorker> {
    const worker = await registerWorker(claims, { heirs: [] });
    ownWorkers.add(worker.workerId);
    await cover(claims, worker.workerId, ['2026-05', '2026-06', '2026-07']);
    return worker;
  }

  /** The heirs enrollment records a moment later (enrollment.worker.changed with heirs); not waited for. */
  async function heirsRecorded(worker: TestWorker, heirs: TestHeir[]): Promise<void> {
    await claims.events.publish(EVENTS.WorkerChanged, worker.workerId, {
      workerId: worker.workerId,
      declaredMonthlyIncome: 1_500_000,
      programs: ['JKK', 'JKM'],
      effectiveFrom: '2026-07',
      heirs: heirs.map((h) => {
        const heirId = randomUUID();
        return { heirId, relationship: h.relationship, nikHash: nikHashOf(h.nik), sealedBirthDate: sealedBirthDate(heirId, h.birthDate) };
      }),
    });
  }

  const spouse = (): TestHeir => ({ relationship: 'SPOUSE', nik: makeNik('1992-05-25', 'F'), birthDate: '1992-05-25' });

  it('records a death claimed before the heirs reached claims as PENDING_FACTS, and decides it eligible when they arrive', async () => {
    const worker = await workerWithoutHeirs();
    const widow = spouse();
    const submitted = await post('/v1/claims', verifier, deathClaim({ ...worker, heirs: [widow] }));
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      status: 'PENDING_FACTS',
      eligibility: { eligible: false, reasons: [{ code: 'NO_HEIRS_ON_RECORD' }], awaitingFacts: ['HEIRS'] },
      dueOn: null,
      availableActions: ['reject'],
    });
    const id = submitted.body.id as string;
    const announced = await waitFor(() => eventsOf(worker.workerId, 'claims.claim.submitted')[0], 'claim.submitted');
    expect(announced.data).toMatchObject({ claimId: id, eligible: false, reasonCodes: ['NO_HEIRS_ON_RECORD'], awaitingFacts: ['HEIRS'] });

    // the queue shows it among the open claims, with its status
    const queue = await call(claims.baseUrl, 'GET', '/v1/claims?status=PENDING_FACTS', { auth: verifier });
    expect(queue.body.items.map((item: { id: string; status: string }) => [item.id, item.status])).toContainEqual([id, 'PENDING_FACTS']);

    await heirsRecorded(worker, [widow]);
    const decided = await waitFor(async () => {
      const claim = await claimOf(id);
      return claim.status === 'SUBMITTED' && claim;
    }, 'the claim decided when the heirs arrived');
    expect(decided).toMatchObject({
      eligibility: { eligible: true, reasons: [], awaitingFacts: [] },
      benefit: { total: 42_000_000 },
      // documents complete on the day of submission, Monday 20 July 2026: + 3 working days
      dueOn: '2026-07-23',
      availableActions: ['record-documents', 'verify', 'reject'],
    });

    const assessed = await waitFor(() => eventsOf(worker.workerId, 'claims.claim.assessed')[0], 'claim.assessed');
    expect(assessed.data).toEqual({
      claimId: id,
      workerId: worker.workerId,
      type: 'JKM',
      kind: 'DEATH',
      assessedOn: '2026-07-20',
      trigger: 'FACTS_ARRIVED',
      status: 'SUBMITTED',
      eligible: true,
      reasonCodes: [],
      previousReasonCodes: ['NO_HEIRS_ON_RECORD'],
      awaitingFacts: [],
      benefitTotal: 42_000_000,
    });
    const audit = await auditOf(id);
    expect(audit.map((e) => [e.actor, e.action, e.fromStatus, e.toStatus])).toEqual([
      ['verifier', 'SUBMITTED', null, 'PENDING_FACTS'],
      ['claims', 'FACTS_ARRIVED', 'PENDING_FACTS', 'SUBMITTED'],
    ]);
    expect(audit[1].details).toEqual({
      before: { eligible: false, reasonCodes: ['NO_HEIRS_ON_RECORD'], benefitTotal: 42_000_000 },
      after: { eligible: true, reasonCodes: [], benefitTotal: 42_000_000 },
      awaitingFacts: [],
    });
    // the family goes on to be paid as any other claim
    expect((await post(`/v1/claims/${id}/verification`, verifier)).body.status).toBe('VERIFIED');
  });

  it("waits for the incident month's coverage paid a moment before, then decides", async () => {
    const worker = await registerWorker(claims);
    ownWorkers.add(worker.workerId);
    await cover(claims, worker.workerId, ['2026-05', '2026-06']);
    const submitted = await post('/v1/claims', verifier, deathClaim(worker));
    expect(submitted.body).toMatchObject({
      status: 'PENDING_FACTS',
      eligibility: { reasons: [{ code: 'NOT_COVERED' }], awaitingFacts: ['COVERAGE'] },
    });
    await claims.events.publish(EVENTS.CoverageExtended, worker.workerId, {
      workerId: worker.workerId,
      programs: ['JKK', 'JKM'],
      periods: ['2026-07'],
      coveredFrom: '2026-05-01',
      coveredUntil: '2026-07-31',
    });
    const decided = await waitFor(async () => {
      const claim = await claimOf(submitted.body.id);
      return claim.status === 'SUBMITTED' && claim;
    }, 'the claim decided when the coverage arrived');
    expect(decided.eligibility).toEqual({ eligible: true, reasons: [], awaitingFacts: [] });
  });

  it('adds a programme to a month already covered for another (one row a month), and decides the claim waiting for it', async () => {
    const worker = await registerWorker(claims);
    ownWorkers.add(worker.workerId);
    await cover(claims, worker.workerId, ['2026-05', '2026-06']);
    await cover(claims, worker.workerId, ['2026-07'], ['JKK']);
    const submitted = await post('/v1/claims', verifier, deathClaim(worker));
    expect(submitted.body).toMatchObject({
      status: 'PENDING_FACTS',
      eligibility: { reasons: [{ code: 'NOT_COVERED' }], awaitingFacts: ['COVERAGE'] },
    });
    await cover(claims, worker.workerId, ['2026-07'], ['JKM', 'JKK']);
    const decided = await waitFor(async () => {
      const claim = await claimOf(submitted.body.id);
      return claim.status === 'SUBMITTED' && claim;
    }, 'the claim decided when JKM joined the month');
    expect(decided.eligibility).toEqual({ eligible: true, reasons: [], awaitingFacts: [] });
    expect(
      await claims.dataSource.query('SELECT period, programs FROM coverage_periods WHERE worker_id = $1 ORDER BY period', [
        worker.workerId,
      ]),
    ).toEqual([
      { period: '2026-05', programs: ['JKK', 'JKM'] },
      { period: '2026-06', programs: ['JKK', 'JKM'] },
      { period: '2026-07', programs: ['JKK', 'JKM'] },
    ]);
  });

  it('decides on what is known once the wait is over (24 hours by the service clock), not before', async () => {
    const worker = await workerWithoutHeirs();
    const submitted = await post('/v1/claims', verifier, deathClaim({ ...worker, heirs: [spouse()] }));
    const id = submitted.body.id as string;
    expect(submitted.body.status).toBe('PENDING_FACTS');

    claims.clock.set(new Date(Date.parse(START) + 23 * HOUR).toISOString());
    await waitForWaitOver();
    expect((await claimOf(id)).status).toBe('PENDING_FACTS');

    claims.clock.set(new Date(Date.parse(START) + 24 * HOUR).toISOString());
    expect(await waitForWaitOver()).toBeGreaterThanOrEqual(1);
    expect(await claimOf(id)).toMatchObject({
      status: 'SUBMITTED',
      eligibility: { eligible: false, reasons: [{ code: 'NO_HEIRS_ON_RECORD' }], awaitingFacts: [] },
      dueOn: null,
      availableActions: ['record-documents', 'reject', 'reassess'],
    });
    const assessed = await waitFor(() => eventsOf(worker.workerId, 'claims.claim.assessed')[0], 'claim.assessed');
    expect(assessed.data).toMatchObject({ claimId: id, trigger: 'FACTS_WAIT_OVER', eligible: false, reasonCodes: ['NO_HEIRS_ON_RECORD'] });
    expect((await auditOf(id)).map((e) => e.action)).toEqual(['SUBMITTED', 'FACTS_WAIT_OVER']);
    // a second pass finds nothing left of it
    await waitForWaitOver();
    expect((await auditOf(id)).map((e) => e.action)).toEqual(['SUBMITTED', 'FACTS_WAIT_OVER']);
  });

  it('decides a claim whose wait is over on the facts a consumer is writing at that moment, after they commit', async () => {
    const worker = await registerWorker(claims);
    ownWorkers.add(worker.workerId);
    await cover(claims, worker.workerId, ['2026-05', '2026-06']);
    const submitted = await post('/v1/claims', verifier, deathClaim(worker));
    expect(submitted.body).toMatchObject({ status: 'PENDING_FACTS', eligibility: { awaitingFacts: ['COVERAGE'] } });
    claims.clock.set(new Date(Date.parse(START) + 24 * HOUR).toISOString());

    // The coverage consumer, mid-transaction: the worker's facts lock taken and July written, not committed yet.
    const pending = claims.app.get(PendingClaims);
    const consumer = claims.dataSource.createQueryRunner();
    await consumer.connect();
    try {
      await consumer.startTransaction();
      await pending.lockFacts(consumer.manager, [worker.workerId]);
      await consumer.query(`INSERT INTO coverage_periods (worker_id, period, programs) VALUES ($1, '2026-07', '{JKK,JKM}')`, [
        worker.workerId,
      ]);

      const sweep = waitForWaitOver();
      const sweepWaitsForTheFacts = () =>
        waitFor(async () => {
          const [{ waiting }] = await claims.dataSource.query<Array<{ waiting: number }>>(
            `SELECT count(*)::int AS waiting FROM pg_locks
              WHERE locktype = 'advisory' AND NOT granted AND classid = 17017 AND objid = abs(hashtext($1::text) % 256)`,
            [worker.workerId],
          );
          return waiting === 1;
        }, "the sweep waiting for the worker's facts lock");
      const first = await Promise.race([
        sweep.then((decided) => `the sweep decided ${decided} claims without waiting`),
        sweepWaitsForTheFacts().then(() => 'the sweep waits'),
      ]);
      expect(first).toBe('the sweep waits');

      // the consumer finds the claim still waiting, decides it on what it wrote, and commits
      await pending.factsArrived(consumer.manager, [worker.workerId]);
      await consumer.commitTransaction();
      await sweep;
    } finally {
      if (consumer.isTransactionActive) await consumer.rollbackTransaction();
      await consumer.release();
    }
    expect(await claimOf(submitted.body.id)).toMatchObject({ status: 'SUBMITTED', eligibility: { eligible: true, reasons: [] } });
    expect((await auditOf(submitted.body.id)).map((e) => e.action)).toEqual(['SUBMITTED', 'FACTS_ARRIVED']);
  });

  it('keeps one live claim per death (409 naming it and its reassessment, the database too), and reassesses it on the facts of today', async () => {
    const worker = await workerWithoutHeirs();
    const widow = spouse();
    const first = await post('/v1/claims', verifier, deathClaim({ ...worker, heirs: [widow] }));
    const id = first.body.id as string;
    claims.clock.set(new Date(Date.parse(START) + 25 * HOUR).toISOString());
    await waitForWaitOver();
    expect((await claimOf(id)).eligibility.reasons.map((r: { code: string }) => r.code)).toEqual(['NO_HEIRS_ON_RECORD']);

    // the heirs arrive after the decision: the recorded claim is not decided again by itself
    await heirsRecorded(worker, [widow]);
    await waitFor(
      async () =>
        (await claims.dataSource.query(`SELECT jsonb_array_length(heirs) AS n FROM workers WHERE worker_id = $1`, [worker.workerId]))[0]
          .n === 1,
      'the heirs in the read model',
    );
    expect((await claimOf(id)).status).toBe('SUBMITTED');

    // filing again is a 409 pointing to the live claim and its reassessment
    const again = await post(
      '/v1/claims',
      verifier,
      deathClaim({ ...worker, heirs: [widow] }, { type: 'JKK', details: { kind: 'DEATH' } }),
    );
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      type: 'https://jaring.id/problems/death-already-claimed',
      existingClaimId: id,
      existingClaimStatus: 'SUBMITTED',
      reassessment: `/v1/claims/${id}/reassessment`,
    });
    // and the database refuses a second live death claim whoever writes it
    await expect(
      claims.dataSource.query(
        `INSERT INTO claims SELECT (SELECT gen_random_uuid()), worker_id, type, kind, incident_date, submitted_on, submitted_at, claimant_relationship,
           claimant_nik_hash, claimant_sealed, bank_account_sealed, bank_account_masked, details, eligible, reasons, benefit, benefit_total, status,
           once_key FROM claims WHERE id = $1`,
        [id],
      ),
    ).rejects.toMatchObject({ constraint: 'claims_one_live_death' });

    // reassessment: only a verifier, idempotent under its key
    const key = { 'idempotency-key': randomUUID() };
    const note = { note: 'the heirs are now registered' };
    expect((await post(`/v1/claims/${id}/reassessment`, approver, note, key)).status).toBe(403);
    const reassessed = await post(`/v1/claims/${id}/reassessment`, verifier, note, key);
    expect(reassessed.status).toBe(200);
    expect(reassessed.body).toMatchObject({
      id,
      status: 'SUBMITTED',
      eligibility: { eligible: true, reasons: [], awaitingFacts: [] },
      benefit: { total: 42_000_000 },
      dueOn: '2026-07-23',
    });
    const replayed = await post(`/v1/claims/${id}/reassessment`, verifier, note, key);
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(reassessed.body);

    const audit = await auditOf(id);
    expect(audit.map((e) => [e.actor, e.action, e.toStatus, e.reason])).toEqual([
      ['verifier', 'SUBMITTED', 'PENDING_FACTS', null],
      ['claims', 'FACTS_WAIT_OVER', 'SUBMITTED', null],
      ['verifier', 'REASSESSED', 'SUBMITTED', 'the heirs are now registered'],
    ]);
    expect(audit[2].details).toMatchObject({
      before: { eligible: false, reasonCodes: ['NO_HEIRS_ON_RECORD'] },
      after: { eligible: true, reasonCodes: [] },
    });
    const reassessments = await waitFor(() => {
      const seen = eventsOf(worker.workerId, 'claims.claim.assessed').filter((e) => e.data.trigger === 'REASSESSMENT');
      return seen.length && seen;
    }, 'claim.assessed of the reassessment');
    expect(reassessments.map((e) => e.data)).toEqual([
      expect.objectContaining({ claimId: id, eligible: true, previousReasonCodes: ['NO_HEIRS_ON_RECORD'] }),
    ]);

    // an eligible claim has nothing to reassess; an unknown one is a 404
    const twice = await post(`/v1/claims/${id}/reassessment`, verifier);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({
      type: 'https://jaring.id/problems/claim-not-reassessable',
      claimStatus: 'SUBMITTED',
      eligible: true,
    });
    expect((await post(`/v1/claims/${randomUUID()}/reassessment`, verifier)).status).toBe(404);
    expect((await post(`/v1/claims/${id}/reassessment`, verifier, { note: 7 })).status).toBe(400);
  });

  it('keeps a JHT balance paid once when two claims waited for the same contributions', async () => {
    const worker = await registerWorker(claims, { programs: ['JKK', 'JKM', 'JHT'] });
    ownWorkers.add(worker.workerId);
    const leaving = { ...accidentClaim(worker, { kind: 'SAVINGS', leavingIndonesia: true }), type: 'JHT', documents: [] };
    const first = await post('/v1/claims', verifier, leaving);
    const second = await post('/v1/claims', verifier, leaving);
    for (const answer of [first, second]) {
      expect(answer.body).toMatchObject({
        status: 'PENDING_FACTS',
        eligibility: { reasons: [{ code: 'NO_JHT_BALANCE' }], awaitingFacts: ['COVERAGE'] },
      });
    }
    await cover(claims, worker.workerId, ['2026-06', '2026-07'], ['JKK', 'JKM', 'JHT']);
    const decided = await waitFor(async () => {
      const both = [await claimOf(first.body.id), await claimOf(second.body.id)];
      return both.every((claim) => claim.status === 'SUBMITTED') && both;
    }, 'both JHT claims decided');
    expect(decided.map((claim) => claim.eligibility.eligible).sort()).toEqual([false, true]);
    const refused = decided.find((claim) => !claim.eligibility.eligible);
    const paid = decided.find((claim) => claim.eligibility.eligible);
    expect(refused.eligibility.reasons).toEqual([{ code: 'ALREADY_CLAIMED', message: expect.stringContaining(paid.id) }]);
  });

  it('pays whoever arranged the burial of a member with no heir the funeral costs only, once the wait is over', async () => {
    const worker = await workerWithoutHeirs();
    const arranger = { relationship: 'BURIAL_ARRANGER', nik: makeNik('1970-02-02'), birthDate: '1970-02-02' };
    const documents = ['MEMBERSHIP_CARD', 'CLAIMANT_ID', 'BANK_ACCOUNT_BOOK', 'DECEASED_ID', 'DEATH_CERTIFICATE', 'BURIAL_PROOF'];
    const submitted = await post('/v1/claims', verifier, deathClaim({ ...worker, heirs: [arranger] }, { documents }));
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      status: 'PENDING_FACTS',
      eligibility: { reasons: [{ code: 'NO_HEIRS_ON_RECORD' }], awaitingFacts: ['HEIRS'] },
      documents: { missing: [] },
    });
    const id = submitted.body.id as string;

    claims.clock.set(new Date(Date.parse(START) + 24 * HOUR).toISOString());
    await waitForWaitOver();
    const decided = await claimOf(id);
    expect(decided).toMatchObject({ status: 'SUBMITTED', eligibility: { eligible: true, reasons: [] }, benefit: { total: 10_000_000 } });
    expect(decided.benefit.components.map((c: { code: string; amount: number }) => [c.code, c.amount])).toEqual([
      ['JKM_FUNERAL', 10_000_000],
    ]);
    expect(decided.benefit.scholarship).toBeUndefined();

    expect((await post(`/v1/claims/${id}/verification`, verifier)).status).toBe(200);
    expect((await post(`/v1/claims/${id}/approval`, approver)).status).toBe(200);
    const batch = await post('/v1/payout-batches', finance, {}, { 'idempotency-key': randomUUID() });
    expect(batch.status).toBe(201);
    const line = (batch.body.lines as Array<{ id: string; claimId: string; amount: number }>).find((l) => l.claimId === id)!;
    // paid the next day, within the service level: no penalty
    expect(line.amount).toBe(10_000_000);
    const results = await post(
      `/v1/payout-batches/${batch.body.id}/results`,
      financeChecker,
      { results: [{ lineId: line.id, status: 'PAID' }] },
      { 'idempotency-key': randomUUID() },
    );
    expect(results.status).toBe(200);
    expect(await claimOf(id)).toMatchObject({ status: 'PAID', payment: { amount: 10_000_000, latePenalty: 0 } });
    const ledger = await call(claims.baseUrl, 'GET', '/v1/payout-ledger', { auth: auditor });
    expect(ledger.body.balanced).toBe(true);
  });

  it('refuses whoever arranged the burial when heirs are on record: the heirs receive', async () => {
    const worker = await registerWorker(claims);
    ownWorkers.add(worker.workerId);
    await cover(claims, worker.workerId, ['2026-07']);
    const arranger = { relationship: 'BURIAL_ARRANGER', nik: makeNik('1970-02-02'), birthDate: '1970-02-02' };
    const submitted = await post('/v1/claims', verifier, deathClaim({ ...worker, heirs: [arranger] }));
    expect(submitted.body).toMatchObject({
      status: 'SUBMITTED',
      eligibility: { eligible: false, reasons: [{ code: 'HEIRS_ON_RECORD' }], awaitingFacts: [] },
      benefit: { total: 10_000_000 },
    });
  });
});
