import { randomUUID } from 'node:crypto';
import { AdjustableClock } from '@jaring/domain';
import { as } from '../../support/identity';
import { ContributionsHarness } from './contributions-harness';

const PROBLEM = 'https://jaring.id/problems/';

/**
 * Who may call what in contributions (docs/api.md, "Who may call"), on the test run's real OpenID provider
 * with its development clients: every route family for its roles and refused to others (403 forbidden-role),
 * to nobody without credentials (401), agents kept to their own regions (404), payments recorded under the
 * channel of the credential, Idempotency-Keys of one channel apart from another's, billing runs for the
 * current or the next period only, and who made each write.
 */
describe('contributions: who may call', () => {
  const clock = new AdjustableClock('2026-11-05T03:00:00Z');
  const harness = new ContributionsHarness('jaring_test_contributions_access', clock);
  let kupang: string; // a worker of Kota Kupang (5371)
  let kabupaten: string; // a worker of Kabupaten Kupang (5303)

  beforeAll(async () => {
    await harness.start();
    kupang = (await harness.register({ regionCode: '5371' })).workerId;
    kabupaten = (await harness.register({ regionCode: '5303' })).workerId;
  });
  afterAll(() => harness.stop());

  async function paymentsOf(workerId: string): Promise<unknown[]> {
    return harness.dataSource.query('SELECT id FROM payments WHERE worker_id = $1', [workerId]);
  }

  it('answers quotes to anyone, without credentials', async () => {
    const quote = await harness.get('/v1/contribution-quotes?declaredMonthlyIncome=1000000');
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({ period: '2026-11', total: 8_400 });
  });

  it('refuses every other route without credentials, or with a token that is not the provider’s (401)', async () => {
    const forged = { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJvcGVyYXRvciJ9.' };
    for (const headers of [{}, forged]) {
      const answers = [
        await harness.get(`/v1/workers/${kupang}/invoices`, headers),
        await harness.get(`/v1/workers/${kupang}/coverage`, headers),
        await harness.get(`/v1/workers/${kupang}/payments`, headers),
        await harness.get(`/v1/workers/${kupang}/coverage-timeline`, headers),
        await harness.post(
          '/v1/payments',
          { workerId: kupang, amount: 8_400, externalReference: 'TRX-ANON' },
          {
            ...headers,
            'idempotency-key': randomUUID(),
          },
        ),
        await harness.post('/v1/billing-runs', {}, headers),
        await harness.get(`/v1/billing-runs/${randomUUID()}`, headers),
        await harness.post('/v1/arrears-runs', {}, headers),
      ];
      expect(answers.map((answer) => [answer.status, answer.body.type])).toEqual(
        Array(answers.length).fill([401, `${PROBLEM}unauthorized`]),
      );
    }
    expect(await paymentsOf(kupang)).toEqual([]);
    expect(await harness.dataSource.query('SELECT id FROM billing_runs')).toEqual([]);
    expect(await harness.dataSource.query('SELECT id FROM arrears_runs')).toEqual([]);
  });

  describe("a worker's invoices, coverage and payments", () => {
    const readers = [
      'agent-5371',
      'channel-bank-ntt',
      'channel-pos',
      'enrollment-officer',
      'verifier',
      'approver',
      'finance',
      'auditor',
      'operator',
    ];

    it.each(readers)('are read by %s', async (client) => {
      const invoices = await harness.get(`/v1/workers/${kupang}/invoices`, await as(client));
      expect(invoices.status).toBe(200);
      expect(invoices.body.items).toEqual([expect.objectContaining({ workerId: kupang, period: '2026-11' })]);
      const coverage = await harness.get(`/v1/workers/${kupang}/coverage`, await as(client));
      expect(coverage.status).toBe(200);
      expect(coverage.body).toMatchObject({ workerId: kupang, status: 'PENDING_PAYMENT' });
      const payments = await harness.get(`/v1/workers/${kupang}/payments`, await as(client));
      expect([payments.status, payments.body.total]).toEqual([200, 0]);
      const timeline = await harness.get(`/v1/workers/${kupang}/coverage-timeline`, await as(client));
      expect([timeline.status, timeline.body.months]).toEqual([
        200,
        [{ period: '2026-11', covered: false, invoiceStatus: 'ISSUED', amount: 8_400, paidBy: [] }],
      ]);
    });

    it('are not for a programme officer (403 forbidden-role)', async () => {
      for (const path of [
        `/v1/workers/${kupang}/invoices`,
        `/v1/workers/${kupang}/coverage`,
        `/v1/workers/${kupang}/payments`,
        `/v1/workers/${kupang}/coverage-timeline`,
      ]) {
        const refused = await harness.get(path, await as('programme-officer'));
        expect([refused.status, refused.body.type]).toEqual([403, `${PROBLEM}forbidden-role`]);
      }
    });

    it("keep an agent to its own regions: another region's worker is not found (404)", async () => {
      for (const path of [
        `/v1/workers/${kabupaten}/invoices`,
        `/v1/workers/${kabupaten}/coverage`,
        `/v1/workers/${kabupaten}/payments`,
        `/v1/workers/${kabupaten}/coverage-timeline`,
      ]) {
        const hidden = await harness.get(path, await as('agent-5371'));
        expect([hidden.status, hidden.body.type]).toEqual([404, `${PROBLEM}worker-not-found`]);
        // the same answer as for a worker nobody knows
        const unknown = await harness.get(path.replace(kabupaten, randomUUID()), await as('agent-5371'));
        expect([unknown.status, unknown.body.type]).toEqual([404, `${PROBLEM}worker-not-found`]);
        expect((await harness.get(path, await as('agent-5303'))).status).toBe(200);
      }
      expect((await harness.get(`/v1/workers/${kupang}/invoices`, await as('agent-5303'))).status).toBe(404);
    });
  });

  describe('payments', () => {
    it.each(['operator', 'agent-5371', 'finance', 'auditor'])('are not recorded by %s (403 forbidden-role)', async (client) => {
      const { workerId } = await harness.register();
      const refused = await harness.post(
        '/v1/payments',
        { workerId, amount: 8_400, externalReference: `TRX-${randomUUID()}` },
        { 'idempotency-key': randomUUID(), ...(await as(client)) },
      );
      expect([refused.status, refused.body.type]).toEqual([403, `${PROBLEM}forbidden-role`]);
      expect(await paymentsOf(workerId)).toEqual([]);
    });

    it("document the body's channel as optional and ignored, and the route as a channel's", async () => {
      const { status, body } = await harness.get('/docs-json');
      expect(status).toBe(200);
      const schema = body.components.schemas.CreatePaymentDto;
      expect(schema.required).not.toContain('channel');
      expect(schema.properties.channel).toMatchObject({ deprecated: true, description: expect.stringContaining('Ignored') });
      const post = body.paths['/v1/payments'].post;
      expect(post.security).toEqual([{ bearer: [] }]);
      expect(post.responses['403'].description).toBe('needs the role channel');
    });

    it('are recorded under the channel of the credential, whatever the body says, with who recorded them', async () => {
      const { workerId } = await harness.register();
      const paid = await harness.pay({ workerId, amount: 8_400, channel: 'POS_INDONESIA', externalReference: 'TRX-NTT-1' });
      expect(paid.status).toBe(201);
      expect(paid.body).toMatchObject({ workerId, channel: 'BANK_NTT', externalReference: 'TRX-NTT-1' });
      expect(
        await harness.dataSource.query(
          'SELECT channel, external_reference, recorded_by_subject, recorded_by_client FROM payments WHERE id = $1',
          [paid.body.id],
        ),
      ).toEqual([
        {
          channel: 'BANK_NTT',
          external_reference: 'TRX-NTT-1',
          recorded_by_subject: 'channel-bank-ntt',
          recorded_by_client: 'channel-bank-ntt',
        },
      ]);
      // the money is Bank NTT's in the ledger too
      expect(
        await harness.dataSource.query(
          `SELECT account, amount::int FROM ledger_entries WHERE journal_id = $1 AND account LIKE 'channel:%'`,
          [paid.body.id],
        ),
      ).toEqual([{ account: 'channel:BANK_NTT', amount: 8_400 }]);
    });

    it("check a reference against the caller's channel: Pos Indonesia may use Bank NTT's, Bank NTT not twice", async () => {
      const first = await harness.register();
      const second = await harness.register();
      const third = await harness.register();
      expect((await harness.pay({ workerId: first.workerId, amount: 8_400, externalReference: 'TRX-SHARED' })).status).toBe(201);
      // Pos Indonesia's own reference, even when it says BANK_NTT in the body
      const pos = await harness.pay(
        { workerId: second.workerId, amount: 8_400, channel: 'BANK_NTT', externalReference: 'TRX-SHARED' },
        randomUUID(),
        'channel-pos',
      );
      expect([pos.status, pos.body.channel]).toEqual([201, 'POS_INDONESIA']);
      const again = await harness.pay({ workerId: third.workerId, amount: 8_400, externalReference: 'TRX-SHARED' });
      expect([again.status, again.body.type]).toEqual([409, `${PROBLEM}payment-already-recorded`]);
      expect(await paymentsOf(third.workerId)).toEqual([]);
    });

    it("keep one channel's Idempotency-Keys apart from another's", async () => {
      const ntt = await harness.register();
      const pos = await harness.register();
      const key = randomUUID();
      const byNtt = await harness.pay({ workerId: ntt.workerId, amount: 8_400, externalReference: 'TRX-KEY-NTT' }, key);
      // the same key, another body, another channel: another payment
      const byPos = await harness.pay({ workerId: pos.workerId, amount: 8_400, externalReference: 'TRX-KEY-POS' }, key, 'channel-pos');
      expect([byNtt.status, byNtt.body.channel]).toEqual([201, 'BANK_NTT']);
      expect([byPos.status, byPos.body.channel]).toEqual([201, 'POS_INDONESIA']);
      expect(byPos.body.id).not.toBe(byNtt.body.id);
      expect(byPos.headers.get('idempotent-replayed')).toBeNull();
      expect(await paymentsOf(ntt.workerId)).toEqual([{ id: byNtt.body.id }]);
      expect(await paymentsOf(pos.workerId)).toEqual([{ id: byPos.body.id }]);

      // Bank NTT with its key and its body again: the stored answer; with Pos Indonesia's body: refused
      const replay = await harness.pay({ workerId: ntt.workerId, amount: 8_400, externalReference: 'TRX-KEY-NTT' }, key);
      expect([replay.status, replay.body.id, replay.headers.get('idempotent-replayed')]).toEqual([201, byNtt.body.id, 'true']);
      const reused = await harness.pay({ workerId: pos.workerId, amount: 8_400, externalReference: 'TRX-KEY-POS' }, key);
      expect([reused.status, reused.body.type]).toEqual([422, `${PROBLEM}idempotency-key-reused`]);
      expect(await paymentsOf(pos.workerId)).toEqual([{ id: byPos.body.id }]);
    });
  });

  describe('billing runs', () => {
    it.each(['channel-bank-ntt', 'finance', 'auditor', 'enrollment-officer'])(
      'are not started by %s (403 forbidden-role)',
      async (client) => {
        const refused = await harness.post('/v1/billing-runs', {}, await as(client));
        expect([refused.status, refused.body.type]).toEqual([403, `${PROBLEM}forbidden-role`]);
        expect(await harness.dataSource.query('SELECT id FROM billing_runs')).toEqual([]);
      },
    );

    it.each([
      ['2099-12', 'a period too far ahead'],
      ['2027-01', 'a period too far ahead'],
      ['2026-10', 'a past period'],
    ])('are refused for %s: only the current period or the next (422 period-not-allowed)', async (period, why) => {
      const refused = await harness.post('/v1/billing-runs', { period }, await as('operator'));
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        type: `${PROBLEM}period-not-allowed`,
        errors: [{ field: 'period', reason: `${why}: only 2026-11 (the current period) or 2026-12 (the next) may be billed` }],
      });
      expect(await harness.dataSource.query('SELECT id FROM billing_runs WHERE period = $1', [period])).toEqual([]);
    });

    it('are started by an operator for the current or the next period, and say who asked', async () => {
      const current = await harness.billingRun();
      expect(current).toMatchObject({
        period: '2026-11',
        status: 'DONE',
        trigger: 'HTTP',
        requestedBy: { subject: 'operator', clientId: 'operator' },
      });
      const next = await harness.billingRun('2026-12');
      expect(next).toMatchObject({ period: '2026-12', status: 'DONE', requestedBy: { subject: 'operator', clientId: 'operator' } });
      expect(
        await harness.dataSource.query('SELECT requested_by_subject, requested_by_client FROM billing_runs WHERE id = $1', [next.id]),
      ).toEqual([{ requested_by_subject: 'operator', requested_by_client: 'operator' }]);
    });

    it('are followed by operators, finance and auditors, and nobody else', async () => {
      const [{ id }] = await harness.dataSource.query<Array<{ id: string }>>('SELECT id FROM billing_runs LIMIT 1');
      for (const client of ['operator', 'finance', 'auditor']) {
        const run = await harness.get(`/v1/billing-runs/${id}`, await as(client));
        expect([run.status, run.body.id]).toEqual([200, id]);
      }
      for (const client of ['channel-bank-ntt', 'agent-5371', 'verifier']) {
        const refused = await harness.get(`/v1/billing-runs/${id}`, await as(client));
        expect([refused.status, refused.body.type]).toEqual([403, `${PROBLEM}forbidden-role`]);
      }
    });
  });

  describe('arrears runs', () => {
    it.each(['channel-bank-ntt', 'auditor', 'finance'])('are not started by %s (403 forbidden-role)', async (client) => {
      const refused = await harness.post('/v1/arrears-runs', {}, await as(client));
      expect([refused.status, refused.body.type]).toEqual([403, `${PROBLEM}forbidden-role`]);
      expect(await harness.dataSource.query('SELECT id FROM arrears_runs')).toEqual([]);
    });

    it('are started by an operator and say who asked, even when they find nothing to do', async () => {
      const run = await harness.arrearsRun();
      expect(run).toMatchObject({
        asOf: '2026-11-05',
        overdue: 0,
        lapsed: 0,
        trigger: 'HTTP',
        requestedBy: { subject: 'operator', clientId: 'operator' },
      });
      expect(
        await harness.dataSource.query('SELECT status, requested_by_subject, requested_by_client FROM arrears_runs WHERE id = $1', [
          run.id,
        ]),
      ).toEqual([{ status: 'DONE', requested_by_subject: 'operator', requested_by_client: 'operator' }]);
    });
  });
});
