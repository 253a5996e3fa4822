import { EVENTS, type SponsorshipGrantedV1 } from '@jaring/contracts';
import { AdjustableClock } from '@jaring/domain';
import { as } from '../../support/identity';
import { waitFor } from '../../support/wait-for';
import { ContributionsHarness } from './contributions-harness';

const PROBLEM = 'https://jaring.id/problems/';

/**
 * A worker's history for the console (docs/api.md, contributions): its payments, newest first, and its
 * coverage month by month. Figures from docs/rules.md: a self-paying trader owes Rp8,400 a month in 2026
 * (PP 50/2025) and Rp16,800 from 2027-01; a regency (APBD) pays the full Rp16,800; a CSR sponsor the
 * discounted JKK and JKM (Rp8,400) while the worker pays JHT (Rp20,000).
 */
describe("contributions: a worker's payments and coverage month by month", () => {
  const clock = new AdjustableClock('2026-11-05T03:00:00Z');
  const harness = new ContributionsHarness('jaring_test_contributions_worker_history', clock);
  // self-paid: 2026-11, then three months ahead; sponsored by a regency; JHT own, JKK and JKM by a CSR sponsor
  let selfPaid: string;
  let selfPayments: Array<{ id: string; body: any }>;
  let regency: string;
  let apbd: SponsorshipGrantedV1;
  let apbdAuthorisation: string;
  let apbdInvoice: any;
  let shared: string;
  let csr: SponsorshipGrantedV1;
  let sharedInvoice: any;
  let sharedOwn: any;

  beforeAll(async () => {
    await harness.start();

    selfPaid = (await harness.register({ regionCode: '5371' })).workerId;
    const first = await harness.pay({ workerId: selfPaid, amount: 8_400, externalReference: 'TRX-HISTORY-1' });
    expect(first.status).toBe(201);
    clock.set('2026-11-06T04:00:00Z');
    const ahead = await harness.pay({ workerId: selfPaid, amount: 8_400 + 16_800 + 16_800, months: 3, externalReference: 'TRX-HISTORY-2' });
    expect(ahead.status).toBe(201);
    selfPayments = [first, ahead].map((answer) => ({ id: answer.body.id, body: answer.body }));

    regency = (await harness.register({ regionCode: '5303' })).workerId;
    apbd = harness.sponsorshipGrant(regency);
    await harness.produce(EVENTS.SponsorshipGranted, regency, apbd);
    apbdInvoice = await harness.liveInvoice(regency, '2026-11', 'APBD');
    const authorisation = harness.authorisation(apbd, apbdInvoice);
    apbdAuthorisation = authorisation.authorisationId;
    await harness.produce(EVENTS.SubsidyPaymentAuthorised, regency, authorisation);
    await waitFor(async () => (await harness.coverage(regency, '2026-11-20')).covered, 'the regency paid 2026-11');

    shared = (await harness.register({ regionCode: '5371', programs: ['JKK', 'JKM', 'JHT'] })).workerId;
    csr = harness.sponsorshipGrant(shared, { funderType: 'CSR', months: 6 });
    await harness.produce(EVENTS.SponsorshipGranted, shared, csr);
    sharedInvoice = await harness.liveInvoice(shared, '2026-11', 'CSR');
    sharedOwn = (await harness.pay({ workerId: shared, amount: 20_000, externalReference: 'TRX-HISTORY-JHT' })).body;
    clock.set('2026-11-06T05:00:00Z'); // the sponsor pays an hour after the worker
    await harness.produce(EVENTS.SubsidyPaymentAuthorised, shared, harness.authorisation(csr, sharedInvoice));
    await waitFor(async () => (await harness.coverage(shared, '2026-11-20')).covered, 'both parts of 2026-11 paid');
  });
  afterAll(() => harness.stop());

  describe('GET /v1/workers/{workerId}/payments', () => {
    const payments = async (workerId: string, query = '', client = 'auditor') =>
      harness.get(`/v1/workers/${workerId}/payments${query}`, await as(client));

    it("lists the worker's own payments newest first, each with the invoices it paid", async () => {
      const invoices = await harness.invoices(selfPaid);
      const invoiceOf = (period: string) => invoices.find((i) => i.period === period).id;
      const { status, body } = await payments(selfPaid);
      expect(status).toBe(200);
      expect(body).toEqual({
        items: [
          {
            id: selfPayments[1].id,
            amount: 42_000,
            source: 'CHANNEL',
            channel: 'BANK_NTT',
            externalReference: 'TRX-HISTORY-2',
            monthsAhead: 3,
            paidBy: 'WORKER',
            sponsorshipId: null,
            appliedTo: [
              { invoiceId: invoiceOf('2026-12'), period: '2026-12', amount: 8_400 },
              { invoiceId: invoiceOf('2027-01'), period: '2027-01', amount: 16_800 },
              { invoiceId: invoiceOf('2027-02'), period: '2027-02', amount: 16_800 },
            ],
            receivedAt: '2026-11-06T04:00:00.000Z',
          },
          {
            id: selfPayments[0].id,
            amount: 8_400,
            source: 'CHANNEL',
            channel: 'BANK_NTT',
            externalReference: 'TRX-HISTORY-1',
            monthsAhead: 0,
            paidBy: 'WORKER',
            sponsorshipId: null,
            appliedTo: [{ invoiceId: invoiceOf('2026-11'), period: '2026-11', amount: 8_400 }],
            receivedAt: '2026-11-05T03:00:00.000Z',
          },
        ],
        total: 2,
        limit: 100,
        offset: 0,
      });
      // what POST /v1/payments answered, the same
      for (const [i, payment] of selfPayments.entries()) {
        const { workerId, ...answered } = payment.body;
        expect(workerId).toBe(selfPaid);
        expect(body.items[1 - i]).toMatchObject(answered);
      }
    });

    it("lists a sponsor's payment with the sponsor as payer, and both parties of a shared month", async () => {
      expect((await payments(regency)).body).toEqual({
        items: [
          {
            id: apbdAuthorisation,
            amount: 16_800,
            source: 'FUNDER',
            channel: null,
            externalReference: null,
            monthsAhead: 0,
            paidBy: 'APBD',
            sponsorshipId: apbd.sponsorshipId,
            appliedTo: [{ invoiceId: apbdInvoice.id, period: '2026-11', amount: 16_800 }],
            receivedAt: '2026-11-06T04:00:00.000Z',
          },
        ],
        total: 1,
        limit: 100,
        offset: 0,
      });
      const { body } = await payments(shared);
      expect(body.items.map((p: any) => [p.paidBy, p.source, p.amount, p.sponsorshipId, p.appliedTo])).toEqual([
        ['CSR', 'FUNDER', 8_400, csr.sponsorshipId, [{ invoiceId: sharedInvoice.id, period: '2026-11', amount: 8_400 }]],
        ['WORKER', 'CHANNEL', 20_000, null, [{ invoiceId: sharedInvoice.id, period: '2026-11', amount: 20_000 }]],
      ]);
      expect(body.items[1].id).toBe(sharedOwn.id);
    });

    it('pages with limit and offset, the total on every page; refuses a bad page naming each field', async () => {
      const second = await payments(selfPaid, '?limit=1&offset=1');
      expect(second.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(second.body.items.map((p: { id: string }) => p.id)).toEqual([selfPayments[0].id]);
      expect((await payments(selfPaid, '?offset=5')).body).toEqual({ items: [], total: 2, limit: 100, offset: 5 });
      const refused = await payments(selfPaid, '?limit=501&offset=-1');
      expect([refused.status, refused.body.type]).toEqual([400, `${PROBLEM}validation-error`]);
      expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'offset']);
    });

    it("answers 404 worker-not-found for an unknown worker, and for another region's worker to an agent", async () => {
      const unknown = await payments('6f1d3c52-3c39-4a8e-9d7a-1c2b3d4e5f60');
      expect([unknown.status, unknown.body.type]).toEqual([404, `${PROBLEM}worker-not-found`]);
      const hidden = await payments(regency, '', 'agent-5371');
      expect([hidden.status, hidden.body.type]).toEqual([404, `${PROBLEM}worker-not-found`]);
      expect((await payments(regency, '', 'agent-5303')).status).toBe(200);
      expect((await payments(selfPaid, '', 'agent-5371')).body.total).toBe(2);
    });
  });

  describe('GET /v1/workers/{workerId}/coverage-timeline', () => {
    const timeline = async (workerId: string, query = '', client = 'auditor') =>
      harness.get(`/v1/workers/${workerId}/coverage-timeline${query}`, await as(client));
    const own = (amount: number) => [{ payer: 'WORKER', amount }];

    it('is by default the months from the membership start (within a year) to the current period', async () => {
      const { status, body } = await timeline(selfPaid);
      expect(status).toBe(200);
      expect(body).toEqual({
        workerId: selfPaid,
        from: '2026-11',
        to: '2026-11',
        months: [{ period: '2026-11', covered: true, invoiceStatus: 'PAID', amount: 8_400, paidBy: own(8_400) }],
      });
    });

    it('tells each month asked for: covered, the invoice and who paid, at 2026 and 2027 rates, unbilled months null', async () => {
      const { body } = await timeline(selfPaid, '?from=2026-09&to=2027-03');
      expect(body).toEqual({
        workerId: selfPaid,
        from: '2026-09',
        to: '2027-03',
        months: [
          { period: '2026-09', covered: false, invoiceStatus: null, amount: null, paidBy: [] },
          { period: '2026-10', covered: false, invoiceStatus: null, amount: null, paidBy: [] },
          { period: '2026-11', covered: true, invoiceStatus: 'PAID', amount: 8_400, paidBy: own(8_400) },
          { period: '2026-12', covered: true, invoiceStatus: 'PAID', amount: 8_400, paidBy: own(8_400) },
          { period: '2027-01', covered: true, invoiceStatus: 'PAID', amount: 16_800, paidBy: own(16_800) },
          { period: '2027-02', covered: true, invoiceStatus: 'PAID', amount: 16_800, paidBy: own(16_800) },
          { period: '2027-03', covered: false, invoiceStatus: null, amount: null, paidBy: [] },
        ],
      });
      // `to` alone: the year before it, from the membership start
      expect((await timeline(selfPaid, '?to=2027-02')).body).toMatchObject({ from: '2026-11', to: '2027-02' });
    });

    it('names the sponsor that paid a month, and both parties of a shared one, in the order they paid', async () => {
      expect((await timeline(regency)).body.months).toEqual([
        {
          period: '2026-11',
          covered: true,
          invoiceStatus: 'PAID',
          amount: 16_800,
          paidBy: [{ payer: 'APBD', amount: 16_800, sponsorshipId: apbd.sponsorshipId }],
        },
      ]);
      expect((await timeline(shared)).body.months).toEqual([
        {
          period: '2026-11',
          covered: true,
          invoiceStatus: 'PAID',
          amount: 28_400,
          paidBy: [
            { payer: 'WORKER', amount: 20_000 },
            { payer: 'CSR', amount: 8_400, sponsorshipId: csr.sponsorshipId },
          ],
        },
      ]);
    });

    it('refuses a malformed period, from after to, or more than 36 months: 400 naming the field', async () => {
      const refused = async (query: string) => {
        const { status, body } = await timeline(selfPaid, query);
        expect([status, body.type]).toEqual([400, `${PROBLEM}validation-error`]);
        return body.errors;
      };
      expect(await refused('?from=2026-13&to=2026/11')).toEqual([
        { field: 'from', reason: 'from must be a period YYYY-MM' },
        { field: 'to', reason: 'to must be a period YYYY-MM' },
      ]);
      expect(await refused('?from=2023-11&to=2026-11')).toEqual([
        { field: 'from', reason: 'from must be at most 36 months up to to (2026-11)' },
      ]);
      expect(await refused('?from=2023-11')).toEqual([{ field: 'from', reason: 'from must be at most 36 months up to to (2026-11)' }]);
      expect(await refused('?from=2026-12')).toEqual([{ field: 'from', reason: 'from must not be after to (2026-11)' }]);
      expect((await timeline(selfPaid, '?from=2023-12&to=2026-11')).body.months).toHaveLength(36);
    });

    it("answers 404 worker-not-found for an unknown worker, and for another region's worker to an agent", async () => {
      const unknown = await timeline('6f1d3c52-3c39-4a8e-9d7a-1c2b3d4e5f60');
      expect([unknown.status, unknown.body.type]).toEqual([404, `${PROBLEM}worker-not-found`]);
      const hidden = await timeline(regency, '', 'agent-5371');
      expect([hidden.status, hidden.body.type]).toEqual([404, `${PROBLEM}worker-not-found`]);
      expect((await timeline(regency, '', 'agent-5303')).status).toBe(200);
    });

    it('shows an unpaid month overdue, and a paid month left during it not wholly covered', async () => {
      const unpaid = (await harness.register()).workerId;
      const leaving = (await harness.register()).workerId;
      expect((await harness.pay({ workerId: leaving, amount: 8_400 })).status).toBe(201);
      clock.set('2026-11-20T03:00:00Z');
      await harness.arrearsRun();
      await harness.produce(EVENTS.WorkerDeregistered, leaving, {
        workerId: leaving,
        deregisteredOn: '2026-11-20',
        reason: 'LEFT_INDONESIA',
      });
      await waitFor(async () => (await harness.coverage(leaving)).status === 'DEREGISTERED', 'the deregistration applied');

      expect((await timeline(unpaid)).body.months).toEqual([
        { period: '2026-11', covered: false, invoiceStatus: 'OVERDUE', amount: 8_400, paidBy: [] },
      ]);
      expect((await timeline(leaving)).body.months).toEqual([
        { period: '2026-11', covered: false, invoiceStatus: 'PAID', amount: 8_400, paidBy: own(8_400) },
      ]);
    });
  });
});
