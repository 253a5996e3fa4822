import { EVENTS, Topics, type EventEnvelope } from '@jaring/contracts';
import { as } from '../../support/identity';
import { testKafka, TopicRecorder } from '../../support/kafka';
import { waitFor } from '../../support/wait-for';
import {
  accidentClaim,
  call,
  cover,
  deathClaim,
  lapse,
  makeNik,
  registerWorker,
  startClaims,
  type ClaimsUnderTest,
} from './claims-test-kit';

describe('claims: submission, eligibility and estimates (real Kafka and PostgreSQL)', () => {
  let claims: ClaimsUnderTest;
  let recorder: TopicRecorder;
  const ownWorkers = new Set<string>();
  // the back office submits for anyone; a field agent of Kota Kupang (5371) for its workers, where the kit registers them
  let verifier: { authorization: string };
  let agent: { authorization: string };

  beforeAll(async () => {
    [verifier, agent] = await Promise.all([as('verifier'), as('agent-5371')]);
    claims = await startClaims('jaring_test_claims_submission');
    recorder = await new TopicRecorder(testKafka(), [Topics.claimsClaims], (m) => ownWorkers.has(m.key ?? '')).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await claims?.close();
  });

  const submit = (body: unknown, headers?: Record<string, string>, auth = verifier) =>
    call(claims.baseUrl, 'POST', '/v1/claims', { body, headers, auth });

  async function coveredWorker(options: Parameters<typeof registerWorker>[1] = {}) {
    const worker = await registerWorker(claims, options);
    ownWorkers.add(worker.workerId);
    await cover(claims, worker.workerId, ['2026-05', '2026-06', '2026-07']);
    return worker;
  }

  it("records a covered worker's death claimed by the spouse: eligible, Rp42,000,000 in three components, announced without personal data", async () => {
    const worker = await coveredWorker();
    const answer = await submit(deathClaim(worker), {}, agent);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      status: 'SUBMITTED',
      eligibility: { eligible: true, reasons: [] },
      benefit: { total: 42_000_000 },
      documents: { missing: [], completeOn: '2026-07-20' },
      // documents complete Monday 20 July 2026 + 3 working days (JKM)
      dueOn: '2026-07-23',
      claimant: { relationship: 'SPOUSE', bankAccount: '****9012' },
    });
    expect(answer.body.benefit.components.map((c: { code: string; amount: number }) => [c.code, c.amount])).toEqual([
      ['JKM_LUMP_SUM', 20_000_000],
      ['JKM_PERIODIC', 12_000_000],
      ['JKM_FUNERAL', 10_000_000],
    ]);

    const message = await waitFor(
      () => recorder.messages.find((m) => m.key === worker.workerId && m.headers.type === 'claims.claim.submitted'),
      'claim.submitted',
    );
    const envelope = JSON.parse(message.value!) as EventEnvelope<Record<string, unknown>>;
    expect(envelope.data).toMatchObject({
      claimId: answer.body.id,
      eligible: true,
      benefitTotal: 42_000_000,
      claimantRelationship: 'SPOUSE',
    });
    expect(message.value).not.toContain(worker.heirs[0].nik);
    expect(message.value).not.toContain('0123456789012');
    expect(message.value).not.toContain('Maria');

    const [row] = await claims.dataSource.query('SELECT claimant_sealed, bank_account_sealed FROM claims WHERE id = $1', [answer.body.id]);
    expect(Buffer.from(row.claimant_sealed).toString('latin1')).not.toContain(worker.heirs[0].nik);
    expect(Buffer.from(row.bank_account_sealed).toString('latin1')).not.toContain('0123456789012');

    const shown = await call(claims.baseUrl, 'GET', `/v1/claims/${answer.body.id}`, { auth: agent });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      id: answer.body.id,
      status: 'SUBMITTED',
      benefit: { total: 42_000_000 },
      history: [{ action: 'SUBMITTED', status: 'SUBMITTED' }],
    });
    expect(shown.text).not.toContain(worker.heirs[0].nik);

    // the audit trail names who submitted on the family's behalf: the agent's subject and client
    const audit = await call(claims.baseUrl, 'GET', `/v1/claims/${answer.body.id}/audit`, { auth: await as('auditor') });
    expect(audit.body.items).toEqual([
      expect.objectContaining({ actor: 'agent-5371', actorClientId: 'agent-5371', actorRoles: ['agent'], action: 'SUBMITTED' }),
    ]);
  });

  it('refuses a second death claim of the same worker with a 409', async () => {
    const worker = await coveredWorker();
    expect((await submit(deathClaim(worker))).status).toBe(201);
    const second = await submit(deathClaim(worker, { type: 'JKK', details: { kind: 'DEATH' } }));
    expect(second.status).toBe(409);
    expect(second.body.type).toMatch(/death-already-claimed/);
    expect(await claims.dataSource.query('SELECT count(*)::int AS n FROM claims WHERE worker_id = $1', [worker.workerId])).toEqual([
      { n: 1 },
    ]);
  });

  it('records a death while the coverage had lapsed as ineligible, with the reason (201)', async () => {
    const worker = await coveredWorker();
    await lapse(claims, worker.workerId, '2026-08-01', '2026-07-31');
    // a death in August: July was the last covered month
    claims.clock.set('2026-08-20T03:00:00Z');
    const answer = await submit(deathClaim(worker, { incidentDate: '2026-08-05' })).finally(() => claims.clock.set('2026-07-20T03:00:00Z'));
    expect(answer.status).toBe(201);
    expect(answer.body.eligibility).toEqual({
      eligible: false,
      reasons: [{ code: 'COVERAGE_LAPSED', message: expect.stringContaining('lapsed on 2026-08-01') }],
      awaitingFacts: [],
    });
    expect(answer.body.dueOn).toBeNull();
  });

  it('refuses a JKK claim made more than 5 years after the accident', async () => {
    const worker = await coveredWorker();
    await cover(claims, worker.workerId, ['2021-03']);
    claims.clock.set('2026-03-11T03:00:00Z');
    try {
      const late = await submit(accidentClaim(worker, { kind: 'MEDICAL', medicalCosts: 2_000_000 }, { incidentDate: '2021-03-10' }));
      expect(late.status).toBe(201);
      expect(late.body.eligibility.reasons.map((r: { code: string }) => r.code)).toEqual(['DEADLINE_PASSED']);
      claims.clock.set('2026-03-10T03:00:00Z');
      const onTime = await submit(accidentClaim(worker, { kind: 'MEDICAL', medicalCosts: 2_000_000 }, { incidentDate: '2021-03-10' }));
      expect(onTime.body.eligibility).toEqual({ eligible: true, reasons: [], awaitingFacts: [] });
    } finally {
      claims.clock.set('2026-07-20T03:00:00Z');
    }
  });

  it('refuses the wrong heir: a parent while the spouse exists, and someone who is no heir', async () => {
    const worker = await coveredWorker({
      heirs: [
        { relationship: 'SPOUSE', birthDate: '1992-05-25' },
        { relationship: 'PARENT', birthDate: '1960-01-02' },
      ],
    });
    const parent = worker.heirs[1];
    const base = deathClaim(worker) as { claimant: Record<string, unknown> };
    const byParent = await submit({ ...base, claimant: { ...base.claimant, nik: parent.nik, relationship: 'PARENT' } });
    expect(byParent.status).toBe(201);
    expect(byParent.body.eligibility.reasons.map((r: { code: string }) => r.code)).toEqual(['HEIR_NOT_FIRST_TIER']);
    // one death, one live claim: the parent's stands until a verifier rejects it
    const reject = (id: string) =>
      call(claims.baseUrl, 'POST', `/v1/claims/${id}/rejection`, { body: { reason: 'not the heir' }, auth: verifier });
    expect((await reject(byParent.body.id)).status).toBe(200);
    // someone who is no heir may be an heir enrollment has not told claims of yet: the claim waits for the heirs
    const byStranger = await submit({ ...base, claimant: { ...base.claimant, nik: makeNik('1985-03-03') } });
    expect(byStranger.body).toMatchObject({ status: 'PENDING_FACTS', eligibility: { eligible: false, awaitingFacts: ['HEIRS'] } });
    expect(byStranger.body.eligibility.reasons.map((r: { code: string }) => r.code)).toEqual(['CLAIMANT_NOT_HEIR']);
    expect((await reject(byStranger.body.id)).status).toBe(200);
    // neither stands in the way of the right heir
    expect((await submit(deathClaim(worker))).body.eligibility.eligible).toBe(true);
  });

  it('names every reason at once for an unknown worker submitted by the back office, and waits for the worker and coverage', async () => {
    const worker = { workerId: '00000000-0000-4000-8000-000000000001', nik: makeNik('1990-01-01'), birthDate: '1990-01-01', heirs: [] };
    const answer = await submit(accidentClaim(worker, { kind: 'TEMPORARY_INCAPACITY', daysUnableToWork: 10 }));
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: 'PENDING_FACTS', eligibility: { eligible: false, awaitingFacts: ['WORKER', 'COVERAGE'] } });
    expect(answer.body.eligibility.reasons.map((r: { code: string }) => r.code)).toEqual(['WORKER_UNKNOWN', 'NOT_COVERED']);
    expect(answer.body.benefit).toEqual({ total: 0, components: [] });
  });

  it('answers bad input with a 400 naming the fields, and writes nothing', async () => {
    const worker = await coveredWorker();
    const before = await claims.dataSource.query('SELECT count(*)::int AS n FROM claims');
    const bad = await submit({
      ...deathClaim(worker),
      incidentDate: '2026-02-30',
      claimant: { fullName: '', nik: '123', relationship: 'COUSIN', bankAccount: { bankCode: 'x' } },
      extra: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    for (const field of [
      'incidentDate',
      'claimant.fullName',
      'claimant.nik',
      'claimant.relationship',
      'claimant.bankAccount.bankCode',
      'claimant.bankAccount.accountNumber',
      'extra',
    ]) {
      expect(fields).toContain(field);
    }
    const wrongKind = await submit(deathClaim(worker, { details: { kind: 'MEDICAL', medicalCosts: 1 } }));
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errors).toEqual([{ field: 'details.kind', reason: 'must be one of DEATH for JKM' }]);
    const missing = await submit(accidentClaim(worker, { kind: 'PERMANENT_PARTIAL_DISABILITY' }));
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('details.disabilityPercent');
    expect(await claims.dataSource.query('SELECT count(*)::int AS n FROM claims')).toEqual(before);
  });

  it("replays a retried submission with the same Idempotency-Key instead of recording it twice; keys are each client's own", async () => {
    const worker = await coveredWorker();
    const body = accidentClaim(worker, { kind: 'MEDICAL', medicalCosts: 3_000_000 });
    const key = { 'idempotency-key': `claim-${worker.workerId}` };
    const first = await submit(body, key);
    const again = await submit(body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await claims.dataSource.query('SELECT count(*)::int AS n FROM claims WHERE worker_id = $1', [worker.workerId])).toEqual([
      { n: 1 },
    ]);

    // the same key from another client is another request: a claim of its own, not the verifier's answer
    const byAgent = await submit(body, key, agent);
    expect(byAgent.status).toBe(201);
    expect(byAgent.headers.get('idempotent-replayed')).toBeNull();
    expect(byAgent.body.id).not.toBe(first.body.id);
    expect(await claims.dataSource.query('SELECT count(*)::int AS n FROM claims WHERE worker_id = $1', [worker.workerId])).toEqual([
      { n: 2 },
    ]);
  });

  it("pays the JHT balance at 56: the JHT contributions of each covered month at that month's income", async () => {
    const worker = await registerWorker(claims, {
      programs: ['JKK', 'JKM', 'JHT'],
      declaredMonthlyIncome: 1_500_000,
      registeredOn: '2025-07-01',
      birthDate: '1970-07-01',
    });
    ownWorkers.add(worker.workerId);
    await claims.events.publish(EVENTS.WorkerChanged, worker.workerId, {
      workerId: worker.workerId,
      declaredMonthlyIncome: 3_000_000,
      programs: ['JKK', 'JKM', 'JHT'],
      effectiveFrom: '2026-01',
    });
    await waitFor(
      async () =>
        (await claims.dataSource.query(`SELECT 1 FROM worker_terms WHERE worker_id = $1 AND effective_from = '2026-01'`, [worker.workerId]))
          .length === 1,
      'the income change',
    );
    await cover(
      claims,
      worker.workerId,
      ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'],
      ['JKK', 'JKM', 'JHT'],
    );
    const body = {
      ...accidentClaim(worker, { kind: 'SAVINGS' }),
      type: 'JHT',
      documents: ['MEMBERSHIP_CARD', 'CLAIMANT_ID', 'BANK_ACCOUNT_BOOK'],
    };
    const answer = await submit(body);
    // 2025-07..12 at 1,500,000 (nominal 1,600,000): 6 × 32,000 = 192,000; 2026-01..06 at 3,000,000 (nominal 2,950,000): 6 × 59,000 = 354,000
    expect(answer.body).toMatchObject({ eligibility: { eligible: true }, benefit: { total: 546_000 } });
    const young = await registerWorker(claims, { programs: ['JKK', 'JKM', 'JHT'], birthDate: '1990-07-25' });
    await cover(claims, young.workerId, ['2026-06'], ['JKK', 'JKM', 'JHT']);
    const early = await submit({ ...accidentClaim(young, { kind: 'SAVINGS' }), type: 'JHT' });
    expect(early.body.eligibility.reasons.map((r: { code: string }) => r.code)).toEqual(['JHT_NOT_YET_PAYABLE']);
    const estimate = await call(claims.baseUrl, 'GET', '/v1/benefit-estimates?type=JHT&declaredMonthlyIncome=1500000&membershipMonths=6');
    expect(estimate.body.benefit.total).toBe(192_000);
  });

  describe('benefit estimates: the same figures as the claims', () => {
    const estimate = (query: string) => call(claims.baseUrl, 'GET', `/v1/benefit-estimates?${query}`);

    it("equal a work-accident death claim's computed benefit", async () => {
      const worker = await coveredWorker({ declaredMonthlyIncome: 2_800_000, heirs: [{ relationship: 'CHILD', birthDate: '2012-01-01' }] });
      const claim = await submit(deathClaim(worker, { type: 'JKK', details: { kind: 'DEATH', commuting: true } }));
      expect(claim.body.eligibility.eligible).toBe(true);
      const answer = await estimate('type=JKK&kind=DEATH&declaredMonthlyIncome=2800000');
      expect(answer.status).toBe(200);
      // 2,800,000 falls in the 2,700,000-3,199,999 bracket: nominal 2,950,000; 48 × 2,950,000 = 141,600,000 + 22,000,000
      expect(answer.body).toMatchObject({ incomeNominal: 2_950_000, benefit: { total: 163_600_000 } });
      expect(answer.body.benefit).toEqual(claim.body.benefit);
    });

    it("equal a JKM claim's and a temporary incapacity claim's", async () => {
      const worker = await registerWorker(claims, { declaredMonthlyIncome: 1_500_000, registeredOn: '2026-05-01' });
      ownWorkers.add(worker.workerId);
      await cover(claims, worker.workerId, ['2026-06', '2026-07']);
      // death on 10 July 2026, 2 completed months after registering on 1 May (2 months paid): the funeral costs only
      const jkm = await submit(deathClaim(worker));
      const jkmEstimate = await estimate('type=JKM&membershipMonths=2');
      expect(jkmEstimate.body.benefit).toEqual(jkm.body.benefit);
      expect(jkm.body.benefit.total).toBe(10_000_000);

      const stmb = await submit(accidentClaim(worker, { kind: 'TEMPORARY_INCAPACITY', daysUnableToWork: 45 }));
      const stmbEstimate = await estimate('type=JKK&kind=TEMPORARY_INCAPACITY&declaredMonthlyIncome=1500000&daysUnableToWork=45');
      // nominal 1,600,000 / 30 × 45 = 2,400,000
      expect(stmb.body.benefit.total).toBe(2_400_000);
      expect(stmbEstimate.body.benefit).toEqual(stmb.body.benefit);
    });

    it('needs what the kind needs, naming the parameter', async () => {
      const answer = await estimate('type=JKK&kind=PERMANENT_PARTIAL_DISABILITY&declaredMonthlyIncome=1000000');
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].field).toBe('disabilityPercent');
      expect((await estimate('type=JKK')).body.errors[0].field).toBe('kind');
      expect((await estimate('type=JKM')).body.errors[0].field).toBe('membershipMonths');
      expect((await estimate('type=JKK&kind=DEATH&declaredMonthlyIncome=lots')).body.errors[0].field).toBe('declaredMonthlyIncome');
    });
  });
});
