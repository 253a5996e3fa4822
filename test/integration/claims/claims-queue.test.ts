import { randomUUID } from 'node:crypto';
import { as, personTokenOf } from '../../support/identity';
import { accidentClaim, call, cover, deathClaim, lapse, registerWorker, startClaims, type ClaimsUnderTest } from './claims-test-kit';

type Credentials = { authorization: string };

/**
 * The back office's queue (GET /v1/claims) and the decisions a claim offers each caller (`availableActions`
 * of GET /v1/claims/{id}), on a database of their own: every open claim here is one of this file's.
 */
describe('claims: the queue of open claims, and the decisions each caller is offered', () => {
  let claims: ClaimsUnderTest;
  let verifier: Credentials;
  let approver: Credentials;
  let finance: Credentials;
  let auditor: Credentials;
  /** Two people holding both claim roles (development users, signed in through the login form). */
  let officerA: Credentials;
  let officerB: Credentials;

  // Monday 20 July 2026: claims complete today are due Thursday 23 (JKM, 3 working days), Wednesday 29 (JKK, 7)
  const MONDAY = '2026-07-20T03:00:00Z';
  const open = { death: '', accident: '', incomplete: '', ineligible: '' };
  /** The two claims without a due date, submitted at the same instant of the test's still clock: by id, as the queue breaks the tie. */
  const undated = () => [open.incomplete, open.ineligible].sort();

  beforeAll(async () => {
    [verifier, approver, finance, auditor] = await Promise.all([as('verifier'), as('approver'), as('finance'), as('auditor')]);
    const [a, b] = await Promise.all([personTokenOf('claims.officer.a'), personTokenOf('claims.officer.b')]);
    officerA = { authorization: `Bearer ${a}` };
    officerB = { authorization: `Bearer ${b}` };
    claims = await startClaims('jaring_test_claims_queue');
    claims.clock.set(MONDAY);

    const covered = async (regionCode: string) => {
      const worker = await registerWorker(claims, { regionCode });
      await cover(claims, worker.workerId, ['2026-06', '2026-07']);
      return worker;
    };
    const submit = async (body: Record<string, unknown>) => {
      const answer = await post('/v1/claims', verifier, body);
      expect(answer.status).toBe(201);
      return answer.body.id as string;
    };
    // submitted in this order: the claims with no due date keep it in the queue
    open.death = await submit(deathClaim(await covered('5371')));
    open.accident = await submit(
      accidentClaim(await covered('5303'), { kind: 'MEDICAL', medicalCosts: 4_250_000, transportCosts: { land: 6_000_000 } }),
    );
    open.incomplete = await submit(deathClaim(await covered('5371'), { documents: ['MEMBERSHIP_CARD'] }));
    // covered in June only, lapsed from 1 July: the death on 10 July is not covered, for good
    const lapsed = await registerWorker(claims, { regionCode: '5371' });
    await cover(claims, lapsed.workerId, ['2026-06']);
    await lapse(claims, lapsed.workerId, '2026-07-01', '2026-06-30');
    open.ineligible = await submit(deathClaim(lapsed));
  });

  afterAll(async () => {
    await claims?.close();
  });

  afterEach(() => claims.clock.set(MONDAY));

  const post = (path: string, auth: Credentials, body: unknown = {}) => call(claims.baseUrl, 'POST', path, { auth, body });
  const queue = (query = '', auth = approver) => call(claims.baseUrl, 'GET', `/v1/claims${query}`, { auth });
  const idsOf = (answer: { body: { items: Array<{ id: string }> } }) => answer.body.items.map((item) => item.id);
  const actionsOf = async (id: string, auth: Credentials) =>
    (await call(claims.baseUrl, 'GET', `/v1/claims/${id}`, { auth })).body.availableActions as string[];

  it('lists the open claims by due date, the earliest first, then those with no due date yet in the order they came', async () => {
    const answer = await queue();
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ total: 4, limit: 50, offset: 0 });
    expect(idsOf(answer)).toEqual([open.death, open.accident, ...undated()]);
    const [death, accident] = answer.body.items;
    const incomplete = answer.body.items.find((item: { id: string }) => item.id === open.incomplete);
    const ineligible = answer.body.items.find((item: { id: string }) => item.id === open.ineligible);
    expect(death).toEqual({
      id: open.death,
      workerId: death.workerId,
      regionCode: '5371',
      type: 'JKM',
      kind: 'DEATH',
      status: 'SUBMITTED',
      submittedOn: '2026-07-20',
      benefitTotal: 42_000_000,
      documentsCompleteOn: '2026-07-20',
      dueOn: '2026-07-23',
      payoutHold: null,
      overdue: false,
      workingDaysOverdue: 0,
      workingDaysLeft: 3,
      latePenaltyAccrued: 0,
    });
    expect(accident).toMatchObject({ regionCode: '5303', type: 'JKK', dueOn: '2026-07-29', workingDaysLeft: 7, benefitTotal: 9_250_000 });
    // no due date until the last document is in, nor ever for an ineligible claim: no standing either
    const noStanding = { dueOn: null, workingDaysLeft: null, overdue: false, workingDaysOverdue: 0, latePenaltyAccrued: 0 };
    expect(incomplete).toMatchObject({ ...noStanding, documentsCompleteOn: null });
    expect(ineligible).toMatchObject({ ...noStanding, documentsCompleteOn: '2026-07-20' });
  });

  it('pages on the server: limit and offset, and the total of every match', async () => {
    const second = await queue('?limit=1&offset=1');
    expect(second.body).toMatchObject({ total: 4, limit: 1, offset: 1 });
    expect(idsOf(second)).toEqual([open.accident]);
    expect(idsOf(await queue('?limit=2&offset=2'))).toEqual(undated());
  });

  it('filters by type, region, status and due date, combined', async () => {
    expect(idsOf(await queue('?type=JKK'))).toEqual([open.accident]);
    expect(idsOf(await queue('?regionCode=5371'))).toEqual([open.death, ...undated()]);
    expect(idsOf(await queue('?regionCode=5371&type=JKM&dueBefore=2026-07-31'))).toEqual([open.death]);
    expect((await queue('?regionCode=5303&type=JKM')).body).toMatchObject({ items: [], total: 0 });
    expect(idsOf(await queue('?status=VERIFIED'))).toEqual([]);
    expect((await queue('?status=SUBMITTED')).body.total).toBe(4);
  });

  it('refuses a bad filter with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['?type=JKN', 'type'],
      ['?regionCode=53', 'regionCode'],
      ['?regionCode=9999', 'regionCode'],
      ['?status=PAID', 'status'],
      ['?dueBefore=2026-02-30', 'dueBefore'],
      ['?limit=501', 'limit'],
    ]) {
      const refused = await queue(query);
      expect(refused.body).toMatchObject({ status: 400, type: 'https://jaring.id/problems/validation-error' });
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
    }
  });

  it('shows an overdue claim in working days late with the penalty it has accrued: what a payout batch that day adds', async () => {
    claims.clock.set('2026-07-28T03:00:00Z'); // Tuesday: Friday 24, Monday 27 and Tuesday 28 past Thursday 23
    const [death, accident] = (await queue()).body.items;
    expect(death).toMatchObject({
      id: open.death,
      overdue: true,
      workingDaysOverdue: 3,
      workingDaysLeft: -3,
      latePenaltyAccrued: 1_260_000, // 1% of Rp42,000,000 per working day late
    });
    expect(accident).toMatchObject({ id: open.accident, overdue: false, workingDaysLeft: 1, latePenaltyAccrued: 0 });

    // a payout batch made the same day adds the same penalty to the claim's line
    expect((await post(`/v1/claims/${open.death}/verification`, verifier)).status).toBe(200);
    expect((await post(`/v1/claims/${open.death}/approval`, approver)).status).toBe(200);
    const batch = await call(claims.baseUrl, 'POST', '/v1/payout-batches', {
      auth: finance,
      body: {},
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(batch.status).toBe(201);
    expect(batch.body.lines).toEqual([
      expect.objectContaining({ claimId: open.death, latePenalty: death.latePenaltyAccrued, daysLate: 3 }),
    ]);
    // still open (APPROVED, its transfer at the bank): still in the queue, with its standing
    expect((await queue('?status=APPROVED')).body.items).toEqual([
      expect.objectContaining({ id: open.death, latePenaltyAccrued: 1_260_000 }),
    ]);
  });

  it('offers each caller only the decisions the routes would accept: roles, status, eligibility, documents', async () => {
    const { id } = await (async () => {
      const worker = await registerWorker(claims, { regionCode: '5371' });
      await cover(claims, worker.workerId, ['2026-06', '2026-07']);
      return (await post('/v1/claims', verifier, deathClaim(worker))).body as { id: string };
    })();
    expect(await actionsOf(id, verifier)).toEqual(['record-documents', 'verify', 'reject']);
    expect(await actionsOf(id, approver)).toEqual(['reject']);
    for (const reader of [finance, auditor]) expect(await actionsOf(id, reader)).toEqual([]);
    // documents missing: no verification yet; ineligible: rejection or reassessment (and documents, while submitted)
    expect(await actionsOf(open.incomplete, verifier)).toEqual(['record-documents', 'reject']);
    expect(await actionsOf(open.ineligible, verifier)).toEqual(['record-documents', 'reject', 'reassess']);
    const refused = await post(`/v1/claims/${open.ineligible}/verification`, verifier);
    expect(refused.body).toMatchObject({ status: 409, type: 'https://jaring.id/problems/claim-ineligible' });

    // a decision's answer says what the decider may do next: a verifier may still reject a verified claim
    const verified = await post(`/v1/claims/${id}/verification`, verifier);
    expect(verified.body).toMatchObject({ status: 'VERIFIED', availableActions: ['reject'] });
    expect(await actionsOf(id, approver)).toEqual(['approve', 'reject']);
  });

  it('never offers approval to the officer who verified, though they hold both roles; the other officer approves', async () => {
    const worker = await registerWorker(claims, { regionCode: '5371' });
    await cover(claims, worker.workerId, ['2026-06', '2026-07']);
    const { id } = (await post('/v1/claims', verifier, deathClaim(worker))).body as { id: string };
    expect(await actionsOf(id, officerA)).toEqual(['record-documents', 'verify', 'reject']);

    const verified = await post(`/v1/claims/${id}/verification`, officerA);
    expect(verified.body).toMatchObject({ status: 'VERIFIED', availableActions: ['reject'] });
    expect(await actionsOf(id, officerA)).toEqual(['reject']);
    // the service refuses it anyway
    expect((await post(`/v1/claims/${id}/approval`, officerA)).body).toMatchObject({
      status: 403,
      type: 'https://jaring.id/problems/maker-checker',
    });

    expect(await actionsOf(id, officerB)).toEqual(['approve', 'reject']);
    const approved = await post(`/v1/claims/${id}/approval`, officerB);
    expect(approved.body).toMatchObject({ status: 'APPROVED', availableActions: [] });
    const audit = await call(claims.baseUrl, 'GET', `/v1/claims/${id}/audit`, { auth: auditor });
    expect(audit.body.items.map((entry: { actor: string; action: string }) => `${entry.actor} ${entry.action}`)).toEqual([
      'verifier SUBMITTED',
      'claims.officer.a VERIFIED',
      'claims.officer.b APPROVED',
    ]);
  });
});
