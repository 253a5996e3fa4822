import { randomUUID } from 'node:crypto';
import { EVENTS } from '@jaring/contracts';
import { waitFor } from '../../support/wait-for';
import {
  expectBalancedLedger,
  funderWithKey,
  ledgerOf,
  newMembershipNumber,
  nominate,
  openProgramme,
  register,
  workersSeen,
  workerRegistered,
  type FunderAccess,
} from './fixtures';
import { clientAs, produce, recorded, startSubsidies, type SubsidiesHarness } from './harness';

/**
 * Sponsorships granted from enrollment's events (real envelopes produced to Kafka) and from nominations,
 * each reserving its whole cost from a double-entry budget.
 */
describe('subsidies sponsorships: automatic and nominated grants, budgets, concurrency', () => {
  let h: SubsidiesHarness;
  let kupang: FunderAccess;
  let company: FunderAccess;
  let government: FunderAccess;
  let kupangProgramme: any;

  const granted = (workerId: string) => recorded(h, EVENTS.SponsorshipGranted.type).filter((e) => e.data.workerId === workerId);
  const sponsorshipsOf = (workerId: string) =>
    h.dataSource.query(
      'SELECT programme_id, first_period, last_period, months, reserved_amount::int FROM sponsorships WHERE worker_id = $1 ORDER BY first_period',
      [workerId],
    );

  beforeAll(async () => {
    h = await startSubsidies('sponsorship', { now: '2026-07-10T02:00:00Z' });
    const officer = clientAs(h, 'programme-officer');
    kupang = await funderWithKey(h, officer, { name: 'Pemerintah Kota Kupang', type: 'APBD_REGENCY', regionCode: '5371' });
    company = await funderWithKey(h, officer, { name: 'PT Sahabat Pekerja', type: 'CSR' });
    government = await funderWithKey(h, officer, { name: 'Kementerian Ketenagakerjaan', type: 'APBN' });
    kupangProgramme = await openProgramme(kupang, { name: 'Stimulus BPU Kota Kupang', budget: 100_000_000, coverageMonths: 3 });
  });
  afterAll(async () => h?.close());

  it('sponsors every eligible worker of Kota Kupang for 3 months at the full APBD rate, and nobody outside it', async () => {
    const inside = await register(h, [
      { occupation: 'WEAVER' },
      { occupation: 'MARKET_TRADER' },
      { occupation: 'OJEK_DRIVER' },
      { occupation: 'FISHERMAN', declaredMonthlyIncome: 2_000_000 },
      { occupation: 'MAKEUP_ARTIST', programs: ['JKK', 'JKM', 'JHT'] },
    ]);
    const outside = await register(h, [{ regionCode: '5310' }, { regionCode: '5171' }, { regionCode: '3171' }]);
    await waitFor(() => workersSeen(h, [...inside, ...outside]), 'the registrations recorded');
    await waitFor(() => inside.every((w) => granted(w).length === 1), 'a grant announced for each worker of Kota Kupang');

    for (const workerId of inside) {
      const [event] = granted(workerId);
      expect(event.data).toMatchObject({
        programmeId: kupangProgramme.id,
        funderId: kupang.funderId,
        funderType: 'APBD_REGENCY',
        months: 3,
        programs: ['JKK', 'JKM'],
        firstPeriod: '2026-07',
      });
    }
    // docs/rules.md: JKK 1% of the bracket's nominal value + JKM Rp6,800; APBD is excluded from the PP 50/2025 discount.
    expect(granted(inside[0])[0].data.reservedAmount).toBe(3 * 16_800);
    expect(granted(inside[2])[0].data.reservedAmount).toBe(3 * 16_800); // an ojek driver too: no discount for APBD
    expect(granted(inside[3])[0].data.reservedAmount).toBe(3 * (20_000 + 6_800));
    expect(granted(inside[4])[0].data.reservedAmount).toBe(3 * 16_800); // JHT stays the worker's
    for (const workerId of outside) expect(await sponsorshipsOf(workerId)).toEqual([]);
    expect(
      await h.dataSource.query('SELECT DISTINCT period FROM sponsored_months WHERE worker_id = ANY ($1) ORDER BY period', [inside]),
    ).toEqual([{ period: '2026-07' }, { period: '2026-08' }, { period: '2026-09' }]);

    const programme = (await kupang.call('GET', `/v1/programmes/${kupangProgramme.id}`)).body;
    const ledger = await ledgerOf(h, kupangProgramme.id);
    expectBalancedLedger(ledger);
    const [{ reserved, workers }] = await h.dataSource.query(
      'SELECT sum(reserved_amount)::int AS reserved, count(*)::int AS workers FROM sponsorships WHERE programme_id = $1',
      [kupangProgramme.id],
    );
    expect(programme).toMatchObject({ reserved, spent: 0, remaining: 100_000_000 - reserved, sponsoredWorkers: workers });
    expect(workers).toBeGreaterThanOrEqual(5);
  });

  it('sponsors only the workers a CSR programme nominated, registered or not yet, with the CSR discount', async () => {
    const programme = await openProgramme(company, {
      name: 'CSR peduli pekerja',
      budget: 10_000_000,
      coverageMonths: 6,
      selection: 'NOMINATED',
    });
    const [nominatedNow, nominatedByNumber, notNominated] = await register(h, [
      { regionCode: '5310' },
      { regionCode: '5310', membershipNumber: newMembershipNumber() },
      { regionCode: '5310' },
    ]);
    await waitFor(() => workersSeen(h, [nominatedNow, nominatedByNumber, notNominated]), 'the registrations recorded');
    const [{ membership_number: byNumber }] = await h.dataSource.query('SELECT membership_number FROM workers WHERE worker_id = $1', [
      nominatedByNumber,
    ]);
    const laterId = randomUUID();
    const laterNumber = newMembershipNumber();

    const response = await nominate(company, programme.id, {
      workerIds: [nominatedNow, laterId],
      membershipNumbers: [byNumber, laterNumber],
    });
    expect(response.status).toBe(201);
    const item = (key: string) => response.body.items.find((i: any) => i.workerId === key || i.membershipNumber === key);
    // PP 50/2025: CSR-funded members get the 50% discount, 2026-04 to 2026-12 outside transport.
    expect(item(nominatedNow)).toMatchObject({ status: 'GRANTED', firstPeriod: '2026-07', months: 6, reservedAmount: 6 * 8_400 });
    expect(item(byNumber)).toMatchObject({ status: 'GRANTED', workerId: nominatedByNumber, reservedAmount: 6 * 8_400 });
    expect(item(laterId)).toEqual({ workerId: laterId, status: 'PENDING' });
    expect(item(laterNumber)).toEqual({ membershipNumber: laterNumber, status: 'PENDING' });

    // The pending ones are granted when enrollment announces them.
    await register(h, [
      { workerId: laterId, regionCode: '5310' },
      { membershipNumber: laterNumber, regionCode: '5310' },
    ]);
    await waitFor(
      async () =>
        (
          await h.dataSource.query("SELECT count(*)::int AS n FROM nominations WHERE programme_id = $1 AND status = 'GRANTED'", [
            programme.id,
          ])
        )[0].n === 4,
      'the pending nominations granted on registration',
    );
    const [{ sponsored }] = await h.dataSource.query('SELECT count(*)::int AS sponsored FROM sponsorships WHERE programme_id = $1', [
      programme.id,
    ]);
    expect(sponsored).toBe(4);
    expect(await sponsorshipsOf(notNominated)).toEqual([]);
    await waitFor(() => granted(laterId).length === 1, 'the grant of the worker nominated before registering');
    expect(granted(laterId)[0].data).toMatchObject({ programmeId: programme.id, funderType: 'CSR', months: 6, reservedAmount: 6 * 8_400 });
    expect((await company.call('GET', `/v1/programmes/${programme.id}`)).body).toMatchObject({
      sponsoredWorkers: 4,
      reserved: 4 * 6 * 8_400,
      remaining: 10_000_000 - 4 * 6 * 8_400,
    });
    expectBalancedLedger(await ledgerOf(h, programme.id));
  });

  it('lets programmes fund one worker in turn, never the same month twice', async () => {
    const programme = await openProgramme(company, { name: 'CSR lanjutan', budget: 5_000_000, coverageMonths: 6, selection: 'NOMINATED' });
    const [worker] = await register(h, [{ regionCode: '5371', occupation: 'MARKET_TRADER' }]);
    await waitFor(() => granted(worker).length === 1, 'the APBD grant');
    const response = await nominate(company, programme.id, { workerIds: [worker] });
    // After the regency's 2026-07..09: 2026-10..12 at the CSR discount, then 2027-01..03 at the full rate.
    expect(response.body.items[0]).toMatchObject({
      status: 'GRANTED',
      firstPeriod: '2026-10',
      months: 6,
      reservedAmount: 3 * 8_400 + 3 * 16_800,
    });
    expect(await sponsorshipsOf(worker)).toEqual([
      { programme_id: kupangProgramme.id, first_period: '2026-07', last_period: '2026-09', months: 3, reserved_amount: 3 * 16_800 },
      { programme_id: programme.id, first_period: '2026-10', last_period: '2027-03', months: 6, reserved_amount: 75_600 },
    ]);
    const again = await nominate(company, programme.id, { workerIds: [worker] });
    expect(again.body.items[0]).toMatchObject({ status: 'GRANTED', sponsorshipId: response.body.items[0].sponsorshipId });
    expect(await sponsorshipsOf(worker)).toHaveLength(2);
  });

  it('refuses nominations of workers outside the eligibility, with the reasons', async () => {
    const programme = await openProgramme(company, {
      budget: 1_000_000,
      selection: 'NOMINATED',
      eligibility: { regions: ['53'], occupations: ['WEAVER'], incomeCeiling: 1_500_000 },
    });
    const [worker] = await register(h, [{ regionCode: '5171', occupation: 'FARMER', declaredMonthlyIncome: 3_000_000 }]);
    await waitFor(() => workersSeen(h, [worker]), 'the registration recorded');
    const response = await nominate(company, programme.id, { workerIds: [worker] });
    expect(response.body.items[0]).toEqual({
      workerId: worker,
      status: 'REFUSED',
      reason: 'NOT_ELIGIBLE',
      reasons: ['OUTSIDE_REGION', 'OCCUPATION_NOT_COVERED', 'INCOME_ABOVE_CEILING'],
    });
    expect((await nominate(company, programme.id, {})).status).toBe(400);
    expect((await nominate(company, programme.id, { workerIds: ['not-a-uuid'] })).body.errors[0].field).toBe('workerIds');
  });

  it("refuses a partner nominating into another funder's programme (403)", async () => {
    const programme = await openProgramme(company, { budget: 1_000_000, selection: 'NOMINATED' });
    expect(await nominate(kupang, programme.id, { workerIds: [randomUUID()] })).toMatchObject({
      status: 403,
      body: { type: 'https://jaring.id/problems/other-funder' },
    });
    expect((await nominate(kupang, randomUUID(), { workerIds: [randomUUID()] })).status).toBe(404);
    expect(await h.dataSource.query('SELECT 1 FROM nominations WHERE programme_id = $1', [programme.id])).toEqual([]);
  });

  it('stops at the budget: no over-spend, the rest refused, "budget exhausted" announced once', async () => {
    const cost = 3 * 16_800;
    const programme = await openProgramme(government, { budget: 2 * cost + 10_000, eligibility: { regions: ['9971'] } });
    const workers = await register(
      h,
      Array.from({ length: 5 }, () => ({ regionCode: '9971' })),
    );
    await waitFor(() => workersSeen(h, workers), 'the registrations recorded');
    const ledger = await ledgerOf(h, programme.id);
    expectBalancedLedger(ledger);
    expect(ledger).toMatchObject({ reserved: 2 * cost, available: 10_000, spent: 0 });
    const refused = await h.dataSource.query('SELECT reason FROM refused_grants WHERE programme_id = $1', [programme.id]);
    expect(refused).toEqual(Array(3).fill({ reason: 'BUDGET_EXHAUSTED' }));
    const announcements = await h.dataSource.query(
      "SELECT payload->'data' AS data FROM outbox WHERE event_type = 'subsidies.budget.exhausted' AND payload->'data'->>'programmeId' = $1",
      [programme.id],
    );
    expect(announcements).toEqual([
      {
        data: {
          programmeId: programme.id,
          funderId: government.funderId,
          budget: 2 * cost + 10_000,
          remaining: 10_000,
          exhaustedOn: '2026-07-10',
          reason: 'BUDGET_EXHAUSTED',
        },
      },
    ]);
    await waitFor(
      () => recorded(h, EVENTS.BudgetExhausted.type).some((e) => e.data.programmeId === programme.id),
      'the announcement on Kafka',
    );
    expect((await government.call('GET', `/v1/programmes/${programme.id}`)).body).toMatchObject({
      sponsoredWorkers: 2,
      remaining: 10_000,
      exhaustedOn: '2026-07-10',
    });
  });

  it('stops at the quota', async () => {
    const programme = await openProgramme(government, { budget: 10_000_000, quota: 2, eligibility: { regions: ['9974'] } });
    const workers = await register(
      h,
      Array.from({ length: 4 }, () => ({ regionCode: '9974' })),
    );
    await waitFor(() => workersSeen(h, workers), 'the registrations recorded');
    expect((await government.call('GET', `/v1/programmes/${programme.id}`)).body).toMatchObject({
      sponsoredWorkers: 2,
      reserved: 2 * 3 * 16_800,
    });
    expect(await h.dataSource.query('SELECT reason FROM refused_grants WHERE programme_id = $1', [programme.id])).toEqual(
      Array(2).fill({ reason: 'QUOTA_REACHED' }),
    );
    const [{ n }] = await h.dataSource.query(
      "SELECT count(*)::int AS n FROM outbox WHERE event_type = 'subsidies.budget.exhausted' AND payload->'data'->>'programmeId' = $1",
      [programme.id],
    );
    expect(n).toBe(1);
  });

  it('never over-spends under many concurrent grants from Kafka and HTTP at once', async () => {
    const cost = 3 * 16_800;
    const affordable = 25;
    // Workers named over HTTP, registered before the programme exists (so not granted automatically).
    const named = await register(
      h,
      Array.from({ length: 30 }, () => ({ regionCode: '9973' })),
    );
    await waitFor(() => workersSeen(h, named), 'the named workers recorded');
    const programme = await openProgramme(government, { budget: affordable * cost + 33_333, eligibility: { regions: ['9972', '9973'] } });

    const arriving = Array.from({ length: 60 }, () => workerRegistered(h, { regionCode: '9972' }));
    const [nominations] = await Promise.all([
      Promise.all(named.map((workerId) => nominate(government, programme.id, { workerIds: [workerId] }))),
      produce(h.producer, arriving),
    ]);
    expect(nominations.map((r) => r.status).every((s) => s === 201)).toBe(true);
    await waitFor(
      () =>
        workersSeen(
          h,
          arriving.map((e) => e.data.workerId),
        ),
      'the arriving workers recorded',
    );

    const ledger = await ledgerOf(h, programme.id);
    expectBalancedLedger(ledger);
    expect(ledger).toMatchObject({ reserved: affordable * cost, available: 33_333 });
    const sponsorships = await h.dataSource.query('SELECT worker_id FROM sponsorships WHERE programme_id = $1', [programme.id]);
    expect(sponsorships).toHaveLength(affordable);
    expect(new Set(sponsorships.map((s: { worker_id: string }) => s.worker_id)).size).toBe(affordable);
    const grantedByHttp = nominations.filter((r) => r.body.items[0].status === 'GRANTED').length;
    const refusedByHttp = nominations.filter((r) => r.body.items[0].status === 'REFUSED');
    expect(grantedByHttp + refusedByHttp.length).toBe(30);
    expect(refusedByHttp.every((r) => r.body.items[0].reason === 'BUDGET_EXHAUSTED')).toBe(true);
    const [{ n }] = await h.dataSource.query(
      "SELECT count(*)::int AS n FROM outbox WHERE event_type = 'subsidies.budget.exhausted' AND payload->'data'->>'programmeId' = $1",
      [programme.id],
    );
    expect(n).toBe(1);
    const [{ granted: grantedEvents }] = await h.dataSource.query(
      "SELECT count(*)::int AS granted FROM outbox WHERE event_type = 'subsidies.sponsorship.granted' AND payload->'data'->>'programmeId' = $1",
      [programme.id],
    );
    expect(grantedEvents).toBe(affordable);
  });

  it('changes nothing when a registration is delivered again, or announced again under a new event id', async () => {
    const programme = await openProgramme(government, { budget: 1_000_000, eligibility: { regions: ['9976'] } });
    const original = workerRegistered(h, { regionCode: '9976' });
    await produce(h.producer, [original]);
    await waitFor(() => granted(original.data.workerId).length === 1, 'the first grant');
    const before = { ledger: await ledgerOf(h, programme.id), sponsorships: await sponsorshipsOf(original.data.workerId) };

    const reannounced = { ...original, id: randomUUID() };
    await produce(h.producer, [original, reannounced]);
    await waitFor(
      async () => (await h.dataSource.query('SELECT 1 FROM processed_events WHERE event_id = $1', [reannounced.id])).length === 1,
      'the re-announcement processed',
    );
    expect(await sponsorshipsOf(original.data.workerId)).toEqual(before.sponsorships);
    expect(await ledgerOf(h, programme.id)).toEqual(before.ledger);
    const [{ n }] = await h.dataSource.query(
      "SELECT count(*)::int AS n FROM outbox WHERE event_type = 'subsidies.sponsorship.granted' AND message_key = $1",
      [original.data.workerId],
    );
    expect(n).toBe(1);
  });
});
