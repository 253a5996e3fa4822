import { randomUUID } from 'node:crypto';
import { deadLetterTopic, EVENTS, Topics, type SponsorshipGrantedV1, type SubsidyPaymentAuthorisedV1 } from '@jaring/contracts';
import { AdjustableClock } from '@jaring/domain';
import { DlqHeaders } from '@jaring/messaging';
import { testKafka } from '../../support/kafka';
import { waitFor } from '../../support/wait-for';
import { ContributionsHarness, RecorderFromNow } from './contributions-harness';

/**
 * Sponsored periods (docs/design.md, "A worker's life as events"): the subsidies service's events are produced here as it would. An
 * APBD regency pays the full Rp16,800 (government budgets are excluded from the PP 50/2025 discount); a
 * CSR sponsor gets the discount; the worker pays what the sponsor does not (JHT).
 */
describe('contributions: sponsorships and funders’ payments', () => {
  const clock = new AdjustableClock('2026-11-05T02:00:00Z');
  const harness = new ContributionsHarness('jaring_test_contributions_sponsorships', clock);
  let dlq: RecorderFromNow;

  beforeAll(async () => {
    await harness.start();
    dlq = await new RecorderFromNow(testKafka(), [deadLetterTopic(Topics.subsidiesSponsorships)], (m) =>
      harness.workers.has(m.key ?? ''),
    ).start();
  });
  afterAll(async () => {
    await dlq?.stop();
    await harness.stop();
  });

  const grant = (workerId: string, overrides: Partial<SponsorshipGrantedV1> = {}) => harness.sponsorshipGrant(workerId, overrides);

  const authorise = (
    sponsorship: SponsorshipGrantedV1,
    invoice: { id: string; period: string; sponsoredAmount: number },
    overrides: Partial<SubsidyPaymentAuthorisedV1> = {},
  ) => harness.authorisation(sponsorship, invoice, overrides);
  const liveInvoice = (workerId: string, period: string, payer: string) => harness.liveInvoice(workerId, period, payer);

  let apbd: SponsorshipGrantedV1;
  let sponsoredInvoice: any;

  it('re-issues an unpaid invoice of a sponsored period with the sponsor as payer', async () => {
    const { workerId, firstInvoice } = await harness.register();
    expect(firstInvoice).toMatchObject({ payer: 'SELF', amount: 8_400 });
    apbd = grant(workerId);
    const granted = await harness.produce(EVENTS.SponsorshipGranted, workerId, apbd);
    sponsoredInvoice = await liveInvoice(workerId, '2026-11', 'APBD');
    expect(sponsoredInvoice).toMatchObject({
      status: 'ISSUED',
      amount: 16_800,
      sponsorshipId: apbd.sponsorshipId,
      sponsoredAmount: 16_800,
      dueDate: '2026-11-16',
    });
    const old = (await harness.invoices(workerId)).find((i) => i.id === firstInvoice.id);
    expect(old).toMatchObject({ status: 'VOID', replacedBy: sponsoredInvoice.id });
    const issued = await harness.waitForEvent(workerId, 'contributions.invoice.issued', 2);
    expect(issued[1].data).toMatchObject({
      invoiceId: sponsoredInvoice.id,
      payer: 'APBD',
      amount: 16_800,
      sponsorshipId: apbd.sponsorshipId,
      sponsoredAmount: 16_800,
    });
    expect(issued[1].causationId).toBe(granted.id);
  });

  it("applies the funder's payment to its invoice: paid, covered, posted funder → funds", async () => {
    const workerId = apbd.workerId;
    const authorisation = authorise(apbd, sponsoredInvoice);
    const event = await harness.produce(EVENTS.SubsidyPaymentAuthorised, workerId, authorisation);
    await waitFor(
      async () => (await harness.invoices(workerId)).find((i) => i.id === sponsoredInvoice.id)?.status === 'PAID',
      'the sponsored invoice paid',
    );
    const [paid] = await harness.waitForEvent(workerId, 'contributions.invoice.paid');
    expect(paid.data).toEqual({
      invoiceId: sponsoredInvoice.id,
      workerId,
      period: '2026-11',
      amount: 16_800,
      paymentId: authorisation.authorisationId,
      paidBy: 'APBD',
    });
    expect(paid.causationId).toBe(event.id);
    expect(await harness.coverage(workerId, '2026-11-20')).toMatchObject({ covered: true, status: 'ACTIVE', paidUntil: '2026-11-30' });
    await harness.waitForEvent(workerId, 'contributions.coverage.activated');
    const entries = await harness.dataSource.query(
      'SELECT account, amount::int AS amount FROM ledger_entries WHERE journal_id = $1 ORDER BY line',
      [authorisation.authorisationId],
    );
    expect(entries).toEqual([
      { account: `funder:${apbd.funderId}`, amount: 16_800 },
      { account: 'fund:JKK', amount: -10_000 },
      { account: 'fund:JKM', amount: -6_800 },
    ]);

    // The same event again, and the same authorisation re-sent under a new event id: nothing changes.
    await harness.produce(EVENTS.SubsidyPaymentAuthorised, workerId, authorisation, event.id);
    const resent = await harness.produce(EVENTS.SubsidyPaymentAuthorised, workerId, authorisation);
    await harness.processed(resent.id, 'the re-sent authorisation processed');
    expect(await harness.dataSource.query('SELECT 1 FROM payments WHERE worker_id = $1', [workerId])).toHaveLength(1);
    expect(await harness.dataSource.query('SELECT 1 FROM ledger_journals WHERE id = $1', [authorisation.authorisationId])).toHaveLength(1);
    expect(harness.events(workerId, 'contributions.invoice.paid')).toHaveLength(1);
  });

  it('bills later sponsored periods to the sponsor directly', async () => {
    clock.set('2026-12-01T01:00:00Z');
    await harness.billingRun('2026-12');
    const december = await liveInvoice(apbd.workerId, '2026-12', 'APBD');
    expect(december).toMatchObject({ amount: 16_800, sponsorshipId: apbd.sponsorshipId, sponsoredAmount: 16_800 });
    clock.set('2026-11-05T02:00:00Z');
  });

  it('lets the worker pay the lines a CSR sponsor does not (JHT), and the invoice is paid when both have', async () => {
    const { workerId } = await harness.register({ programs: ['JKK', 'JKM', 'JHT'] });
    const csr = grant(workerId, { funderType: 'CSR', months: 6 });
    await harness.produce(EVENTS.SponsorshipGranted, workerId, csr);
    const invoice = await liveInvoice(workerId, '2026-11', 'CSR');
    // CSR qualifies for PP 50/2025: JKK 5,000 + JKM 3,400 sponsored; JHT 20,000 (never discounted) is the worker's.
    expect(invoice).toMatchObject({
      amount: 28_400,
      sponsoredAmount: 8_400,
      lines: [
        { program: 'JKK', amount: 5_000 },
        { program: 'JKM', amount: 3_400 },
        { program: 'JHT', amount: 20_000 },
      ],
    });

    const own = await harness.pay({ workerId, amount: 20_000 });
    expect(own.status).toBe(201);
    expect(own.body.appliedTo).toEqual([{ invoiceId: invoice.id, period: '2026-11', amount: 20_000 }]);
    expect((await harness.invoices(workerId)).find((i) => i.id === invoice.id)).toMatchObject({ status: 'ISSUED', paidAmount: 20_000 });
    expect((await harness.coverage(workerId, '2026-11-20')).covered).toBe(false);

    await harness.produce(EVENTS.SubsidyPaymentAuthorised, workerId, authorise(csr, invoice));
    await waitFor(async () => (await harness.coverage(workerId, '2026-11-20')).covered, 'covered once the sponsor paid too');
    expect((await harness.invoices(workerId)).find((i) => i.id === invoice.id)).toMatchObject({ status: 'PAID', paidAmount: 28_400 });
    const jht = await harness.dataSource.query(
      `SELECT amount::int AS amount FROM ledger_entries WHERE journal_id = $1 AND account = 'fund:JHT'`,
      [own.body.id],
    );
    expect(jht).toEqual([{ amount: -20_000 }]);
  });

  it('issues a sponsored first invoice when the sponsorship arrived before the registration', async () => {
    const workerId = randomUUID();
    harness.workers.add(workerId);
    const apbn = grant(workerId, { funderType: 'APBN' });
    const granted = await harness.produce(EVENTS.SponsorshipGranted, workerId, apbn);
    await harness.processed(granted.id, 'the sponsorship recorded');
    const { firstInvoice } = await harness.register({ workerId });
    expect(firstInvoice).toMatchObject({
      period: '2026-11',
      payer: 'APBN',
      amount: 16_800,
      sponsorshipId: apbn.sponsorshipId,
      sponsoredAmount: 16_800,
    });
  });

  it('dead-letters an authorisation that does not match its invoice, with the reason, and applies nothing', async () => {
    const { workerId } = await harness.register();
    const sponsorship = grant(workerId);
    await harness.produce(EVENTS.SponsorshipGranted, workerId, sponsorship);
    const invoice = await liveInvoice(workerId, '2026-11', 'APBD');
    await harness.produce(EVENTS.SubsidyPaymentAuthorised, workerId, authorise(sponsorship, invoice, { amount: 8_400 }));
    const letter = await waitFor(() => dlq.messages.find((m) => m.key === workerId), 'the dead letter');
    expect(letter.headers[DlqHeaders.reason]).toContain('the sponsor owes 16800 on it, not 8400');
    expect(await harness.dataSource.query('SELECT 1 FROM payments WHERE worker_id = $1', [workerId])).toHaveLength(0);
    expect((await harness.invoices(workerId)).find((i) => i.id === invoice.id)?.status).toBe('ISSUED');
  });

  it('keeps the ledger balanced', async () => {
    expect(await harness.ledgerCheck()).toMatchObject({ total: 0, unbalanced: 0 });
  });
});
