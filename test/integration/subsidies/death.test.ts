import { randomUUID } from 'node:crypto';
import { EVENTS, Topics, deadLetterTopic, type ContributionRefundedV1, type EventEnvelope } from '@jaring/contracts';
import { waitFor } from '../../support/wait-for';
import {
  expectBalancedLedger,
  funderWithKey,
  invoiceIssued,
  ledgerOf,
  nominate,
  openProgramme,
  processed,
  register,
  sponsorshipIdsOf,
  workersSeen,
  type FunderAccess,
} from './fixtures';
import { clientAs, envelope, LiveRecorder, produce, recorded, startSubsidies, type SubsidiesHarness } from './harness';

const MONTH = 16_800;

/** A worker's death: the sponsorship ends WORKER_DIED, its later months come back, a refunded month comes back too. */
describe('subsidies: a sponsored worker dies', () => {
  let h: SubsidiesHarness;
  let government: FunderAccess;
  let deadLetters: LiveRecorder;
  const refusedRefunds = new Set<string>();

  const ended = (workerId: string) => recorded(h, EVENTS.SponsorshipEnded.type).filter((e) => e.data.workerId === workerId);
  const authorised = (workerId: string) => recorded(h, EVENTS.SubsidyPaymentAuthorised.type).filter((e) => e.data.workerId === workerId);
  const outboxCount = async (type: string, workerId: string) =>
    (await h.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE event_type = $1 AND message_key = $2', [type, workerId]))[0]
      .n as number;

  /** An AUTOMATIC programme of three months for one test's own regency (so its balances move with that test's workers only). */
  async function programmeFor(region: string): Promise<any> {
    return openProgramme(government, { budget: 10_000_000, coverageMonths: 3, eligibility: { regions: [region] } });
  }

  async function sponsoredWorker(region: string): Promise<{ workerId: string; sponsorshipId: string }> {
    const [workerId] = await register(h, [{ regionCode: region }]);
    await waitFor(async () => (await sponsorshipIdsOf(h, workerId)).length === 1, 'the grant');
    return { workerId, sponsorshipId: (await sponsorshipIdsOf(h, workerId))[0] };
  }

  const died = (workerId: string, diedOn: string) =>
    envelope(EVENTS.WorkerDied, workerId, { workerId, diedOn, recordedOn: '2026-07-10', source: 'BACK_OFFICE' });

  function refunded(data: Omit<ContributionRefundedV1, 'refundId' | 'invoiceId' | 'reason'> & { refundId?: string }) {
    return envelope(EVENTS.ContributionRefunded, data.workerId, {
      refundId: data.refundId ?? randomUUID(),
      invoiceId: randomUUID(),
      reason: 'WORKER_DIED',
      ...data,
    });
  }

  async function pay(workerId: string, sponsorshipId: string, periods: string[]): Promise<Array<EventEnvelope<any>>> {
    await produce(
      h.producer,
      periods.map((period) => invoiceIssued({ workerId, period, sponsorshipId, payer: 'APBN' })),
    );
    await waitFor(() => authorised(workerId).length >= periods.length, `${periods.join(', ')} authorised`);
    return authorised(workerId);
  }

  beforeAll(async () => {
    h = await startSubsidies('death', { now: '2026-07-10T02:00:00Z' });
    government = await funderWithKey(h, clientAs(h, 'programme-officer'), { name: 'Kementerian Uji', type: 'APBN' });
    deadLetters = await new LiveRecorder(h.kafka, deadLetterTopic(Topics.contributionsInvoices), (m) =>
      refusedRefunds.has(JSON.parse(m.value ?? '{}').id),
    ).start();
  });
  afterAll(async () => {
    await deadLetters?.stop();
    await h?.close();
  });

  it('ends the sponsorship WORKER_DIED once, releasing the months after the month of death; the month of death stays payable', async () => {
    const programme = await programmeFor('9961');
    const before = await ledgerOf(h, programme.id);
    const { workerId, sponsorshipId } = await sponsoredWorker('9961');
    await pay(workerId, sponsorshipId, ['2026-07']);

    // died in August, with August's invoice not issued yet: August stays reserved, September comes back
    const death = died(workerId, '2026-08-03');
    const again = { ...death, id: randomUUID() };
    await produce(h.producer, [death, death, again]);
    await waitFor(() => processed(h, [death.id, again.id]), 'the death, delivered three times');
    await waitFor(() => ended(workerId).length === 1, 'the end announced');
    expect(ended(workerId)[0].data).toEqual({
      sponsorshipId,
      programmeId: programme.id,
      workerId,
      reason: 'WORKER_DIED',
      monthsPaid: 1,
      releasedAmount: MONTH,
      lastPeriod: '2026-09',
    });
    expect(ended(workerId)[0].causationId).toBe(death.id);
    expect(await outboxCount(EVENTS.SponsorshipEnded.type, workerId)).toBe(1);
    const [row] = await h.dataSource.query('SELECT status, end_reason, to_char(ended_on, $2) AS ended_on FROM sponsorships WHERE id = $1', [
      sponsorshipId,
      'YYYY-MM-DD',
    ]);
    expect(row).toEqual({ status: 'ENDED', end_reason: 'WORKER_DIED', ended_on: '2026-08-03' });
    const afterDeath = await ledgerOf(h, programme.id);
    expectBalancedLedger(afterDeath);
    expect(afterDeath).toMatchObject({ reserved: MONTH, spent: MONTH, available: before.available - 2 * MONTH });

    // August (the month of death) is paid when invoiced; September, after it, is not
    const august = invoiceIssued({ workerId, period: '2026-08', sponsorshipId });
    const september = invoiceIssued({ workerId, period: '2026-09', sponsorshipId });
    await produce(h.producer, [august, september]);
    await waitFor(() => processed(h, [august.id, september.id]), 'the later invoices handled');
    // Handled is not yet on Kafka: the relay publishes August's authorisation a moment later. The outbox count
    // below shows that September got none.
    await waitFor(() => authorised(workerId).length >= 2, "August's authorisation on Kafka");
    expect(authorised(workerId).map((e) => [e.data.period, e.data.amount])).toEqual([
      ['2026-07', MONTH],
      ['2026-08', MONTH],
    ]);
    expect(await outboxCount(EVENTS.SubsidyPaymentAuthorised.type, workerId)).toBe(2);
    const final = await ledgerOf(h, programme.id);
    expectBalancedLedger(final);
    expect(final).toMatchObject({ reserved: 0, spent: 2 * MONTH, available: before.available - 2 * MONTH });
  });

  it('grants a deceased worker nothing more: a nomination after the death is refused WORKER_DIED', async () => {
    const nominated = await openProgramme(government, { budget: 1_000_000, coverageMonths: 2, selection: 'NOMINATED' });
    const [workerId] = await register(h, [{ regionCode: '9962' }]);
    await waitFor(() => workersSeen(h, [workerId]), 'the registration');
    const death = died(workerId, '2026-07-09');
    await produce(h.producer, [death]);
    await waitFor(() => processed(h, [death.id]), 'the death handled');
    const answer = await nominate(government, nominated.id, { workerIds: [workerId] });
    expect(answer.body.items[0]).toEqual({ workerId, status: 'REFUSED', reason: 'WORKER_DIED' });
    expect(await sponsorshipIdsOf(h, workerId)).toEqual([]);
    const ledger = await ledgerOf(h, nominated.id);
    expectBalancedLedger(ledger);
    expect(ledger).toMatchObject({ available: 1_000_000, reserved: 0, spent: 0 });
  });

  it("credits a sponsor's refunded month back to the budget once, shows it in the programme and the report, and refuses what it never paid", async () => {
    const programme = await programmeFor('9963');
    const before = await ledgerOf(h, programme.id);
    const { workerId, sponsorshipId } = await sponsoredWorker('9963');
    // July and August were paid before the death was known; the worker died in July
    const [july, august] = await pay(workerId, sponsorshipId, ['2026-07', '2026-08']);
    const death = died(workerId, '2026-07-20');
    await produce(h.producer, [death]);
    await waitFor(() => ended(workerId).length === 1, 'the end announced');
    expect(ended(workerId)[0].data).toMatchObject({ reason: 'WORKER_DIED', monthsPaid: 2, releasedAmount: MONTH });

    // contributions refunds August's sponsor part: delivered twice, and once more under a new event id
    const refund = refunded({
      workerId,
      period: '2026-08',
      payer: 'APBN',
      amount: MONTH,
      sponsorshipId,
      authorisationId: august.data.authorisationId,
    });
    const resent = { ...refund, id: randomUUID() };
    // the worker's own part of another invoice is claims' business: nothing here
    const own = refunded({ workerId, period: '2026-08', payer: 'SELF', amount: 5_000 });
    await produce(h.producer, [refund, refund, resent, own]);
    await waitFor(() => processed(h, [refund.id, resent.id, own.id]), 'the refunds handled');

    const ledger = await ledgerOf(h, programme.id);
    expectBalancedLedger(ledger);
    expect(ledger).toMatchObject({ reserved: 0, spent: MONTH, available: before.available - MONTH });
    const entries = await h.dataSource.query(
      `SELECT debit_account, credit_account, amount::int, kind FROM budget_entries WHERE programme_id = $1 AND kind = 'REFUND'`,
      [programme.id],
    );
    expect(entries).toEqual([{ debit_account: 'SPENT', credit_account: 'AVAILABLE', amount: MONTH, kind: 'REFUND' }]);

    const figures = await government.call('GET', `/v1/programmes/${programme.id}`);
    expect(figures.body).toMatchObject({ budget: 10_000_000, reserved: 0, spent: MONTH, refunded: MONTH, remaining: 10_000_000 - MONTH });
    const report = await government.call('GET', `/v1/programmes/${programme.id}/report`);
    expect(report.body).toMatchObject({
      budget: { budget: 10_000_000, reserved: 0, spent: MONTH, refunded: MONTH, remaining: 10_000_000 - MONTH },
      workersProtected: 1,
      monthsPaid: 1,
      contributionsPaid: MONTH,
      monthsRefunded: 1,
      contributionsRefunded: MONTH,
      activeSponsorships: 0,
      endedByDeregistration: 0,
      endedByDeath: 1,
    });
    const csv = await government.call('GET', `/v1/programmes/${programme.id}/report?format=csv`);
    expect(csv.text.trim().split('\r\n')).toEqual(
      expect.arrayContaining(['refunded,,16800', 'monthsRefunded,,1', 'contributionsRefunded,,16800', 'endedByDeath,,1', 'monthsPaid,,1']),
    );

    // a refund of a month the programme never paid (September, released), and a second refund of August: refused, dead-lettered
    const neverPaid = refunded({ workerId, period: '2026-09', payer: 'APBN', amount: MONTH, sponsorshipId });
    const twice = refunded({
      workerId,
      period: '2026-08',
      payer: 'APBN',
      amount: MONTH,
      sponsorshipId,
      authorisationId: july.data.authorisationId,
    });
    refusedRefunds.add(neverPaid.id).add(twice.id);
    await produce(h.producer, [neverPaid, twice]);
    const letters = await waitFor(
      () => (deadLetters.messages.length === 2 ? deadLetters.messages : undefined),
      'both refused refunds dead-lettered',
    );
    const reasons = Object.fromEntries(letters.map((m) => [JSON.parse(m.value!).id as string, m.headers['dlq-reason']]));
    expect(reasons).toEqual({
      [neverPaid.id]: expect.stringContaining('the programme never paid that month'),
      [twice.id]: expect.stringContaining(`the month was refunded already (refund ${refund.data.refundId})`),
    });
    expect(await ledgerOf(h, programme.id)).toEqual(ledger);
  });
});
