import { randomUUID } from 'node:crypto';
import { EVENTS } from '@jaring/contracts';
import { waitFor } from '../../support/wait-for';
import { funderWithKey, invoiceIssued, nominate, openProgramme, processed, register, workersSeen, type FunderAccess } from './fixtures';
import { clientAs, envelope, produce, startSubsidies, type SubsidiesHarness } from './harness';

const claimPaid = (workerId: string, type: string, kind: string, amount: number, paidOn: string) =>
  envelope(EVENTS.ClaimPaid, workerId, {
    claimId: randomUUID(),
    workerId,
    type,
    kind,
    amount,
    latePenalty: 0,
    paidOn,
    components: [{ name: 'benefit', amount }],
  });

const invoicePaid = (workerId: string, period: string, amount: number, paidBy = 'SELF') =>
  envelope(EVENTS.InvoicePaid, workerId, { invoiceId: randomUUID(), workerId, period, amount, paymentId: randomUUID(), paidBy });

/** The impact report's figures against a history whose every number is known. */
describe('subsidies impact report', () => {
  let h: SubsidiesHarness;
  let government: FunderAccess;
  let other: FunderAccess;
  let programme: any;

  beforeAll(async () => {
    h = await startSubsidies('report', { now: '2026-07-10T02:00:00Z' });
    const officer = clientAs(h, 'programme-officer');
    government = await funderWithKey(h, officer, { name: 'Kementerian Ketenagakerjaan', type: 'APBN' });
    other = await funderWithKey(h, officer, { name: 'PT Lain', type: 'CSR' });
    programme = await openProgramme(government, {
      name: 'Perlindungan BPU 2026',
      budget: 10_000_000,
      coverageMonths: 3,
      selection: 'NOMINATED',
    });

    const [handedOverAndPaying, handedOverAndStopped, leftEarly, stillCovered, neverSponsored] = await register(h, [
      { regionCode: '5371', occupation: 'WEAVER' },
      { regionCode: '5371', occupation: 'WEAVER' },
      { regionCode: '5310', occupation: 'MARKET_TRADER', declaredMonthlyIncome: 2_000_000 },
      { regionCode: '5171', occupation: 'FISHERMAN' },
      { regionCode: '5371', occupation: 'WEAVER' },
    ]);
    const sponsored = [handedOverAndPaying, handedOverAndStopped, leftEarly, stillCovered];
    await waitFor(() => workersSeen(h, [...sponsored, neverSponsored]), 'the registrations');
    const nominated = await nominate(government, programme.id, { workerIds: sponsored });
    const sponsorshipOf = new Map<string, string>(nominated.body.items.map((i: any) => [i.workerId, i.sponsorshipId]));
    const sponsoredInvoice = (workerId: string, period: string, amount = 16_800) =>
      invoiceIssued({
        workerId,
        period,
        sponsorshipId: sponsorshipOf.get(workerId),
        payer: 'APBN',
        sponsoredAmount: amount,
        lines: [
          { program: 'JKK', amount: amount - 6_800 },
          { program: 'JKM', amount: 6_800 },
        ],
      });

    const history = [
      ...['2026-07', '2026-08', '2026-09'].map((period) => sponsoredInvoice(handedOverAndPaying, period)),
      ...['2026-07', '2026-08', '2026-09'].map((period) => sponsoredInvoice(handedOverAndStopped, period)),
      sponsoredInvoice(leftEarly, '2026-07', 26_800),
      sponsoredInvoice(stillCovered, '2026-07'),
      // After the handover: one pays 2026-10 herself; the other paid only her own JHT top-up for a sponsored month.
      invoicePaid(handedOverAndPaying, '2026-10', 8_400),
      invoicePaid(handedOverAndStopped, '2026-09', 20_000),
      // The sponsor's own payment is not the worker carrying on.
      invoicePaid(handedOverAndStopped, '2026-10', 16_800, 'APBN'),
      // Claims: a family paid after a death, an accident treated; one before the grant and one of a worker never sponsored do not count.
      claimPaid(stillCovered, 'JKM', 'DEATH', 42_000_000, '2026-07-20'),
      claimPaid(handedOverAndPaying, 'JKK', 'MEDICAL', 5_000_000, '2026-10-05'),
      claimPaid(stillCovered, 'JKK', 'MEDICAL', 1_000_000, '2026-07-01'),
      claimPaid(neverSponsored, 'JKM', 'DEATH', 42_000_000, '2026-08-01'),
      invoicePaid(neverSponsored, '2026-10', 8_400),
    ];
    await produce(h.producer, history);
    await waitFor(
      () =>
        processed(
          h,
          history.map((e) => e.id),
        ),
      'the whole history applied',
      60_000,
    );
    // Another topic: produced after the invoices were applied, as it happened after them.
    const departure = envelope(EVENTS.WorkerDeregistered, leftEarly, {
      workerId: leftEarly,
      deregisteredOn: '2026-07-25',
      reason: 'MOVED',
    });
    await produce(h.producer, [departure]);
    await waitFor(() => processed(h, [departure.id]), 'the departure applied');
  });
  afterAll(async () => h?.close());

  it('reports what happened, figure by figure', async () => {
    const response = await government.call('GET', `/v1/programmes/${programme.id}/report`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      programmeId: programme.id,
      programmeName: 'Perlindungan BPU 2026',
      funderId: government.funderId,
      funderType: 'APBN',
      asOf: '2026-07-10',
      // 8 months paid: 16,800 × 7 + 26,800; the last 2 months of the worker still covered stay reserved.
      budget: { budget: 10_000_000, reserved: 2 * 16_800, spent: 144_400, refunded: 0, remaining: 10_000_000 - 144_400 - 33_600 },
      workersProtected: 4,
      byRegion: [
        { regionCode: '5171', workers: 1 },
        { regionCode: '5310', workers: 1 },
        { regionCode: '5371', workers: 2 },
      ],
      byOccupation: [
        { occupation: 'FISHERMAN', workers: 1 },
        { occupation: 'MARKET_TRADER', workers: 1 },
        { occupation: 'WEAVER', workers: 2 },
      ],
      monthsPaid: 8,
      contributionsPaid: 144_400,
      monthsRefunded: 0,
      contributionsRefunded: 0,
      activeSponsorships: 1,
      endedByDeregistration: 1,
      endedByDeath: 0,
      claims: {
        claims: 2,
        amount: 47_000_000,
        byKind: [
          { type: 'JKK', kind: 'MEDICAL', claims: 1, amount: 5_000_000 },
          { type: 'JKM', kind: 'DEATH', claims: 1, amount: 42_000_000 },
        ],
      },
      retention: { handedOver: 2, keptPaying: 1, keptPayingPercent: 50 },
    });
  });

  it('gives the same figures as CSV, by Accept header or ?format=csv', async () => {
    const byQuery = await government.call('GET', `/v1/programmes/${programme.id}/report?format=csv`);
    const byAccept = await government.call('GET', `/v1/programmes/${programme.id}/report`, undefined, { accept: 'text/csv' });
    expect(byQuery.status).toBe(200);
    expect(byQuery.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(byQuery.headers.get('content-disposition')).toMatch(/attachment; filename="programme-.*\.csv"/);
    expect(byAccept.text).toBe(byQuery.text);
    const lines = byQuery.text.trim().split('\r\n');
    expect(lines[0]).toBe('metric,dimension,value');
    expect(lines).toEqual(
      expect.arrayContaining([
        'workersProtected,,4',
        'workersProtected,region:5371,2',
        'workersProtected,occupation:WEAVER,2',
        'monthsPaid,,8',
        'contributionsPaid,,144400',
        'spent,,144400',
        'claimsPaid,,2',
        'benefitsPaid,JKM/DEATH,42000000',
        'handedOver,,2',
        'keptPaying,,1',
        'keptPayingPercent,,50',
      ]),
    );
  });

  it("shows a programme's report only to its funder (403 to another), programme officers and auditors", async () => {
    expect(await other.call('GET', `/v1/programmes/${programme.id}/report`)).toMatchObject({
      status: 403,
      body: { type: 'https://jaring.id/problems/other-funder' },
    });
    expect((await clientAs(h, 'programme-officer')('GET', `/v1/programmes/${programme.id}/report`)).status).toBe(200);
    expect((await clientAs(h, 'auditor')('GET', `/v1/programmes/${programme.id}/report?format=csv`)).status).toBe(200);
    expect((await government.call('GET', `/v1/programmes/${programme.id}/report?format=xml`)).status).toBe(400);
  });
});
