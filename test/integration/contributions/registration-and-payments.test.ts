import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AdjustableClock } from '@jaring/domain';
import { idempotencyLockId } from '@jaring/platform';
import { as } from '../../support/identity';
import { databaseUrlFor, testInfrastructure } from '../../support/infrastructure';
import { ContributionsHarness } from './contributions-harness';

/**
 * Registration → first invoice → payment → coverage, and the Idempotency-Key rules, through the public
 * API and real Kafka topics. Amounts are written from docs/rules.md: in 2026-11 a self-paying trader gets the
 * PP 50/2025 discount (Rp8,400); from 2027-01 the full Rp16,800.
 */
describe('contributions: registration, payments, idempotency', () => {
  const clock = new AdjustableClock('2026-11-05T03:00:00Z');
  const harness = new ContributionsHarness('jaring_test_contributions_payments', clock);

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('opens an account and issues the first invoice of the current period on registration', async () => {
    const { workerId, firstInvoice } = await harness.register();
    expect(firstInvoice).toMatchObject({
      workerId,
      period: '2026-11',
      amount: 8_400,
      status: 'ISSUED',
      payer: 'SELF',
      dueDate: '2026-11-16', // 15 November 2026 is a Sunday
      lines: [
        { program: 'JKK', amount: 5_000 },
        { program: 'JKM', amount: 3_400 },
      ],
    });
    const [issued] = await harness.waitForEvent(workerId, 'contributions.invoice.issued');
    expect(issued.data).toEqual({
      invoiceId: firstInvoice.id,
      workerId,
      period: '2026-11',
      amount: 8_400,
      payer: 'SELF',
      dueDate: '2026-11-16',
      lines: [
        { program: 'JKK', amount: 5_000 },
        { program: 'JKM', amount: 3_400 },
      ],
    });
    expect(await harness.coverage(workerId, '2026-11-20')).toMatchObject({
      covered: false,
      status: 'PENDING_PAYMENT',
      paidUntil: null,
      periods: [],
      lapsesOn: '2027-02-01',
    });
  });

  it('prices JHT at the full 2% and an ojek driver inside the transport window', async () => {
    const saver = await harness.register({ declaredMonthlyIncome: 2_000_000, programs: ['JKK', 'JKM', 'JHT'] });
    expect(saver.firstInvoice.lines).toEqual([
      { program: 'JKK', amount: 10_000 },
      { program: 'JKM', amount: 3_400 },
      { program: 'JHT', amount: 40_000 },
    ]);
    expect(saver.firstInvoice.amount).toBe(53_400);
    const ojek = await harness.register({ occupation: 'OJEK_DRIVER' });
    expect(ojek.firstInvoice).toMatchObject({ amount: 8_400, discountRule: 'PP50_2025_TRANSPORT' });
  });

  it('a self-paid month makes the worker covered and announces it', async () => {
    const { workerId, firstInvoice } = await harness.register();
    const key = randomUUID();
    const paid = await harness.pay({ workerId, amount: 8_400, externalReference: 'TRX-A-1' }, key);
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({
      workerId,
      amount: 8_400,
      channel: 'BANK_NTT', // the channel of the caller's credential (channel-bank-ntt)
      externalReference: 'TRX-A-1',
      appliedTo: [{ invoiceId: firstInvoice.id, period: '2026-11', amount: 8_400 }],
    });

    expect((await harness.invoices(workerId))[0]).toMatchObject({ status: 'PAID', paidAmount: 8_400 });
    expect(await harness.coverage(workerId, '2026-11-20')).toMatchObject({
      covered: true,
      programs: ['JKK', 'JKM'],
      status: 'ACTIVE',
      paidUntil: '2026-11-30',
      periods: ['2026-11'],
      graceUntil: '2027-02-28',
      lapsesOn: '2027-03-01',
    });
    expect((await harness.coverage(workerId, '2026-12-01')).covered).toBe(false);

    const [invoicePaid] = await harness.waitForEvent(workerId, 'contributions.invoice.paid');
    expect(invoicePaid.data).toEqual({
      invoiceId: firstInvoice.id,
      workerId,
      period: '2026-11',
      amount: 8_400,
      paymentId: paid.body.id,
      paidBy: 'SELF',
    });
    const [activated] = await harness.waitForEvent(workerId, 'contributions.coverage.activated');
    expect(activated.data).toEqual({
      workerId,
      programs: ['JKK', 'JKM'],
      periods: ['2026-11'],
      coveredFrom: '2026-11-01',
      coveredUntil: '2026-11-30',
    });
  });

  describe('Idempotency-Key', () => {
    it('is required: 400 naming the header, nothing written', async () => {
      const { workerId } = await harness.register();
      const response = await harness.post(
        '/v1/payments',
        { workerId, amount: 8_400, externalReference: 'TRX-NOKEY' },
        await as('channel-bank-ntt'),
      );
      expect(response.status).toBe(400);
      expect(response.body.type).toBe('https://jaring.id/problems/idempotency-key-missing');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
      expect(await harness.dataSource.query('SELECT 1 FROM payments WHERE worker_id = $1', [workerId])).toHaveLength(0);
    });

    it('replays the first answer for the same key and body, and applies the payment once', async () => {
      const { workerId } = await harness.register();
      const key = randomUUID();
      const body = { workerId, amount: 8_400, externalReference: `TRX-${key}` };
      const headers = { 'idempotency-key': key, ...(await as('channel-bank-ntt')) };
      const first = await harness.post('/v1/payments', body, headers);
      const again = await harness.post('/v1/payments', { externalReference: body.externalReference, amount: 8_400, workerId }, headers);
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(await harness.dataSource.query('SELECT 1 FROM payments WHERE worker_id = $1', [workerId])).toHaveLength(1);
      expect(await harness.dataSource.query('SELECT 1 FROM ledger_journals WHERE id = $1', [first.body.id])).toHaveLength(1);
    });

    it('refuses the same key with another body (422)', async () => {
      const { workerId } = await harness.register();
      const key = randomUUID();
      expect((await harness.pay({ workerId, amount: 8_400, externalReference: 'TRX-K-1' }, key)).status).toBe(201);
      const other = await harness.pay({ workerId, amount: 8_400, externalReference: 'TRX-K-2' }, key);
      expect(other.status).toBe(422);
      expect(other.body.type).toBe('https://jaring.id/problems/idempotency-key-reused');
    });

    it('answers 409 while the first request with the key is still running, and scopes keys per caller', async () => {
      const { workerId } = await harness.register();
      const key = randomUUID();
      // Hold the key's lock as the first request's transaction would, from another connection.
      const holder = new Client({ connectionString: databaseUrlFor(testInfrastructure().databaseUrl, harness.database) });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        // Bank NTT's keys are its client's own (the platform's scope for a signed-in caller).
        await holder.query('SELECT pg_advisory_xact_lock($1::bigint)', [idempotencyLockId({ scope: 'client:channel-bank-ntt', key })]);
        const busy = await harness.pay({ workerId, amount: 8_400 }, key);
        expect(busy.status).toBe(409);
        expect(busy.body.type).toBe('https://jaring.id/problems/idempotency-key-in-use');
        // The same key from another channel is another key.
        const partner = await harness.pay({ workerId, amount: 8_400, externalReference: `TRX-${key}` }, key, 'channel-pos');
        expect(partner.status).toBe(201);
        expect(partner.body.channel).toBe('POS_INDONESIA');
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }
      expect(await harness.dataSource.query('SELECT 1 FROM payments WHERE worker_id = $1', [workerId])).toHaveLength(1);
    });

    it('records a channel reference once even under another key (409, the second guard)', async () => {
      const first = await harness.register();
      const second = await harness.register();
      expect((await harness.pay({ workerId: first.workerId, amount: 8_400, externalReference: 'TRX-DUP-1' })).status).toBe(201);
      const duplicate = await harness.pay({ workerId: second.workerId, amount: 8_400, externalReference: 'TRX-DUP-1' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.type).toBe('https://jaring.id/problems/payment-already-recorded');
      expect((await harness.invoices(second.workerId))[0].status).toBe('ISSUED');
    });
  });

  it('refuses an amount that settles no whole invoices, with the reason, and applies nothing', async () => {
    const { workerId } = await harness.register();
    const response = await harness.pay({ workerId, amount: 10_000 });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'amount' })]);
    expect(response.body.detail).toContain('does not settle whole invoices');
    expect(response.body.acceptedAmounts[0]).toEqual({ amount: 8_400, covers: '1 open invoice (2026-11..2026-11)' });
    const twoAhead = await harness.pay({ workerId, amount: 8_400 + 8_400 + 16_800 });
    expect(twoAhead.status).toBe(422); // 2 months ahead: only 1, 3, 6 or 12
    const badMonths = await harness.pay({ workerId, amount: 8_400, months: 2 });
    expect(badMonths.status).toBe(400);
    expect(await harness.dataSource.query('SELECT 1 FROM payments WHERE worker_id = $1', [workerId])).toHaveLength(0);
    expect(await harness.invoices(workerId)).toEqual([expect.objectContaining({ status: 'ISSUED', paidAmount: 0 })]);
  });

  it('pays months ahead at each period’s own rate, issuing those invoices', async () => {
    const { workerId } = await harness.register();
    // 2026-11 open (8,400), then 3 ahead: 2026-12 discounted (8,400), 2027-01 and 2027-02 at the full 16,800.
    const paid = await harness.pay({ workerId, amount: 8_400 + 8_400 + 16_800 + 16_800, months: 3 });
    expect(paid.status).toBe(201);
    expect(paid.body.monthsAhead).toBe(3);
    expect(paid.body.appliedTo.map((a: any) => [a.period, a.amount])).toEqual([
      ['2026-11', 8_400],
      ['2026-12', 8_400],
      ['2027-01', 16_800],
      ['2027-02', 16_800],
    ]);
    const invoices = await harness.invoices(workerId);
    expect(invoices.map((i) => [i.period, i.status, i.dueDate])).toEqual([
      ['2027-02', 'PAID', '2027-02-15'],
      ['2027-01', 'PAID', '2027-01-15'],
      ['2026-12', 'PAID', '2026-12-15'],
      ['2026-11', 'PAID', '2026-11-16'],
    ]);
    expect(await harness.coverage(workerId, '2027-02-10')).toMatchObject({
      covered: true,
      paidUntil: '2027-02-28',
      lapsesOn: '2027-06-01',
    });
    const [activated] = await harness.waitForEvent(workerId, 'contributions.coverage.activated');
    expect(activated.data.periods).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(await harness.waitForEvent(workerId, 'contributions.invoice.issued', 4)).toHaveLength(4);

    // Then 12 months ahead reaches 2028-02 > 2026-11 + 12: refused; 6 more is fine (to 2027-08).
    expect((await harness.pay({ workerId, amount: 16_800 * 12, months: 12 })).status).toBe(422);
    const six = await harness.pay({ workerId, amount: 16_800 * 6 });
    expect(six.status).toBe(201);
    expect(six.body.appliedTo.at(-1).period).toBe('2027-08');
    const [extended] = await harness.waitForEvent(workerId, 'contributions.coverage.extended');
    expect(extended.data).toMatchObject({
      periods: ['2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08'],
      coveredFrom: '2027-03-01',
      coveredUntil: '2027-08-31',
    });
  });

  it('answers quotes per docs/api.md, with what each programme covers', async () => {
    const { status, body } = await harness.get(
      '/v1/contribution-quotes?declaredMonthlyIncome=1000000&programs=JKK,JKM,JHT&period=2026-11&occupation=MARKET_TRADER&payer=SELF',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      period: '2026-11',
      bracket: { from: 0, to: 1_099_999, nominal: 1_000_000 },
      total: 28_400,
      fullTotal: 36_800,
      discount: { id: 'PP50_2025_GENERAL', percentOff: 50 },
    });
    expect(body.lines.map((l: any) => [l.program, l.amount, l.fullAmount])).toEqual([
      ['JKK', 5_000, 10_000],
      ['JKM', 3_400, 6_800],
      ['JHT', 20_000, 20_000],
    ]);
    expect(body.lines[1].covers).toContain('Rp42,000,000');
    const apbd = await harness.get('/v1/contribution-quotes?declaredMonthlyIncome=1000000&payer=APBD');
    expect(apbd.body).toMatchObject({ period: '2026-11', total: 16_800, discount: null });
    const negative = await harness.get('/v1/contribution-quotes?declaredMonthlyIncome=-5');
    expect(negative.status).toBe(400);
    expect(negative.body.errors.map((e: any) => e.field)).toEqual(['declaredMonthlyIncome']);
    const jkkOnly = await harness.get('/v1/contribution-quotes?declaredMonthlyIncome=1000000&programs=JKK');
    expect(jkkOnly.status).toBe(400);
    expect(jkkOnly.body.errors).toEqual([
      expect.objectContaining({ field: 'programs', reason: expect.stringContaining('JKM must be included') }),
    ]);
  });

  it('keeps the ledger balanced: every journal and the whole ledger sum to zero', async () => {
    const check = await harness.ledgerCheck();
    expect(check.journals).toBeGreaterThan(5);
    expect(check).toMatchObject({ total: 0, unbalanced: 0 });
    const [funds] = await harness.dataSource.query<Array<{ credited: string }>>(
      `SELECT -sum(amount)::bigint AS credited FROM ledger_entries WHERE account LIKE 'fund:%'`,
    );
    const [paid] = await harness.dataSource.query<Array<{ paid: string }>>(`SELECT sum(amount)::bigint AS paid FROM payments`);
    expect(Number(funds.credited)).toBe(Number(paid.paid));
  });
});
