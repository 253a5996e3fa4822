import { randomUUID } from 'node:crypto';
import { deadLetterTopic, EVENTS, Topics, type EventEnvelope, type SponsorshipGrantedV1, type WorkerDiedV1 } from '@jaring/contracts';
import { AdjustableClock } from '@jaring/domain';
import { DlqHeaders } from '@jaring/messaging';
import { as } from '../../support/identity';
import { testKafka } from '../../support/kafka';
import { waitFor } from '../../support/wait-for';
import { ContributionsHarness, RecorderFromNow } from './contributions-harness';

const PROBLEM = 'https://jaring.id/problems/';

/**
 * A death closes the membership (docs/rules.md, refund): enrollment's `enrollment.worker.died` is produced here
 * as enrollment would. Figures from docs/rules.md for a trader declaring Rp1,000,000: a regency (APBD) pays JKK
 * Rp10,000 and JKM Rp6,800 (no discount for a government budget), the worker JHT Rp20,000; a self-paid month of
 * 2027 (the PP 50/2025 discount has ended) is Rp36,800 with JHT.
 *
 * The widow's story: the worker paid November and three months ahead (December to February) on 5 November; the
 * regency paid November to January. He died on 14 December: December stays covered, January and February are
 * refunded, each payer its own part. A second worker, sponsored and never paid, died on 10 December: his
 * January invoice is voided, and the regency's payment of it, come late, is refunded at once.
 */
describe("contributions: a worker's death closes the membership", () => {
  const clock = new AdjustableClock('2026-11-05T02:00:00Z');
  const harness = new ContributionsHarness('jaring_test_contributions_worker_death', clock);

  let widowed: string;
  let apbd: SponsorshipGrantedV1;
  const authorisations = new Map<string, string>();
  let death: EventEnvelope<WorkerDiedV1>;
  let unpaid: string;
  let unpaidGrant: SponsorshipGrantedV1;
  let unpaidJanuary: any;
  let dlq: RecorderFromNow;

  const invoiceOf = async (workerId: string, period: string) =>
    (await harness.invoices(workerId)).filter((i) => i.period === period && !(i.status === 'VOID' && i.voidReason === 'SPONSORED'));

  beforeAll(async () => {
    await harness.start();
    dlq = await new RecorderFromNow(testKafka(), [deadLetterTopic(Topics.subsidiesSponsorships)], (m) =>
      harness.workers.has(m.key ?? ''),
    ).start();
    widowed = (await harness.register({ programs: ['JKK', 'JKM', 'JHT'] })).workerId;
    apbd = harness.sponsorshipGrant(widowed);
    await harness.produce(EVENTS.SponsorshipGranted, widowed, apbd);
    const november = await harness.liveInvoice(widowed, '2026-11', 'APBD');
    expect(november).toMatchObject({ amount: 36_800, sponsoredAmount: 16_800 });

    // November's own part and three months ahead: December and January sponsored (JHT only), February his own.
    const paid = await harness.pay({ workerId: widowed, amount: 20_000 + 20_000 + 20_000 + 36_800, months: 3 });
    expect(paid.status).toBe(201);
    expect(paid.body.appliedTo.map((a: any) => [a.period, a.amount])).toEqual([
      ['2026-11', 20_000],
      ['2026-12', 20_000],
      ['2027-01', 20_000],
      ['2027-02', 36_800],
    ]);
    for (const period of ['2026-11', '2026-12', '2027-01']) {
      const invoice = await harness.liveInvoice(widowed, period, 'APBD');
      const authorisation = harness.authorisation(apbd, invoice);
      authorisations.set(period, authorisation.authorisationId);
      await harness.produce(EVENTS.SubsidyPaymentAuthorised, widowed, authorisation);
    }
    await waitFor(async () => (await harness.coverage(widowed, '2027-01-10')).covered, 'paid through January');
    await waitFor(async () => (await harness.coverage(widowed)).paidUntil === '2027-02-28', 'paid until February');

    unpaid = (await harness.register()).workerId;
    unpaidGrant = harness.sponsorshipGrant(unpaid);
    await harness.produce(EVENTS.SponsorshipGranted, unpaid, unpaidGrant);
    await harness.liveInvoice(unpaid, '2026-11', 'APBD');
    clock.set('2026-12-01T01:00:00Z');
    await harness.billingRun('2026-12');
    await harness.billingRun('2027-01');
    unpaidJanuary = await harness.liveInvoice(unpaid, '2027-01', 'APBD');
  });
  afterAll(async () => {
    await dlq?.stop();
    await harness.stop();
  });

  it('refunds the months after the month of death, each payer its own part, once however often the death is told', async () => {
    clock.set('2026-12-20T03:00:00Z');
    const data: WorkerDiedV1 = {
      workerId: widowed,
      diedOn: '2026-12-14',
      recordedOn: '2026-12-20',
      source: 'DEATH_CLAIM',
      claimId: randomUUID(),
    };
    death = await harness.produce(EVENTS.WorkerDied, widowed, data);
    // Delivered again (same id), and recorded again by the back office (another id, another date): one effect.
    await harness.produce(EVENTS.WorkerDied, widowed, data, death.id);
    const again = await harness.produce(EVENTS.WorkerDied, widowed, {
      ...data,
      diedOn: '2026-11-30',
      source: 'BACK_OFFICE',
      claimId: undefined,
    });
    await harness.processed(again.id);

    const refunded = await harness.waitForEvent(widowed, 'contributions.contribution.refunded', 3);
    const january = (await invoiceOf(widowed, '2027-01'))[0];
    const february = (await invoiceOf(widowed, '2027-02'))[0];
    const shapes = refunded.map((e) => e.data).sort((a, b) => a.period.localeCompare(b.period) || a.amount - b.amount);
    expect(shapes).toEqual([
      {
        refundId: expect.any(String),
        invoiceId: january.id,
        workerId: widowed,
        period: '2027-01',
        payer: 'APBD',
        amount: 16_800,
        reason: 'WORKER_DIED',
        sponsorshipId: apbd.sponsorshipId,
        authorisationId: authorisations.get('2027-01'),
      },
      {
        refundId: expect.any(String),
        invoiceId: january.id,
        workerId: widowed,
        period: '2027-01',
        payer: 'SELF',
        amount: 20_000,
        reason: 'WORKER_DIED',
      },
      {
        refundId: expect.any(String),
        invoiceId: february.id,
        workerId: widowed,
        period: '2027-02',
        payer: 'SELF',
        amount: 36_800,
        reason: 'WORKER_DIED',
      },
    ]);
    expect(refunded.every((e) => e.causationId === death.id)).toBe(true);
    expect(await harness.dataSource.query('SELECT 1 FROM contribution_refunds WHERE worker_id = $1', [widowed])).toHaveLength(3);
    expect(harness.events(widowed, 'contributions.contribution.refunded')).toHaveLength(3);

    // The invoices say so, with each refund.
    expect(january).toMatchObject({ status: 'REFUNDED', voidReason: 'WORKER_DIED', paidAmount: 36_800 });
    expect(january.refunds.map((r: any) => [r.payer, r.amount, r.sponsorshipId])).toEqual([
      ['SELF', 20_000, undefined],
      ['APBD', 16_800, apbd.sponsorshipId],
    ]);
    expect(february).toMatchObject({
      status: 'REFUNDED',
      voidReason: 'WORKER_DIED',
      refunds: [expect.objectContaining({ payer: 'SELF', amount: 36_800 })],
    });
    for (const period of ['2026-11', '2026-12']) expect((await invoiceOf(widowed, period))[0]).toMatchObject({ status: 'PAID' });
    expect((await invoiceOf(widowed, '2026-12'))[0].voidReason).toBeUndefined();
  });

  it('posts each refund as a balanced journal: the funds give the worker his part (owed to his estate) and the regency its own', async () => {
    const refunds = await harness.dataSource.query<Array<{ id: string; payer: string }>>(
      'SELECT id, payer FROM contribution_refunds WHERE worker_id = $1 ORDER BY period, amount',
      [widowed],
    );
    const journal = (id: string) =>
      harness.dataSource.query('SELECT account, amount::int AS amount FROM ledger_entries WHERE journal_id = $1 ORDER BY line', [id]);
    expect(await journal(refunds[0].id)).toEqual([
      { account: 'fund:JKK', amount: 10_000 },
      { account: 'fund:JKM', amount: 6_800 },
      { account: `funder:${apbd.funderId}`, amount: -16_800 },
    ]);
    expect(await journal(refunds[1].id)).toEqual([
      { account: 'fund:JHT', amount: 20_000 },
      { account: `worker:${widowed}`, amount: -20_000 },
    ]);
    expect(await journal(refunds[2].id)).toEqual([
      { account: 'fund:JKK', amount: 10_000 },
      { account: 'fund:JKM', amount: 6_800 },
      { account: 'fund:JHT', amount: 20_000 },
      { account: `worker:${widowed}`, amount: -36_800 },
    ]);
    const balance = async (account: string) =>
      Number(
        (await harness.dataSource.query('SELECT coalesce(sum(amount), 0) AS s FROM ledger_entries WHERE account = $1', [account]))[0].s,
      );
    expect(await balance(`worker:${widowed}`)).toBe(-56_800);
    expect(await balance(`funder:${apbd.funderId}`)).toBe(2 * 16_800);
    expect(await harness.ledgerCheck()).toMatchObject({ total: 0, unbalanced: 0 });
  });

  it('shows the truth: covered through the month of death, DECEASED, nothing paid after', async () => {
    expect(await harness.coverage(widowed, '2026-12-31')).toMatchObject({
      covered: true,
      programs: ['JKK', 'JKM', 'JHT'],
      status: 'DECEASED',
      diedOn: '2026-12-14',
      paidUntil: '2026-12-31',
      periods: ['2026-11', '2026-12'],
      graceUntil: null,
      lapsesOn: null,
    });
    expect(await harness.coverage(widowed, '2027-01-10')).toMatchObject({ covered: false, programs: [], status: 'DECEASED' });
    const { status, body } = await harness.get(`/v1/workers/${widowed}/coverage-timeline?from=2026-11&to=2027-02`, await as('auditor'));
    expect(status).toBe(200);
    expect(body.months.map((m: any) => [m.period, m.covered, m.invoiceStatus])).toEqual([
      ['2026-11', true, 'PAID'],
      ['2026-12', true, 'PAID'],
      ['2027-01', false, 'REFUNDED'],
      ['2027-02', false, 'REFUNDED'],
    ]);
  });

  it('voids an unpaid invoice after the month of death and bills nothing more', async () => {
    const died = await harness.produce(EVENTS.WorkerDied, unpaid, {
      workerId: unpaid,
      diedOn: '2026-12-10',
      recordedOn: '2026-12-20',
      source: 'BACK_OFFICE',
    });
    await harness.processed(died.id);
    const january = (await harness.invoices(unpaid)).find((i) => i.id === unpaidJanuary.id);
    expect(january).toMatchObject({ status: 'VOID', voidReason: 'WORKER_DIED', paidAmount: 0 });
    expect(january.refunds).toBeUndefined();
    // December, the month of death, stays billed to the sponsor.
    expect((await harness.invoices(unpaid)).find((i) => i.period === '2026-12')).toMatchObject({ status: 'ISSUED', payer: 'APBD' });
    expect(harness.events(unpaid, 'contributions.contribution.refunded')).toHaveLength(0);

    clock.set('2027-01-02T01:00:00Z');
    await harness.billingRun('2027-01');
    await harness.billingRun('2027-02');
    for (const workerId of [unpaid, widowed]) {
      const later = (await harness.invoices(workerId)).filter((i) => i.period >= '2027-01' && !['VOID', 'REFUNDED'].includes(i.status));
      expect(later).toEqual([]);
    }
    await harness.arrearsRun();
    expect((await harness.coverage(unpaid)).status).toBe('DECEASED');
  });

  it("refuses the worker's own payment after the death, naming the field, and writes nothing", async () => {
    const refused = await harness.pay({ workerId: widowed, amount: 36_800 });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: `${PROBLEM}worker-deceased`, errors: [{ field: 'workerId', reason: 'deceased' }] });
    const ahead = await harness.pay({ workerId: unpaid, amount: 16_800, months: 1 });
    expect(ahead.status).toBe(422);
    expect(ahead.body.type).toBe(`${PROBLEM}worker-deceased`);
    expect(await harness.dataSource.query(`SELECT 1 FROM payments WHERE worker_id = $1 AND source = 'CHANNEL'`, [unpaid])).toHaveLength(0);
  });

  it("refunds at once a sponsor's payment of a voided month that came after the death, once", async () => {
    const late = harness.authorisation(unpaidGrant, unpaidJanuary);
    const event = await harness.produce(EVENTS.SubsidyPaymentAuthorised, unpaid, late);
    await harness.produce(EVENTS.SubsidyPaymentAuthorised, unpaid, late, event.id);
    const resent = await harness.produce(EVENTS.SubsidyPaymentAuthorised, unpaid, late);
    await harness.processed(event.id);
    const [refund] = await harness.waitForEvent(unpaid, 'contributions.contribution.refunded');
    expect(refund.data).toEqual({
      refundId: expect.any(String),
      invoiceId: unpaidJanuary.id,
      workerId: unpaid,
      period: '2027-01',
      payer: 'APBD',
      amount: 16_800,
      reason: 'WORKER_DIED',
      sponsorshipId: unpaidGrant.sponsorshipId,
      authorisationId: late.authorisationId,
    });
    expect(refund.causationId).toBe(event.id);
    await harness.processed(resent.id);
    const entries = await harness.dataSource.query(
      `SELECT j.kind, e.account, e.amount::int AS amount FROM ledger_journals j JOIN ledger_entries e ON e.journal_id = j.id
        WHERE j.id IN ($1, $2) ORDER BY j.kind, e.line`,
      [late.authorisationId, refund.data.refundId],
    );
    expect(entries).toEqual([
      { kind: 'FUNDER_PAYMENT', account: `funder:${unpaidGrant.funderId}`, amount: 16_800 },
      { kind: 'FUNDER_PAYMENT', account: 'fund:JKK', amount: -10_000 },
      { kind: 'FUNDER_PAYMENT', account: 'fund:JKM', amount: -6_800 },
      { kind: 'REFUND', account: 'fund:JKK', amount: 10_000 },
      { kind: 'REFUND', account: 'fund:JKM', amount: 6_800 },
      { kind: 'REFUND', account: `funder:${unpaidGrant.funderId}`, amount: -16_800 },
    ]);
    const january = (await harness.invoices(unpaid)).find((i) => i.id === unpaidJanuary.id);
    expect(january).toMatchObject({
      status: 'VOID',
      voidReason: 'WORKER_DIED',
      paidAmount: 0,
      refunds: [{ payer: 'APBD', amount: 16_800 }],
    });
    expect(await harness.dataSource.query('SELECT 1 FROM contribution_refunds WHERE worker_id = $1', [unpaid])).toHaveLength(1);
    expect(harness.events(unpaid, 'contributions.contribution.refunded')).toHaveLength(1);
    expect(await harness.ledgerCheck()).toMatchObject({ total: 0, unbalanced: 0 });
  });

  it("dead-letters a second payment of a sponsor's part already refunded: never refunded twice", async () => {
    const january = (await invoiceOf(widowed, '2027-01'))[0];
    const again = harness.authorisation(apbd, january);
    await harness.produce(EVENTS.SubsidyPaymentAuthorised, widowed, again);
    const letter = await waitFor(() => dlq.messages.find((m) => m.key === widowed), 'the dead letter');
    expect(letter.headers[DlqHeaders.reason]).toContain('the sponsor owes 0 on it, not 16800');
    expect(await harness.dataSource.query('SELECT 1 FROM payments WHERE id = $1', [again.authorisationId])).toHaveLength(0);
    expect(await harness.dataSource.query('SELECT 1 FROM contribution_refunds WHERE worker_id = $1', [widowed])).toHaveLength(3);
  });
});
