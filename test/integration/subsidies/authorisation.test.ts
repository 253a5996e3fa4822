import { EVENTS } from '@jaring/contracts';
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
import { clientAs, envelope, produce, recorded, startSubsidies, type SubsidiesHarness } from './harness';

/** Sponsored invoices authorised from the reservation; the end of a sponsorship; deregistration. */
describe('subsidies payment authorisations and the end of sponsorships', () => {
  let h: SubsidiesHarness;
  let kupang: FunderAccess;
  let company: FunderAccess;
  let kupangProgramme: any;
  let csrProgramme: any;

  const authorised = (workerId: string) => recorded(h, EVENTS.SubsidyPaymentAuthorised.type).filter((e) => e.data.workerId === workerId);
  const ended = (workerId: string) => recorded(h, EVENTS.SponsorshipEnded.type).filter((e) => e.data.workerId === workerId);
  const outboxCount = async (type: string, workerId: string) =>
    (await h.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE event_type = $1 AND message_key = $2', [type, workerId]))[0]
      .n as number;

  async function sponsoredWorker(): Promise<{ workerId: string; sponsorshipId: string }> {
    const [workerId] = await register(h, [{ regionCode: '9975' }]);
    await waitFor(async () => (await sponsorshipIdsOf(h, workerId)).length === 1, 'the grant');
    return { workerId, sponsorshipId: (await sponsorshipIdsOf(h, workerId))[0] };
  }

  beforeAll(async () => {
    h = await startSubsidies('authorisation', { now: '2026-07-10T02:00:00Z' });
    const officer = clientAs(h, 'programme-officer');
    // A regency code no other test file (nor a benchmark flooding the shared topics) registers workers in,
    // so that this programme's balances move only with this file's workers.
    kupang = await funderWithKey(h, officer, { name: 'Pemerintah Kabupaten Uji', type: 'APBD_REGENCY', regionCode: '9975' });
    company = await funderWithKey(h, officer, { name: 'PT Sahabat Pekerja', type: 'CSR' });
    kupangProgramme = await openProgramme(kupang, { budget: 500_000_000, coverageMonths: 3 });
    csrProgramme = await openProgramme(company, { budget: 1_000_000, coverageMonths: 2, selection: 'NOMINATED' });
  });
  afterAll(async () => h?.close());

  it('authorises a sponsored invoice once, moving its amount from reserved to spent', async () => {
    const { workerId, sponsorshipId } = await sponsoredWorker();
    const before = await ledgerOf(h, kupangProgramme.id);
    const invoice = invoiceIssued({ workerId, period: '2026-07', sponsorshipId, payer: 'APBD' });
    await produce(h.producer, [invoice]);
    await waitFor(() => authorised(workerId).length === 1, 'the authorisation');
    expect(authorised(workerId)[0].data).toEqual({
      authorisationId: expect.any(String),
      sponsorshipId,
      programmeId: kupangProgramme.id,
      funderType: 'APBD_REGENCY',
      workerId,
      invoiceId: invoice.data.invoiceId,
      period: '2026-07',
      amount: 16_800,
    });
    expect(authorised(workerId)[0].causationId).toBe(invoice.id);
    const after = await ledgerOf(h, kupangProgramme.id);
    expectBalancedLedger(after);
    expect(after.spent - before.spent).toBe(16_800);
    expect(before.reserved - after.reserved).toBe(16_800);
    expect(after.available).toBe(before.available);

    // Delivered again, and re-issued under a new invoice id for the same period: nothing more is paid.
    const reissued = invoiceIssued({ workerId, period: '2026-07', sponsorshipId, payer: 'APBD' });
    await produce(h.producer, [invoice, reissued]);
    await waitFor(() => processed(h, [reissued.id]), 'the re-issued invoice processed');
    expect(await outboxCount(EVENTS.SubsidyPaymentAuthorised.type, workerId)).toBe(1);
    expect((await ledgerOf(h, kupangProgramme.id)).spent).toBe(after.spent);
  });

  it('ends the sponsorship when its months are used up, and the worker continues alone', async () => {
    const { workerId, sponsorshipId } = await sponsoredWorker();
    await produce(
      h.producer,
      ['2026-07', '2026-08', '2026-09'].map((period) => invoiceIssued({ workerId, period, sponsorshipId })),
    );
    await waitFor(() => ended(workerId).length === 1, 'the end of the sponsorship');
    expect(authorised(workerId).map((e) => [e.data.period, e.data.amount])).toEqual([
      ['2026-07', 16_800],
      ['2026-08', 16_800],
      ['2026-09', 16_800],
    ]);
    expect(ended(workerId)[0].data).toEqual({
      sponsorshipId,
      programmeId: kupangProgramme.id,
      workerId,
      reason: 'MONTHS_USED',
      monthsPaid: 3,
      releasedAmount: 0,
      lastPeriod: '2026-09',
    });
    // From 2026-10 contributions bills the worker (payer SELF, no sponsorship): nothing is authorised,
    // nor for an invoice that names the ended sponsorship for a period past it.
    const self = invoiceIssued({ workerId, period: '2026-10' });
    const stray = invoiceIssued({ workerId, period: '2026-10', sponsorshipId });
    await produce(h.producer, [self, stray]);
    await waitFor(() => processed(h, [self.id, stray.id]), 'the later invoices processed');
    expect(await outboxCount(EVENTS.SubsidyPaymentAuthorised.type, workerId)).toBe(3);
    const [row] = await h.dataSource.query('SELECT status, end_reason, months_paid, spent_amount::int FROM sponsorships WHERE id = $1', [
      sponsorshipId,
    ]);
    expect(row).toEqual({ status: 'ENDED', end_reason: 'MONTHS_USED', months_paid: 3, spent_amount: 50_400 });
    expectBalancedLedger(await ledgerOf(h, kupangProgramme.id));
  });

  it("reconciles an invoice's sponsored amount with the month's reservation", async () => {
    const [workerId] = await register(h, [{ regionCode: '5310' }]);
    await waitFor(() => workersSeen(h, [workerId]), 'the registration');
    const grant = await nominate(company, csrProgramme.id, { workerIds: [workerId] });
    expect(grant.body.items[0]).toMatchObject({ status: 'GRANTED', months: 2, reservedAmount: 2 * 8_400 });
    const sponsorshipId = grant.body.items[0].sponsorshipId;
    const before = await ledgerOf(h, csrProgramme.id);
    await produce(h.producer, [
      // Less than reserved (8,400): the 400 left returns to the budget at once.
      invoiceIssued({
        workerId,
        period: '2026-07',
        sponsorshipId,
        payer: 'CSR',
        sponsoredAmount: 8_000,
        lines: [
          { program: 'JKK', amount: 4_000 },
          { program: 'JKM', amount: 4_000 },
        ],
      }),
      // More than reserved: the 600 missing is drawn from what remains of the budget.
      invoiceIssued({
        workerId,
        period: '2026-08',
        sponsorshipId,
        payer: 'CSR',
        sponsoredAmount: 9_000,
        lines: [
          { program: 'JKK', amount: 5_600 },
          { program: 'JKM', amount: 3_400 },
        ],
      }),
    ]);
    await waitFor(() => ended(workerId).length === 1, 'both months authorised and the sponsorship ended');
    expect(authorised(workerId).map((e) => e.data.amount)).toEqual([8_000, 9_000]);
    const after = await ledgerOf(h, csrProgramme.id);
    expectBalancedLedger(after);
    expect(after.spent - before.spent).toBe(17_000);
    expect(before.reserved - after.reserved).toBe(2 * 8_400);
    expect(after.available - before.available).toBe(400 - 600);
    expect(ended(workerId)[0].data).toMatchObject({ reason: 'MONTHS_USED', monthsPaid: 2, releasedAmount: 400 });
  });

  it("pays the sponsor's lines when an invoice does not say the sponsored amount, and never more than the budget holds", async () => {
    const tight = await openProgramme(company, { budget: 8_400, coverageMonths: 1, selection: 'NOMINATED' });
    const [older, raised] = await register(h, [{ regionCode: '5310', programs: ['JKK', 'JKM', 'JHT'] }, { regionCode: '5310' }]);
    await waitFor(() => workersSeen(h, [older, raised]), 'the registrations');
    const olderGrant = (await nominate(company, csrProgramme.id, { workerIds: [older] })).body.items[0];
    const raisedGrant = (await nominate(company, tight.id, { workerIds: [raised] })).body.items[0];
    expect(raisedGrant).toMatchObject({ status: 'GRANTED', reservedAmount: 8_400 });
    await produce(h.producer, [
      // An older producer: no sponsoredAmount; the programme pays its own programmes' lines, not JHT.
      invoiceIssued({
        workerId: older,
        period: '2026-07',
        sponsorshipId: olderGrant.sponsorshipId,
        sponsoredAmount: null,
        lines: [
          { program: 'JKK', amount: 5_000 },
          { program: 'JKM', amount: 3_400 },
          { program: 'JHT', amount: 20_000 },
        ],
      }),
      // More than reserved, and nothing left in the budget: the programme pays what it reserved.
      invoiceIssued({
        workerId: raised,
        period: '2026-07',
        sponsorshipId: raisedGrant.sponsorshipId,
        payer: 'CSR',
        sponsoredAmount: 9_000,
      }),
    ]);
    await waitFor(() => authorised(older).length === 1 && authorised(raised).length === 1, 'both authorised');
    expect(authorised(older)[0].data.amount).toBe(8_400);
    expect(authorised(raised)[0].data.amount).toBe(8_400);
    const ledger = await ledgerOf(h, tight.id);
    expectBalancedLedger(ledger);
    expect(ledger).toMatchObject({ available: 0, reserved: 0, spent: 8_400 });
  });

  it('returns the rest of the reservation when a sponsored worker deregisters', async () => {
    const { workerId, sponsorshipId } = await sponsoredWorker();
    await produce(h.producer, [invoiceIssued({ workerId, period: '2026-07', sponsorshipId })]);
    await waitFor(() => authorised(workerId).length === 1, 'the first month authorised');
    const before = await ledgerOf(h, kupangProgramme.id);
    await produce(h.producer, [
      envelope(EVENTS.WorkerDeregistered, workerId, { workerId, deregisteredOn: '2026-07-20', reason: 'MOVED_ABROAD' }),
    ]);
    await waitFor(() => ended(workerId).length === 1, 'the end of the sponsorship');
    expect(ended(workerId)[0].data).toEqual({
      sponsorshipId,
      programmeId: kupangProgramme.id,
      workerId,
      reason: 'WORKER_DEREGISTERED',
      monthsPaid: 1,
      releasedAmount: 2 * 16_800,
      lastPeriod: '2026-09',
    });
    const after = await ledgerOf(h, kupangProgramme.id);
    expectBalancedLedger(after);
    expect(before.reserved - after.reserved).toBe(2 * 16_800);
    expect(after.available - before.available).toBe(2 * 16_800);
    // An invoice for a released month is not paid.
    const late = invoiceIssued({ workerId, period: '2026-08', sponsorshipId });
    await produce(h.producer, [late]);
    await waitFor(() => processed(h, [late.id]), 'the late invoice processed');
    expect(await outboxCount(EVENTS.SubsidyPaymentAuthorised.type, workerId)).toBe(1);
  });

  it('authorises a large batch of invoices set-based, each exactly once', async () => {
    const workers = await register(
      h,
      Array.from({ length: 40 }, () => ({ regionCode: '9975' })),
    );
    await waitFor(
      async () =>
        (await h.dataSource.query('SELECT count(*)::int AS n FROM sponsorships WHERE worker_id = ANY ($1)', [workers]))[0].n === 40,
      'the grants',
    );
    const sponsorships = await h.dataSource.query('SELECT id, worker_id FROM sponsorships WHERE worker_id = ANY ($1)', [workers]);
    const before = await ledgerOf(h, kupangProgramme.id);
    const invoices = sponsorships.flatMap((s: { id: string; worker_id: string }) =>
      ['2026-07', '2026-08'].map((period) => invoiceIssued({ workerId: s.worker_id, period, sponsorshipId: s.id })),
    );
    // Every invoice twice in the stream (a relay that re-published): still one authorisation each.
    await produce(h.producer, [...invoices, ...invoices]);
    await waitFor(
      () =>
        processed(
          h,
          invoices.map((i: { id: string }) => i.id),
        ),
      'the invoices processed',
    );
    const [{ n, total }] = await h.dataSource.query(
      "SELECT count(*)::int AS n, sum((payload->'data'->>'amount')::int)::int AS total FROM outbox WHERE event_type = $1 AND message_key = ANY ($2)",
      [EVENTS.SubsidyPaymentAuthorised.type, workers],
    );
    expect(n).toBe(80);
    expect(total).toBe(80 * 16_800);
    const after = await ledgerOf(h, kupangProgramme.id);
    expectBalancedLedger(after);
    expect(after.spent - before.spent).toBe(80 * 16_800);
  });
});
