import { EVENTS, type SponsorshipGrantedV1, type WorkerDeregisteredV1 } from '@jaring/contracts';
import { AdjustableClock } from '@jaring/domain';
import { ContributionsHarness } from './contributions-harness';

/**
 * The end of a membership closes the months that can no longer be paid (docs/rules.md, refunds): a lapse its open
 * months, a leaving its open months and the paid months after the month of leaving. A month with money on it is refunded to whoever paid,
 * never voided with the money on it nor kept paid for a month nobody is covered in. Figures from docs/rules.md for a
 * trader declaring Rp1,000,000 with JHT: a regency (APBD) pays JKK Rp10,000 and JKM Rp6,800, the worker JHT
 * Rp20,000.
 *
 * Four workers registered on 5 November 2026, sponsored by a regency for November to January:
 * - `unmatched`: the regency paid its part of each month, the worker never paid his. Nothing was paid whole, so
 *   he lapses on 1 February: the regency gets its Rp16,800 of each month back.
 * - `unsponsored`: he paid his own part of November, the regency never paid. He lapses too: his Rp20,000 goes
 *   back to him (owed to him); December and January, with nothing paid, are voided. The regency's payment of
 *   December, come after the lapse, is taken and given back at once.
 * - `leaving`: he paid his own part of November and of December ahead, the regency paid both months; January was
 *   billed. He left on 20 November: November stays paid (covered to the 20th), December goes back to each payer,
 *   January is voided, and the regency's payment of January, come after, is given back at once.
 * - `leftUnpaid`: the regency paid its part of November, he never paid his, and left on 20 November too. Nobody can
 *   complete November any more (he is refused, the regency's reservations released): its Rp16,800 goes back.
 */
describe('contributions: the end of a membership gives back what was paid on the months it closes', () => {
  const clock = new AdjustableClock('2026-11-05T02:00:00Z');
  const harness = new ContributionsHarness('jaring_test_contributions_lapse_refunds', clock);

  let unmatched: string;
  let unmatchedGrant: SponsorshipGrantedV1;
  const authorisations = new Map<string, string>();
  let unsponsored: string;
  let unsponsoredGrant: SponsorshipGrantedV1;
  let leaving: string;
  let leavingGrant: SponsorshipGrantedV1;
  let leftUnpaid: string;
  let leftUnpaidGrant: SponsorshipGrantedV1;

  const liveInvoices = async (workerId: string) =>
    (await harness.invoices(workerId))
      .filter((i) => !(i.status === 'VOID' && i.voidReason === 'SPONSORED'))
      .sort((a, b) => a.period.localeCompare(b.period));
  const refundRows = (workerId: string) =>
    harness.dataSource.query<Array<{ id: string; period: string; payer: string; amount: number; reason: string }>>(
      'SELECT id, period, payer, amount::int AS amount, reason FROM contribution_refunds WHERE worker_id = $1 ORDER BY period',
      [workerId],
    );
  const journal = (id: string) =>
    harness.dataSource.query('SELECT account, amount::int AS amount FROM ledger_entries WHERE journal_id = $1 ORDER BY line', [id]);

  /**
   * The refund event's data expected for a part of `invoice`: the worker's own (SELF), or the regency's with its
   * sponsorship and the authorisation it paid under.
   */
  const refundOf = (
    invoice: { id: string; workerId: string; period: string },
    reason: string,
    part: { payer: 'SELF'; amount: number } | { payer: 'APBD'; grant: SponsorshipGrantedV1; authorisationId?: string },
  ) => ({
    refundId: expect.any(String),
    invoiceId: invoice.id,
    workerId: invoice.workerId,
    period: invoice.period,
    reason,
    ...(part.payer === 'SELF'
      ? { payer: 'SELF', amount: part.amount }
      : {
          payer: 'APBD',
          amount: 16_800,
          sponsorshipId: part.grant.sponsorshipId,
          authorisationId: part.authorisationId ?? expect.any(String),
        }),
  });

  beforeAll(async () => {
    await harness.start();
    unmatched = (await harness.register({ programs: ['JKK', 'JKM', 'JHT'] })).workerId;
    unmatchedGrant = harness.sponsorshipGrant(unmatched);
    await harness.produce(EVENTS.SponsorshipGranted, unmatched, unmatchedGrant);
    unsponsored = (await harness.register({ programs: ['JKK', 'JKM', 'JHT'] })).workerId;
    unsponsoredGrant = harness.sponsorshipGrant(unsponsored);
    await harness.produce(EVENTS.SponsorshipGranted, unsponsored, unsponsoredGrant);
    expect(await harness.liveInvoice(unsponsored, '2026-11', 'APBD')).toMatchObject({ amount: 36_800, sponsoredAmount: 16_800 });
    const own = await harness.pay({ workerId: unsponsored, amount: 20_000 });
    expect(own.status).toBe(201);
    expect(own.body.appliedTo.map((a: any) => [a.period, a.amount])).toEqual([['2026-11', 20_000]]);

    leaving = (await harness.register({ programs: ['JKK', 'JKM', 'JHT'] })).workerId;
    leavingGrant = harness.sponsorshipGrant(leaving);
    await harness.produce(EVENTS.SponsorshipGranted, leaving, leavingGrant);
    await harness.liveInvoice(leaving, '2026-11', 'APBD');
    const ahead = await harness.pay({ workerId: leaving, amount: 20_000 + 20_000, months: 1 });
    expect(ahead.status).toBe(201);
    expect(ahead.body.appliedTo.map((a: any) => [a.period, a.amount])).toEqual([
      ['2026-11', 20_000],
      ['2026-12', 20_000],
    ]);
    for (const period of ['2026-11', '2026-12']) {
      const authorisation = harness.authorisation(leavingGrant, await harness.liveInvoice(leaving, period, 'APBD'));
      await harness.processed((await harness.produce(EVENTS.SubsidyPaymentAuthorised, leaving, authorisation)).id);
    }

    leftUnpaid = (await harness.register({ programs: ['JKK', 'JKM', 'JHT'] })).workerId;
    leftUnpaidGrant = harness.sponsorshipGrant(leftUnpaid);
    await harness.produce(EVENTS.SponsorshipGranted, leftUnpaid, leftUnpaidGrant);
    const leftUnpaidNovember = await harness.liveInvoice(leftUnpaid, '2026-11', 'APBD');
    await harness.processed(
      (await harness.produce(EVENTS.SubsidyPaymentAuthorised, leftUnpaid, harness.authorisation(leftUnpaidGrant, leftUnpaidNovember))).id,
    );

    await harness.liveInvoice(unmatched, '2026-11', 'APBD');
    clock.set('2026-12-01T01:00:00Z');
    await harness.billingRun('2026-12');
    clock.set('2027-01-01T01:00:00Z');
    await harness.billingRun('2027-01');
    for (const period of ['2026-11', '2026-12', '2027-01']) {
      const authorisation = harness.authorisation(unmatchedGrant, await harness.liveInvoice(unmatched, period, 'APBD'));
      authorisations.set(period, authorisation.authorisationId);
      await harness.processed((await harness.produce(EVENTS.SubsidyPaymentAuthorised, unmatched, authorisation)).id);
    }
    for (const workerId of [unmatched, unsponsored, leftUnpaid]) {
      const open = (await liveInvoices(workerId)).filter((i) => ['ISSUED', 'OVERDUE'].includes(i.status));
      const paid = { [unmatched]: [16_800, 16_800, 16_800], [unsponsored]: [20_000, 0, 0], [leftUnpaid]: [16_800, 0, 0] }[workerId];
      expect(open.map((i) => [i.period, i.paidAmount])).toEqual([
        ['2026-11', paid[0]],
        ['2026-12', paid[1]],
        ['2027-01', paid[2]],
      ]);
      expect(await harness.coverage(workerId)).toMatchObject({ status: 'PENDING_PAYMENT', covered: false, lapsesOn: '2027-02-01' });
    }
    expect((await liveInvoices(leaving)).map((i) => [i.period, i.status, i.paidAmount])).toEqual([
      ['2026-11', 'PAID', 36_800],
      ['2026-12', 'PAID', 36_800],
      ['2027-01', 'ISSUED', 0],
    ]);
  });
  afterAll(() => harness.stop());

  it('gives back each payer its part of the months after the month of leaving, and voids the unpaid ones', async () => {
    clock.set('2027-01-02T03:00:00Z');
    const left: WorkerDeregisteredV1 = { workerId: leaving, deregisteredOn: '2026-11-20', reason: 'LEFT_INDONESIA' };
    const event = await harness.produce(EVENTS.WorkerDeregistered, leaving, left);
    await harness.produce(EVENTS.WorkerDeregistered, leaving, left, event.id); // redelivered
    const again = await harness.produce(EVENTS.WorkerDeregistered, leaving, left); // re-sent: a new event id
    await harness.processed(again.id);

    const refunded = await harness.waitForEvent(leaving, 'contributions.contribution.refunded', 2);
    const [november, december, january] = await liveInvoices(leaving);
    expect(refunded.map((e) => e.data).sort((a, b) => a.amount - b.amount)).toEqual([
      refundOf(december, 'DEREGISTERED', { payer: 'APBD', grant: leavingGrant }),
      refundOf(december, 'DEREGISTERED', { payer: 'SELF', amount: 20_000 }),
    ]);
    expect(refunded.every((e) => e.causationId === event.id)).toBe(true);
    expect(november).toMatchObject({ status: 'PAID', paidAmount: 36_800 });
    expect(december).toMatchObject({ status: 'REFUNDED', voidReason: 'DEREGISTERED', paidAmount: 36_800 });
    expect(january).toMatchObject({ status: 'VOID', voidReason: 'DEREGISTERED', paidAmount: 0 });
    expect(await harness.coverage(leaving, '2026-11-20')).toMatchObject({ status: 'DEREGISTERED', covered: true, periods: ['2026-11'] });
    expect((await harness.coverage(leaving, '2026-12-10')).covered).toBe(false);
    expect(harness.events(leaving, 'contributions.contribution.refunded')).toHaveLength(2);

    const late = harness.authorisation(leavingGrant, january);
    const lateEvent = await harness.produce(EVENTS.SubsidyPaymentAuthorised, leaving, late);
    const [, , lateRefund] = await harness.waitForEvent(leaving, 'contributions.contribution.refunded', 3);
    expect(lateRefund.data).toMatchObject({ period: '2027-01', payer: 'APBD', amount: 16_800, reason: 'DEREGISTERED' });
    expect(lateRefund.causationId).toBe(lateEvent.id);
  });

  it("gives back the regency's part of an open month at or before the leaving: nobody can complete it any more", async () => {
    const event = await harness.produce(EVENTS.WorkerDeregistered, leftUnpaid, {
      workerId: leftUnpaid,
      deregisteredOn: '2026-11-20',
      reason: 'REQUESTED_BY_WORKER',
    });
    const [refund] = await harness.waitForEvent(leftUnpaid, 'contributions.contribution.refunded');
    const [november, december, january] = await liveInvoices(leftUnpaid);
    expect(refund.data).toEqual(refundOf(november, 'DEREGISTERED', { payer: 'APBD', grant: leftUnpaidGrant }));
    expect(refund.causationId).toBe(event.id);
    expect(november).toMatchObject({ status: 'REFUNDED', voidReason: 'DEREGISTERED', paidAmount: 16_800 });
    for (const invoice of [december, january]) expect(invoice).toMatchObject({ status: 'VOID', voidReason: 'DEREGISTERED' });
    expect(await harness.coverage(leftUnpaid, '2026-11-10')).toMatchObject({ status: 'DEREGISTERED', covered: false, periods: [] });
  });

  it('gives the regency back its part of each month the worker never completed, once, however often the run comes', async () => {
    clock.set('2027-02-01T01:00:00Z');
    expect((await harness.arrearsRun()).lapsed).toBe(2);
    expect((await harness.arrearsRun()).lapsed).toBe(0);
    expect(await harness.coverage(unmatched)).toMatchObject({ status: 'LAPSED', covered: false, lapsedOn: '2027-02-01' });
    for (const workerId of [unmatched, unsponsored]) {
      const [lapse] = await harness.waitForEvent(workerId, 'contributions.coverage.lapsed');
      expect(lapse.data).toMatchObject({ workerId, lapsedOn: '2027-02-01' });
    }

    const refunded = await harness.waitForEvent(unmatched, 'contributions.contribution.refunded', 3);
    const invoices = await liveInvoices(unmatched);
    expect(refunded.map((e) => e.data).sort((a, b) => a.period.localeCompare(b.period))).toEqual(
      invoices.map((invoice) =>
        refundOf(invoice, 'LAPSED', { payer: 'APBD', grant: unmatchedGrant, authorisationId: authorisations.get(invoice.period) }),
      ),
    );
    for (const invoice of invoices) {
      expect(invoice).toMatchObject({
        status: 'REFUNDED',
        voidReason: 'LAPSED',
        paidAmount: 16_800,
        refunds: [expect.objectContaining({ payer: 'APBD', amount: 16_800, sponsorshipId: unmatchedGrant.sponsorshipId })],
      });
    }
    const rows = await refundRows(unmatched);
    expect(harness.events(unmatched, 'contributions.coverage.lapsed')).toHaveLength(1);
    expect(harness.events(unmatched, 'contributions.contribution.refunded')).toHaveLength(3);
    expect(rows.map((r) => [r.period, r.payer, r.amount, r.reason])).toEqual([
      ['2026-11', 'APBD', 16_800, 'LAPSED'],
      ['2026-12', 'APBD', 16_800, 'LAPSED'],
      ['2027-01', 'APBD', 16_800, 'LAPSED'],
    ]);
    for (const row of rows) {
      expect(await journal(row.id)).toEqual([
        { account: 'fund:JKK', amount: 10_000 },
        { account: 'fund:JKM', amount: 6_800 },
        { account: `funder:${unmatchedGrant.funderId}`, amount: -16_800 },
      ]);
    }
  });

  it('gives the worker back his own part of a month the regency never paid, and voids the months nothing was paid on', async () => {
    expect(await harness.coverage(unsponsored)).toMatchObject({ status: 'LAPSED', covered: false, lapsedOn: '2027-02-01' });
    const [refund] = await harness.waitForEvent(unsponsored, 'contributions.contribution.refunded');
    const [november, december, january] = await liveInvoices(unsponsored);
    expect(refund.data).toEqual(refundOf(november, 'LAPSED', { payer: 'SELF', amount: 20_000 }));
    expect(november).toMatchObject({ status: 'REFUNDED', voidReason: 'LAPSED', refunds: [expect.objectContaining({ payer: 'SELF' })] });
    for (const invoice of [december, january]) {
      expect(invoice).toMatchObject({ status: 'VOID', voidReason: 'LAPSED', paidAmount: 0 });
      expect(invoice.refunds).toBeUndefined();
    }
    const [row] = await refundRows(unsponsored);
    // Owed to the worker: the funds give his JHT back to his account.
    expect(await journal(row.id)).toEqual([
      { account: 'fund:JHT', amount: 20_000 },
      { account: `worker:${unsponsored}`, amount: -20_000 },
    ]);
    expect(harness.events(unsponsored, 'contributions.contribution.refunded')).toHaveLength(1);
  });

  it("takes and gives back at once the regency's payment of a month the lapse closed, once", async () => {
    const december = (await liveInvoices(unsponsored)).find((i) => i.period === '2026-12');
    const late = harness.authorisation(unsponsoredGrant, december);
    const event = await harness.produce(EVENTS.SubsidyPaymentAuthorised, unsponsored, late);
    const resent = await harness.produce(EVENTS.SubsidyPaymentAuthorised, unsponsored, late);
    await harness.processed(resent.id);
    const refunds = await harness.waitForEvent(unsponsored, 'contributions.contribution.refunded', 2);
    const lateRefund = refunds.find((e) => e.data.period === '2026-12')!;
    expect(lateRefund.data).toEqual(
      refundOf(december, 'LAPSED', { payer: 'APBD', grant: unsponsoredGrant, authorisationId: late.authorisationId }),
    );
    expect(lateRefund.causationId).toBe(event.id);
    expect((await liveInvoices(unsponsored)).find((i) => i.period === '2026-12')).toMatchObject({
      status: 'VOID',
      voidReason: 'LAPSED',
      paidAmount: 0,
      refunds: [{ payer: 'APBD', amount: 16_800 }],
    });
    expect((await refundRows(unsponsored)).map((r) => [r.period, r.payer, r.reason])).toEqual([
      ['2026-11', 'SELF', 'LAPSED'],
      ['2026-12', 'APBD', 'LAPSED'],
    ]);
    expect(harness.events(unsponsored, 'contributions.contribution.refunded')).toHaveLength(2);
  });

  it('keeps the ledger balanced: every rupiah taken is held or given back', async () => {
    const balance = async (account: string) =>
      Number(
        (await harness.dataSource.query('SELECT coalesce(sum(amount), 0) AS s FROM ledger_entries WHERE account = $1', [account]))[0].s,
      );
    expect(await balance(`funder:${unmatchedGrant.funderId}`)).toBe(0);
    expect(await balance(`funder:${unsponsoredGrant.funderId}`)).toBe(0);
    expect(await balance(`worker:${unsponsored}`)).toBe(-20_000);
    // November kept (the regency's part of a month he was covered in), December and January given back.
    expect(await balance(`funder:${leavingGrant.funderId}`)).toBe(16_800);
    expect(await balance(`worker:${leaving}`)).toBe(-20_000);
    expect(await balance(`funder:${leftUnpaidGrant.funderId}`)).toBe(0);
    expect(await harness.ledgerCheck()).toMatchObject({ total: 0, unbalanced: 0 });
  });
});
