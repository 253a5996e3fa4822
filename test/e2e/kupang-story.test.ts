import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Topics, type EventEnvelope } from '@jaring/contracts';
import { Nik, parseIsoDate } from '@jaring/domain';
import { as } from '../support/identity';
import { testKafka, TopicRecorder } from '../support/kafka';
import { waitFor } from '../support/wait-for';
import { call, expectStatus, type Answer } from '../support/http-call';
import { Platform } from './support/platform-processes';

/**
 * The Kupang story (issue 6), end to end: the four services as separate processes on real Kafka and
 * PostgreSQL, driven only through their public HTTP APIs, observed through their answers and events.
 *
 * Kota Kupang (APBD_REGENCY, 5371) pays 3 months (November 2026 to January 2027) for every gig worker of
 * the city who enrols; a cosmetics company (CSR) nominates the make-up artists, wherever they live, for 6
 * months (November to April). The workers enrol by one CSV import on 2 November 2026. When the city's
 * months run out, some of its workers pay alone and the others lapse (1 May 2027, after February, March
 * and April unpaid); workers nobody sponsors and who never pay lapse on 1 February. A sponsored make-up
 * artist dies on 6 March 2027 (four months a member: the full benefit); his widow brings the papers on 13 April,
 * after the company has paid his April. She is paid the JKM benefit, and the paid claim closes his membership
 * through events: enrollment records him DECEASED on the day he died, contributions refunds the April the company
 * paid for a member who was no longer alive, and the company's budget and report get it back. In May two of the
 * make-up artists carry on paying themselves.
 *
 * Rates (docs/rules.md): JKK 1% of the Rp1,000,000 bracket + JKM Rp6,800 = Rp16,800; PP 50/2025 halves it for
 * self-paying and CSR-funded members (periods up to 2026-12, up to 2027-03 for transport workers), never for
 * APBD.
 */

/** 10: the issue's 200 workers, 50 of them make-up artists (about 2 minutes); STORY_SCALE=1 plays it with 20. */
const SCALE = Number(process.env.STORY_SCALE ?? 10);
const START = '2026-11-02T02:00:00Z';
const FULL = 16_800;
const HALF = 8_400;
const JKM_DEATH_BENEFIT = 42_000_000;

type Group = 'kupangPays' | 'kupangLapses' | 'makeup' | 'outsiderPays' | 'outsiderLapses';
interface StoryWorker {
  serial: string;
  nik: string;
  fullName: string;
  birthDate: string;
  regionCode: string;
  occupation: string;
  group: Group;
  id?: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const NAMES = ['Yohanes', 'Maria', 'Agustinus', 'Theresia', 'Fransiskus', 'Yuliana', 'Marthen', 'Ursula', 'Petrus', 'Angelina'];
const FAMILY = ['Nahak', 'Bili', 'Tefa', 'Seran', 'Lake', 'Manu', 'Ndun', 'Bere', 'Kase', 'Tallo'];

/** A valid NIK (district 537101 Alak, Kota Kupang) whose serial (last 4 digits) identifies the worker. */
function nikOf(birthDate: string, gender: 'M' | 'F', serial: number): string {
  const { year, month, day } = parseIsoDate(birthDate);
  const nik = `537101${pad(gender === 'F' ? day + 40 : day)}${pad(month)}${pad(year % 100)}${pad(serial, 4)}`;
  if (!Nik.isValid(nik)) throw new Error(`story NIK ${nik} is invalid`);
  return nik;
}

function population(): StoryWorker[] {
  const plan: Array<{ group: Group; count: number; regions: string[]; occupations: string[] }> = [
    { group: 'kupangPays', count: 4 * SCALE, regions: ['5371'], occupations: ['OJEK_DRIVER', 'MARKET_TRADER'] },
    { group: 'kupangLapses', count: 4 * SCALE, regions: ['5371'], occupations: ['WEAVER', 'FISHERMAN'] },
    // Kabupaten Kupang (same province), Denpasar (Bali) and Jakarta: the CSR does not look at regions.
    { group: 'makeup', count: 5 * SCALE, regions: ['5310', '5171', '3171'], occupations: ['MAKEUP_ARTIST'] },
    { group: 'outsiderPays', count: 3 * SCALE, regions: ['5310', '5171'], occupations: ['MARKET_TRADER'] },
    { group: 'outsiderLapses', count: 4 * SCALE, regions: ['5310', '3171'], occupations: ['WEAVER', 'FISHERMAN'] },
  ];
  const workers: StoryWorker[] = [];
  for (const { group, count, regions, occupations } of plan) {
    for (let i = 0; i < count; i++) {
      const serial = workers.length + 1;
      const gender = serial % 2 ? 'M' : 'F';
      const birthDate = `19${80 + (serial % 20)}-${pad(1 + (serial % 12))}-${pad(1 + (serial % 28))}`;
      workers.push({
        serial: pad(serial, 4),
        nik: nikOf(birthDate, gender, serial),
        fullName: `${NAMES[serial % NAMES.length]} ${FAMILY[Math.floor(serial / NAMES.length) % FAMILY.length]}`,
        birthDate,
        regionCode: regions[i % regions.length],
        occupation: occupations[i % occupations.length],
        group,
      });
    }
  }
  return workers;
}

describe('the Kupang story, end to end (four services as processes, real Kafka and PostgreSQL)', () => {
  const platform = new Platform({ databasePrefix: 'jaring_e2e', startAt: START });
  const workers = population();
  const ids = new Set<string>();
  let idsKnown = false;
  /** From now on the recorder keeps this story's workers' messages only (a shared broker may be busy). */
  function ownWorkersKnown(): void {
    idsKnown = true;
    const ours = recorder.messages.filter((m) => ids.has(m.key ?? ''));
    recorder.messages.splice(0, recorder.messages.length, ...ours);
  }
  let recorder: TopicRecorder;
  let kupang: { funderId: string; key: string; programme: any };
  let company: { funderId: string; key: string; programme: any };

  const url = {
    enrollment: () => platform.url('enrollment'),
    contributions: () => platform.url('contributions'),
    subsidies: () => platform.url('subsidies'),
    claims: () => platform.url('claims'),
  };
  const group = (name: Group) => workers.filter((w) => w.group === name);
  const idsOf = (list: StoryWorker[]) => list.map((w) => w.id!);
  const events = (type: string, workerId?: string): Array<EventEnvelope<any>> =>
    recorder.messages.filter((m) => m.headers.type === type && (!workerId || m.key === workerId)).map((m) => JSON.parse(m.value!));

  async function invoices(workerId: string): Promise<any[]> {
    return expectStatus(
      await call(url.contributions(), 'GET', `/v1/workers/${workerId}/invoices`, { headers: await as('enrollment-officer') }),
      200,
      `invoices of ${workerId}`,
    ).body.items;
  }
  const live = (list: any[]) => list.filter((i) => i.status !== 'VOID');
  async function coverage(workerId: string, date?: string): Promise<any> {
    return expectStatus(
      await call(url.contributions(), 'GET', `/v1/workers/${workerId}/coverage${date ? `?date=${date}` : ''}`, {
        headers: await as('enrollment-officer'),
      }),
      200,
      `coverage of ${workerId}`,
    ).body;
  }
  async function programme(funder: { key: string; programme: any }): Promise<any> {
    return expectStatus(
      await call(url.subsidies(), 'GET', `/v1/programmes/${funder.programme.id}`, { headers: { 'x-api-key': funder.key } }),
      200,
      'programme',
    ).body;
  }
  /** Waits until every worker of the list has a live invoice of the period, and returns them by worker. */
  async function invoicesOf(
    list: StoryWorker[],
    period: string,
    accept: (invoice: any) => boolean = () => true,
  ): Promise<Map<string, any>> {
    const found = new Map<string, any>();
    await waitFor(
      async () => {
        for (const worker of list) {
          if (found.has(worker.id!)) continue;
          const invoice = live(await invoices(worker.id!)).find((i) => i.period === period && accept(i));
          if (invoice) found.set(worker.id!, invoice);
        }
        return found.size === list.length;
      },
      `the ${period} invoices of ${list.length} workers`,
      60_000,
      250,
    );
    return found;
  }
  async function pay(workerId: string, amount: number, key = randomUUID()): Promise<Answer> {
    return call(url.contributions(), 'POST', '/v1/payments', {
      // the payment is the signed-in channel's: Bank NTT
      body: { workerId, amount, externalReference: `NTT-${randomUUID()}` },
      headers: { ...(await as('channel-bank-ntt')), 'idempotency-key': key },
    });
  }
  /** Moves the clock, lets the schedule bill the period, and waits for each worker still billed to have it. */
  async function moveTo(iso: string, billed: StoryWorker[]): Promise<void> {
    await platform.setClock(iso);
    await invoicesOf(billed, iso.slice(0, 7));
  }

  beforeAll(async () => {
    await platform.start();
    // This story's workers are known by id only once the import is done: until then the recorder keeps every
    // message from now on, then only theirs (the others kept meanwhile are dropped then: see ownWorkersKnown).
    recorder = await new TopicRecorder(
      testKafka('jaring-e2e-recorder'),
      [
        Topics.enrollmentWorkers,
        Topics.contributionsInvoices,
        Topics.contributionsCoverage,
        Topics.subsidiesSponsorships,
        Topics.claimsClaims,
        Topics.claimsPayouts,
      ],
      (m) => !idsKnown || ids.has(m.key ?? ''),
      { fromEnd: true },
    ).start();
  }, 180_000);

  afterAll(async () => {
    await recorder?.stop();
    await platform.stop();
  }, 60_000);

  it('the city and the company set up their programmes', async () => {
    const funder = async (body: Record<string, unknown>) => {
      const created = expectStatus(
        await call(url.subsidies(), 'POST', '/v1/funders', { body, headers: await as('programme-officer') }),
        201,
        'funder',
      );
      const key = expectStatus(
        await call(url.subsidies(), 'POST', `/v1/funders/${created.body.id}/api-keys`, {
          body: {},
          headers: await as('programme-officer'),
        }),
        201,
        'api key',
      );
      return { funderId: created.body.id as string, key: key.body.key as string };
    };
    const open = async (owner: { funderId: string; key: string }, body: Record<string, unknown>) =>
      expectStatus(
        await call(url.subsidies(), 'POST', '/v1/programmes', {
          body: { funderId: owner.funderId, programs: ['JKK', 'JKM'], startsOn: '2026-11-01', endsOn: '2027-06-30', ...body },
          headers: { 'x-api-key': owner.key, 'idempotency-key': randomUUID() },
        }),
        201,
        'programme',
      ).body;

    const city = await funder({ name: 'Pemerintah Kota Kupang', type: 'APBD_REGENCY', regionCode: '5371' });
    kupang = {
      ...city,
      programme: await open(city, {
        name: 'Stimulus BPU Kota Kupang',
        budget: 100_000_000,
        coverageMonths: 3,
        selection: 'AUTOMATIC',
        eligibility: { regions: ['5371'] },
      }),
    };
    const cosmetics = await funder({ name: 'PT Cantik Nusantara', type: 'CSR' });
    company = {
      ...cosmetics,
      programme: await open(cosmetics, {
        name: 'Peduli Perias',
        budget: 50_000_000,
        coverageMonths: 6,
        selection: 'NOMINATED',
        eligibility: { occupations: ['MAKEUP_ARTIST'] },
      }),
    };

    expect(await programme(kupang)).toMatchObject({
      budget: 100_000_000,
      reserved: 0,
      spent: 0,
      remaining: 100_000_000,
      sponsoredWorkers: 0,
    });
    // a partner sees only its own funder's programmes
    expect(
      (await call(url.subsidies(), 'GET', `/v1/programmes/${kupang.programme.id}`, { headers: { 'x-api-key': company.key } })).status,
    ).toBe(403);
  });

  it(`${workers.length} workers enrol by one CSV import`, async () => {
    const header = 'nik,fullName,birthDate,phone,regionCode,occupation,declaredMonthlyIncome,programs';
    const rows = workers.map((w) =>
      [w.nik, w.fullName, w.birthDate, `0812${pad(Number(w.serial), 8)}`, w.regionCode, w.occupation, '1000000', 'JKK;JKM'].join(','),
    );
    const accepted = expectStatus(
      // workers of several regions in one file: the enrollment office imports it (an agent imports its own regions only)
      await call(url.enrollment(), 'POST', '/v1/worker-imports', {
        raw: `${header}\n${rows.join('\n')}\n`,
        contentType: 'text/csv',
        headers: await as('enrollment-officer'),
      }),
      202,
      'import',
    );
    const report = await waitFor(
      async () => {
        const { body } = await call(url.enrollment(), 'GET', `/v1/worker-imports/${accepted.body.id}`, {
          headers: await as('enrollment-officer'),
        });
        return body.status === 'DONE' ? body : undefined;
      },
      'the import done',
      60_000,
    );
    expect(report).toMatchObject({ total: workers.length, enrolled: workers.length, duplicates: 0, failed: 0, errors: [] });

    // The import answers with counts; the workers are found by search (this platform's enrollment database is fresh).
    const found: any[] = [];
    for (let offset = 0; found.length < workers.length; offset += 200) {
      const page = expectStatus(
        await call(url.enrollment(), 'GET', `/v1/workers?limit=200&offset=${offset}`, { headers: await as('enrollment-officer') }),
        200,
        'search',
      ).body;
      found.push(...page.items);
      if (!page.items.length) break;
    }
    expect(found).toHaveLength(workers.length);
    for (const worker of workers) {
      const match = found.filter((f) => f.nik.endsWith(worker.serial));
      expect(match).toHaveLength(1);
      expect(match[0]).toMatchObject({
        fullName: worker.fullName,
        regionCode: worker.regionCode,
        occupation: worker.occupation,
        status: 'PENDING_PAYMENT',
      });
      worker.id = match[0].id;
      ids.add(worker.id!);
    }
    ownWorkersKnown();
    await waitFor(
      () => workers.every((w) => events('enrollment.worker.registered', w.id).length === 1),
      'one registration event per worker',
      60_000,
    );
  });

  it('Kota Kupang sponsors its own workers at once, 3 months at the full APBD rate, and nobody else', async () => {
    const city = [...group('kupangPays'), ...group('kupangLapses')];
    await waitFor(
      () => city.every((w) => events('subsidies.sponsorship.granted', w.id).length === 1),
      'a grant for each worker of Kota Kupang',
      60_000,
    );
    for (const worker of city) {
      expect(events('subsidies.sponsorship.granted', worker.id)[0].data).toMatchObject({
        programmeId: kupang.programme.id,
        funderType: 'APBD_REGENCY',
        months: 3,
        firstPeriod: '2026-11',
        reservedAmount: 3 * FULL,
      });
    }
    const november = await invoicesOf(city, '2026-11', (i) => i.payer === 'APBD' && i.status === 'PAID');
    for (const invoice of november.values()) expect(invoice).toMatchObject({ amount: FULL, payer: 'APBD', status: 'PAID' });
    await waitFor(async () => (await programme(kupang)).spent === city.length * FULL, 'the city paid November');
    expect(await programme(kupang)).toMatchObject({
      sponsoredWorkers: city.length,
      spent: city.length * FULL,
      reserved: city.length * 2 * FULL,
      remaining: 100_000_000 - city.length * 3 * FULL,
    });
    for (const worker of city)
      expect(await coverage(worker.id!, '2026-11-20')).toMatchObject({ covered: true, status: 'ACTIVE', paidUntil: '2026-11-30' });
    await waitFor(
      () => city.every((w) => events('contributions.coverage.activated', w.id).length === 1),
      'coverage activated for each worker of the city',
    );
    for (const worker of city)
      expect(events('contributions.coverage.activated', worker.id)[0].data).toMatchObject({
        periods: ['2026-11'],
        coveredFrom: '2026-11-01',
        coveredUntil: '2026-11-30',
      });
    await waitFor(
      // the city's field agent follows its own region's workers
      async () =>
        (await call(url.enrollment(), 'GET', `/v1/workers/${city[0].id}`, { headers: await as('agent-5371') })).body.status === 'ACTIVE',
      'enrollment shows the member active',
    );
  });

  it('the company nominates the make-up artists: their November invoices pass to it, at the CSR discount', async () => {
    const artists = group('makeup');
    const nominated = expectStatus(
      await call(url.subsidies(), 'POST', `/v1/programmes/${company.programme.id}/nominations`, {
        body: { workerIds: idsOf(artists) },
        headers: { 'x-api-key': company.key, 'idempotency-key': randomUUID() },
      }),
      201,
      'nominations',
    ).body;
    // 2 months discounted (2026-11, 2026-12: PP 50/2025 for non-transport work) and 4 at the full rate
    const reservedEach = 2 * HALF + 4 * FULL;
    expect(nominated.items).toHaveLength(artists.length);
    for (const item of nominated.items)
      expect(item).toMatchObject({ status: 'GRANTED', firstPeriod: '2026-11', months: 6, reservedAmount: reservedEach });

    const november = await invoicesOf(artists, '2026-11', (i) => i.payer === 'CSR' && i.status === 'PAID');
    for (const [workerId, invoice] of november) {
      expect(invoice).toMatchObject({ amount: HALF, sponsoredAmount: HALF });
      const all = await invoices(workerId);
      expect(all.filter((i) => i.period === '2026-11')).toHaveLength(2); // the worker's own, VOID, and the sponsor's
      expect(all.find((i) => i.status === 'VOID')).toMatchObject({ payer: 'SELF', replacedBy: invoice.id });
    }
    await waitFor(async () => (await programme(company)).spent === artists.length * HALF, 'the company paid November');
    expect(await programme(company)).toMatchObject({
      sponsoredWorkers: artists.length,
      reserved: artists.length * (reservedEach - HALF),
      remaining: 50_000_000 - artists.length * reservedEach,
    });
  });

  it('the others owe their own November at the discount; those who pay are covered, the rest are not', async () => {
    const payers = group('outsiderPays');
    const owed = await invoicesOf([...payers, ...group('outsiderLapses')], '2026-11');
    for (const invoice of owed.values())
      expect(invoice).toMatchObject({ payer: 'SELF', amount: HALF, status: 'ISSUED', dueDate: '2026-11-16' });
    for (const worker of payers) {
      const paid = expectStatus(await pay(worker.id!, HALF), 201, 'payment');
      expect(paid.body.appliedTo).toEqual([{ invoiceId: owed.get(worker.id!).id, period: '2026-11', amount: HALF }]);
      expect(await coverage(worker.id!, '2026-11-20')).toMatchObject({ covered: true, paidUntil: '2026-11-30' });
    }
    for (const worker of group('outsiderLapses')) expect(await coverage(worker.id!, '2026-11-20')).toMatchObject({ covered: false });
  });

  /** What a worker owes alone for a period (docs/rules.md): the PP 50/2025 window depends on the sector. */
  function ownRate(worker: StoryWorker, period: string): number {
    const lastDiscounted = worker.occupation === 'OJEK_DRIVER' ? '2027-03' : '2026-12';
    return period <= lastDiscounted ? HALF : FULL;
  }
  const deceased = () => group('makeup')[0];
  const widow = { fullName: 'Ursula Seran', birthDate: '1988-04-12', nik: nikOf('1988-04-12', 'F', 9001), relationship: 'SPOUSE' };

  it('a make-up artist names his wife as his heir', async () => {
    const answer = await call(url.enrollment(), 'PUT', `/v1/workers/${deceased().id}/heirs`, {
      body: { heirs: [{ fullName: widow.fullName, nik: widow.nik, relationship: widow.relationship, birthDate: widow.birthDate }] },
      headers: await as('enrollment-officer'),
    });
    expect(answer.status).toBe(200);
    await waitFor(() => events('enrollment.worker.changed', deceased().id).some((e) => e.data.heirs?.length === 1), 'the heirs announced');
  });

  it('December: the sponsors pay their months, at the rate of the month; the self-paying pay theirs', async () => {
    await moveTo('2026-12-01T02:00:00Z', workers);
    const city = await invoicesOf([...group('kupangPays'), ...group('kupangLapses')], '2026-12', (i) => i.status === 'PAID');
    for (const invoice of city.values()) expect(invoice).toMatchObject({ payer: 'APBD', amount: FULL });
    const artists = await invoicesOf(group('makeup'), '2026-12', (i) => i.status === 'PAID');
    for (const invoice of artists.values()) expect(invoice).toMatchObject({ payer: 'CSR', amount: HALF });
    const own = await invoicesOf(group('outsiderPays'), '2026-12');
    for (const worker of group('outsiderPays')) expect((await pay(worker.id!, own.get(worker.id!).amount)).status).toBe(201);
    for (const invoice of (await invoicesOf(group('outsiderLapses'), '2026-12')).values())
      expect(invoice).toMatchObject({ payer: 'SELF', status: 'ISSUED' });
  });

  it('January: the last month of the city, the first at the full rate for the company', async () => {
    await moveTo('2027-01-01T02:00:00Z', workers);
    for (const invoice of (
      await invoicesOf([...group('kupangPays'), ...group('kupangLapses')], '2027-01', (i) => i.status === 'PAID')
    ).values())
      expect(invoice).toMatchObject({ payer: 'APBD', amount: FULL });
    for (const invoice of (await invoicesOf(group('makeup'), '2027-01', (i) => i.status === 'PAID')).values())
      expect(invoice).toMatchObject({ payer: 'CSR', amount: FULL });
    const own = await invoicesOf(group('outsiderPays'), '2027-01');
    for (const worker of group('outsiderPays')) {
      expect(own.get(worker.id!)).toMatchObject({ payer: 'SELF', amount: FULL });
      expect((await pay(worker.id!, FULL)).status).toBe(201);
    }
    const city = [...group('kupangPays'), ...group('kupangLapses')];
    await waitFor(async () => (await programme(kupang)).spent === city.length * 3 * FULL, 'the city paid its three months');
    expect(await programme(kupang)).toMatchObject({
      spent: city.length * 3 * FULL,
      reserved: 0,
      remaining: 100_000_000 - city.length * 3 * FULL,
      sponsoredWorkers: city.length,
    });
  });

  it('February: the city has paid its months; its workers owe their own, those never paying have lapsed', async () => {
    const lapsing = group('outsiderLapses');
    const billed = workers.filter((w) => w.group !== 'outsiderLapses');
    await moveTo('2027-02-01T02:00:00Z', billed);
    // November, December and January unpaid: lapsed on 1 February
    await waitFor(
      () => lapsing.every((w) => events('contributions.coverage.lapsed', w.id).length === 1),
      'the lapses of those who never paid',
      60_000,
    );
    for (const worker of lapsing) {
      expect(events('contributions.coverage.lapsed', worker.id)[0].data).toMatchObject({
        workerId: worker.id,
        lapsedOn: '2027-02-01',
        reason: 'UNPAID_MONTHS',
      });
      expect(await coverage(worker.id!)).toMatchObject({ status: 'LAPSED', covered: false });
      expect(live(await invoices(worker.id!)).every((i) => i.status !== 'ISSUED' && i.status !== 'OVERDUE')).toBe(true);
      await waitFor(
        async () =>
          (await call(url.enrollment(), 'GET', `/v1/workers/${worker.id}`, { headers: await as('enrollment-officer') })).body.status ===
          'LAPSED',
        'enrollment shows the lapse',
      );
    }
    const city = [...group('kupangPays'), ...group('kupangLapses')];
    const february = await invoicesOf(city, '2027-02');
    for (const worker of city)
      expect(february.get(worker.id!)).toMatchObject({ payer: 'SELF', status: 'ISSUED', amount: ownRate(worker, '2027-02') });
    await waitFor(
      () => city.every((w) => events('subsidies.sponsorship.ended', w.id).length === 1),
      "the city's sponsorships ended",
      60_000,
    );
    for (const worker of group('kupangPays')) expect((await pay(worker.id!, ownRate(worker, '2027-02'))).status).toBe(201);
    for (const worker of group('outsiderPays')) expect((await pay(worker.id!, ownRate(worker, '2027-02'))).status).toBe(201);
    for (const worker of group('kupangPays'))
      expect(await coverage(worker.id!, '2027-02-20')).toMatchObject({ covered: true, paidUntil: '2027-02-28' });
    for (const worker of group('kupangLapses'))
      expect(await coverage(worker.id!, '2027-02-20')).toMatchObject({ covered: false, paidUntil: '2027-01-31' });
  });

  it('March: the same', async () => {
    await moveTo(
      '2027-03-01T02:00:00Z',
      workers.filter((w) => w.group !== 'outsiderLapses'),
    );
    for (const invoice of (await invoicesOf(group('makeup'), '2027-03', (i) => i.status === 'PAID')).values())
      expect(invoice).toMatchObject({ payer: 'CSR', amount: FULL });
    for (const worker of [...group('kupangPays'), ...group('outsiderPays')])
      expect((await pay(worker.id!, ownRate(worker, '2027-03'))).status).toBe(201);
  });

  let claimId: string;

  it('April: a make-up artist who died on 6 March is claimed for by his widow; two different officers decide', async () => {
    await moveTo(
      '2027-04-01T02:00:00Z',
      workers.filter((w) => w.group !== 'outsiderLapses'),
    );
    for (const invoice of (await invoicesOf(group('makeup'), '2027-04', (i) => i.status === 'PAID')).values())
      expect(invoice).toMatchObject({ payer: 'CSR', amount: FULL });
    for (const worker of [...group('kupangPays'), ...group('outsiderPays')])
      expect((await pay(worker.id!, ownRate(worker, '2027-04'))).status).toBe(201);
    // he was covered on the day he died (the company paid March), and the company paid April too, not knowing
    expect(await coverage(deceased().id!, '2027-03-06')).toMatchObject({ covered: true });
    expect(live(await invoices(deceased().id!)).find((i) => i.period === '2027-04')).toMatchObject({ payer: 'CSR', status: 'PAID' });

    await platform.setClock('2027-04-13T02:00:00Z'); // a Tuesday: the family brings every document
    const submitted = await call(url.claims(), 'POST', '/v1/claims', {
      body: {
        workerId: deceased().id,
        type: 'JKM',
        incidentDate: '2027-03-06',
        claimant: {
          fullName: widow.fullName,
          nik: widow.nik,
          relationship: widow.relationship,
          bankAccount: { bankCode: '002', accountNumber: '0123456789012', accountName: widow.fullName },
        },
        details: { kind: 'DEATH', causeOfDeath: 'illness' },
        documents: [
          'MEMBERSHIP_CARD',
          'DECEASED_ID',
          'CLAIMANT_ID',
          'DEATH_CERTIFICATE',
          'FAMILY_CARD',
          'HEIR_CERTIFICATE',
          'MARRIAGE_BOOK',
          'BANK_ACCOUNT_BOOK',
        ],
      },
      // the family brings the papers to the office: a verifier takes the claim in
      headers: await as('verifier'),
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      status: 'SUBMITTED',
      eligibility: { eligible: true, reasons: [] },
      benefit: { total: JKM_DEATH_BENEFIT },
    });
    claimId = submitted.body.id;

    // a supervisor holds both roles: the one who verified may not approve
    const supervisor = await as('claims-supervisor');
    expect((await call(url.claims(), 'POST', `/v1/claims/${claimId}/verification`, { body: {}, headers: supervisor })).status).toBe(200);
    const self = await call(url.claims(), 'POST', `/v1/claims/${claimId}/approval`, { body: {}, headers: supervisor });
    expect(self.status).toBe(403);
    expect(self.body.type).toBe('https://jaring.id/problems/maker-checker');
    const auditor = await as('auditor');
    expect((await call(url.claims(), 'GET', `/v1/claims/${claimId}`, { headers: auditor })).body.status).toBe('VERIFIED');
    expect((await call(url.claims(), 'POST', `/v1/claims/${claimId}/approval`, { body: {}, headers: await as('approver') })).status).toBe(
      200,
    );
    expect((await call(url.claims(), 'GET', `/v1/claims/${claimId}`, { headers: auditor })).body.status).toBe('APPROVED');
  });

  it('the bank pays the widow Rp42,000,000 from a payout batch, and confirms', async () => {
    const finance = await as('finance');
    const batch = expectStatus(
      await call(url.claims(), 'POST', '/v1/payout-batches', { body: {}, headers: { ...finance, 'idempotency-key': randomUUID() } }),
      201,
      'payout batch',
    ).body;
    expect(batch.lines).toHaveLength(1);
    const [line] = batch.lines;
    expect(line).toMatchObject({ claimId, amount: JKM_DEATH_BENEFIT, latePenalty: 0 });
    const file = await call(url.claims(), 'GET', `/v1/payout-batches/${batch.id}/file`, { headers: finance });
    expect(file.status).toBe(200);
    const rows = file.text.trim().split('\r\n');
    expect(rows).toEqual([
      'line_no,reference,bank_code,account_number,account_name,amount',
      `${line.lineNo},${line.id},002,0123456789012,${widow.fullName},42000000`,
      'TOTAL,1,42000000',
    ]);

    // four eyes: another finance officer than the batch's maker imports the bank's results
    const results = await call(url.claims(), 'POST', `/v1/payout-batches/${batch.id}/results`, {
      body: { results: [{ lineId: line.id, status: 'PAID', bankReference: 'BRI-0001' }] },
      headers: { ...(await as('finance-checker')), 'idempotency-key': randomUUID() },
    });
    expect(results.status).toBe(200);
    expect(results.body).toMatchObject({ applied: 1, batch: { status: 'SETTLED' } });
    expect((await call(url.claims(), 'GET', `/v1/claims/${claimId}`, { headers: await as('auditor') })).body).toMatchObject({
      status: 'PAID',
      payment: { paidOn: '2027-04-13', amount: JKM_DEATH_BENEFIT, latePenalty: 0 },
    });
    const paid = await waitFor(() => events('claims.claim.paid', deceased().id)[0], 'claim.paid');
    expect(paid.data).toMatchObject({ claimId, type: 'JKM', kind: 'DEATH', amount: JKM_DEATH_BENEFIT });
    // no bank account, no NIK in clear on any topic
    for (const message of recorder.messages.filter((m) => ids.has(m.key ?? ''))) {
      expect(message.value).not.toContain('0123456789012');
      expect(message.value).not.toContain(widow.nik);
    }
  });

  it('the paid claim closes his membership: deceased on the day he died, and the April the company paid comes back to it', async () => {
    const worker = await waitFor(async () => {
      const answer = await call(url.enrollment(), 'GET', `/v1/workers/${deceased().id}`, { headers: await as('enrollment-officer') });
      return answer.body?.status === 'DECEASED' ? answer.body : undefined;
    }, 'enrollment records the death');
    expect(worker).toMatchObject({ status: 'DECEASED', diedOn: '2027-03-06' });
    const died = await waitFor(() => events('enrollment.worker.died', deceased().id)[0], 'the death announced');
    expect(died.data).toMatchObject({ workerId: deceased().id, diedOn: '2027-03-06', source: 'DEATH_CLAIM', claimId });
    // a death is not a leaving: no deregistration, and the back office cannot record one with that reason
    expect(events('enrollment.worker.deregistered', deceased().id)).toEqual([]);

    // contributions: March (the month he died) stays paid and covered; April is refunded to the company, whole
    const refunded = await waitFor(() => events('contributions.contribution.refunded', deceased().id)[0], 'the April refund');
    expect(refunded.data).toMatchObject({ period: '2027-04', payer: 'CSR', amount: FULL, reason: 'WORKER_DIED' });
    expect(events('contributions.contribution.refunded', deceased().id)).toHaveLength(1);
    const own = await invoices(deceased().id!);
    expect(own.find((i) => i.period === '2027-03')).toMatchObject({ status: 'PAID', payer: 'CSR' });
    expect(own.find((i) => i.period === '2027-04')).toMatchObject({ status: 'REFUNDED', payer: 'CSR', amount: FULL });
    expect(await coverage(deceased().id!)).toMatchObject({ status: 'DECEASED', diedOn: '2027-03-06', covered: false });
    expect(await coverage(deceased().id!, '2027-03-06')).toMatchObject({ covered: true });

    // subsidies: the month comes back into the company's budget, shown as refunded
    const artists = group('makeup');
    const spent = artists.length * (2 * HALF + 4 * FULL) - FULL;
    await waitFor(async () => (await programme(company)).refunded === FULL, "the April back in the company's budget");
    expect(await programme(company)).toMatchObject({
      budget: 50_000_000,
      reserved: 0,
      spent,
      refunded: FULL,
      remaining: 50_000_000 - spent,
    });
  });

  it("May: the company's months are used up; two artists carry on alone, the city's non-payers have lapsed", async () => {
    const billed = workers.filter((w) => w.group !== 'outsiderLapses' && w.group !== 'kupangLapses' && w !== deceased());
    await moveTo('2027-05-01T02:00:00Z', billed);
    // February, March and April unpaid: lapsed on 1 May
    await waitFor(
      () => group('kupangLapses').every((w) => events('contributions.coverage.lapsed', w.id).length === 1),
      "the lapses of the city's non-payers",
      60_000,
    );
    for (const worker of group('kupangLapses')) expect(await coverage(worker.id!)).toMatchObject({ status: 'LAPSED', covered: false });
    const artists = group('makeup');
    await waitFor(
      () => artists.every((w) => events('subsidies.sponsorship.ended', w.id).length === 1),
      "the company's sponsorships ended",
      60_000,
    );
    const may = await invoicesOf(artists.slice(1), '2027-05');
    for (const invoice of may.values()) expect(invoice).toMatchObject({ payer: 'SELF', amount: FULL });
    // the schedule billed May for everyone else before the test looked: nothing for the deceased
    expect((await invoices(deceased().id!)).filter((i) => i.period >= '2027-05')).toEqual([]);
    for (const worker of artists.slice(1, 3)) expect((await pay(worker.id!, FULL)).status).toBe(201);
    for (const worker of [...group('kupangPays'), ...group('outsiderPays')])
      expect((await pay(worker.id!, ownRate(worker, '2027-05'))).status).toBe(201);
    await waitFor(
      () => artists.slice(1, 3).every((w) => events('contributions.invoice.paid', w.id).some((e) => e.data.period === '2027-05')),
      'the artists’ own May payments announced',
    );
  });

  it("the company's impact report shows exactly what happened", async () => {
    const artists = group('makeup');
    const perRegion = (region: string) => artists.filter((w) => w.regionCode === region).length;
    // the deceased's April came back (net of refunds, as the budget is)
    const spent = artists.length * (2 * HALF + 4 * FULL) - FULL;
    const expected = {
      programmeId: company.programme.id,
      funderId: company.funderId,
      funderType: 'CSR',
      asOf: '2027-05-01',
      budget: { budget: 50_000_000, reserved: 0, spent, refunded: FULL, remaining: 50_000_000 - spent },
      workersProtected: artists.length,
      byRegion: ['3171', '5171', '5310'].map((regionCode) => ({ regionCode, workers: perRegion(regionCode) })),
      byOccupation: [{ occupation: 'MAKEUP_ARTIST', workers: artists.length }],
      monthsPaid: artists.length * 6 - 1,
      contributionsPaid: spent,
      monthsRefunded: 1,
      contributionsRefunded: FULL,
      activeSponsorships: 0,
      endedByDeregistration: 0,
      // his sponsorship had ended with its last month (April) before the death was known: not ended by it
      endedByDeath: 0,
      claims: { claims: 1, amount: JKM_DEATH_BENEFIT, byKind: [{ type: 'JKM', kind: 'DEATH', claims: 1, amount: JKM_DEATH_BENEFIT }] },
      retention: { handedOver: artists.length, keptPaying: 2, keptPayingPercent: Math.round(2000 / artists.length) / 10 },
    };
    const report = await waitFor(async () => {
      const answer = await call(url.subsidies(), 'GET', `/v1/programmes/${company.programme.id}/report`, {
        headers: { 'x-api-key': company.key },
      });
      return answer.body?.retention?.keptPaying === 2 && answer.body?.claims?.claims === 1 ? answer.body : undefined;
    }, 'the report with the claim and the May payments');
    expect(report).toMatchObject(expected);
    // and the city's: every worker handed over, half of them kept paying, no claim
    const city = [...group('kupangPays'), ...group('kupangLapses')];
    const cityReport = (
      await call(url.subsidies(), 'GET', `/v1/programmes/${kupang.programme.id}/report`, { headers: { 'x-api-key': kupang.key } })
    ).body;
    expect(cityReport).toMatchObject({
      workersProtected: city.length,
      byRegion: [{ regionCode: '5371', workers: city.length }],
      monthsPaid: city.length * 3,
      contributionsPaid: city.length * 3 * FULL,
      claims: { claims: 0, amount: 0 },
      retention: { handedOver: city.length, keptPaying: group('kupangPays').length, keptPayingPercent: 50 },
    });
  });

  it('the programmes paid what they should and nothing else, and every ledger balances', async () => {
    // contributions: every invoice a sponsor paid is one of its sponsored months; every other one is the worker's
    const paidBy = { APBD: 0, CSR: 0 } as Record<string, number>;
    for (const worker of workers) {
      for (const invoice of await invoices(worker.id!)) {
        if (invoice.status !== 'PAID' || invoice.payer === 'SELF') continue;
        paidBy[invoice.payer] += invoice.amount;
        const expectedPayer = worker.group === 'makeup' ? 'CSR' : worker.group.startsWith('kupang') ? 'APBD' : 'nobody';
        expect(`${worker.group} ${invoice.period} ${invoice.payer}`).toBe(`${worker.group} ${invoice.period} ${expectedPayer}`);
      }
    }
    const cityProgramme = await programme(kupang);
    const companyProgramme = await programme(company);
    const city = [...group('kupangPays'), ...group('kupangLapses')];
    const artists = group('makeup');
    // the deceased's April, refunded to the company, is no longer PAID
    expect(paidBy).toEqual({ APBD: city.length * 3 * FULL, CSR: artists.length * (2 * HALF + 4 * FULL) - FULL });
    expect(paidBy).toEqual({ APBD: cityProgramme.spent, CSR: companyProgramme.spent });
    // on Kafka: one authorisation per sponsored month, never two for an invoice, and each applied once
    const authorised = events('subsidies.subsidy.payment-authorised').filter((e) => ids.has(e.data.workerId));
    expect(new Set(authorised.map((e) => e.data.invoiceId)).size).toBe(authorised.length);
    expect(authorised.filter((e) => e.data.programmeId === kupang.programme.id)).toHaveLength(city.length * 3);
    expect(authorised.filter((e) => e.data.programmeId === company.programme.id)).toHaveLength(artists.length * 6);
    const paidBySponsor = events('contributions.invoice.paid').filter((e) => ids.has(e.data.workerId) && e.data.paidBy !== 'SELF');
    expect(paidBySponsor.map((e) => e.data.paymentId).sort()).toEqual(authorised.map((e) => e.data.authorisationId).sort());
    for (const p of [cityProgramme, companyProgramme]) expect(p.reserved + p.spent + p.remaining).toBe(p.budget);

    // claims: the payout ledger, as the auditor sees it
    const ledger = expectStatus(
      await call(url.claims(), 'GET', '/v1/payout-ledger', { headers: await as('auditor') }),
      200,
      'payout ledger',
    ).body;
    expect(ledger.balanced).toBe(true);
    const balance = (account: string) => ledger.accounts.find((a: { account: string }) => a.account === account)?.balance ?? 0;
    expect({ paid: balance('claimants-paid'), reserved: balance('payouts-reserved'), fund: balance('claims-fund') }).toEqual({
      paid: JKM_DEATH_BENEFIT,
      reserved: 0,
      fund: -JKM_DEATH_BENEFIT,
    });

    // contributions has no ledger endpoint: its double-entry ledger is read from its database
    const db = new Client({ connectionString: platform.databaseUrl('contributions') });
    await db.connect();
    try {
      const [check] = (
        await db.query(
          `SELECT (SELECT coalesce(sum(amount), 0)::bigint::text FROM ledger_entries) AS total,
                (SELECT count(*)::int FROM (SELECT journal_id FROM ledger_entries GROUP BY journal_id HAVING sum(amount) <> 0) u) AS unbalanced`,
        )
      ).rows;
      expect(check).toEqual({ total: '0', unbalanced: 0 });
      const funder = async (id: string) =>
        Number(
          (await db.query(`SELECT coalesce(sum(amount), 0)::bigint::text AS b FROM ledger_entries WHERE account = $1`, [`funder:${id}`]))
            .rows[0].b,
        );
      expect(await funder(kupang.funderId)).toBe(cityProgramme.spent);
      expect(await funder(company.funderId)).toBe(companyProgramme.spent);
    } finally {
      await db.end();
    }
  });

  it('an ojek driver of the city dies at work in May: his widow is paid the JKK death benefit, and his two school children their first school year', async () => {
    const driver = group('kupangPays').find((w) => w.occupation === 'OJEK_DRIVER')!;
    const wife = { fullName: 'Yuliana Tefa', birthDate: '1990-02-14', nik: nikOf('1990-02-14', 'F', 9002), relationship: 'SPOUSE' };
    // 7 and 13 years old on 1 July 2026, when the school year 2026/2027 began: primary and junior secondary school
    const children = [
      { fullName: 'Petrus Tefa', birthDate: '2019-03-01', nik: nikOf('2019-03-01', 'M', 9003), relationship: 'CHILD', level: 'PRIMARY' },
      {
        fullName: 'Angelina Tefa',
        birthDate: '2013-04-10',
        nik: nikOf('2013-04-10', 'F', 9004),
        relationship: 'CHILD',
        level: 'JUNIOR_SECONDARY',
      },
    ];
    const named = await call(url.enrollment(), 'PUT', `/v1/workers/${driver.id}/heirs`, {
      body: {
        heirs: [wife, ...children].map(({ fullName, nik, relationship, birthDate }) => ({ fullName, nik, relationship, birthDate })),
      },
      headers: await as('enrollment-officer'),
    });
    expect(named.status).toBe(200);
    // he paid May (the step before): covered on the day of the accident
    expect(await coverage(driver.id!, '2027-05-18')).toMatchObject({ covered: true });

    await platform.setClock('2027-05-20T02:00:00Z');
    const widowsAccount = { bankCode: '002', accountNumber: '0987654321098', accountName: wife.fullName };
    const claimant = { fullName: wife.fullName, nik: wife.nik, relationship: wife.relationship, bankAccount: widowsAccount };
    const submitted = await call(url.claims(), 'POST', '/v1/claims', {
      body: {
        workerId: driver.id,
        type: 'JKK',
        incidentDate: '2027-05-18',
        claimant,
        details: { kind: 'DEATH', commuting: false },
        documents: [
          'MEMBERSHIP_CARD',
          'DECEASED_ID',
          'CLAIMANT_ID',
          'DEATH_CERTIFICATE',
          'FAMILY_CARD',
          'HEIR_CERTIFICATE',
          'MARRIAGE_BOOK',
          'BANK_ACCOUNT_BOOK',
          'ACCIDENT_REPORT',
          'DOCTOR_STATEMENT',
        ],
      },
      headers: { ...(await as('verifier')), 'idempotency-key': randomUUID() },
    });
    expect(submitted.status).toBe(201);
    const deathClaimId = submitted.body.id as string;
    // the heirs were named a moment ago: if claims has not heard of them yet, the claim waits for them
    const decided = await waitFor(async () => {
      const claim = (await call(url.claims(), 'GET', `/v1/claims/${deathClaimId}`, { headers: await as('auditor') })).body;
      return claim.status === 'SUBMITTED' ? claim : undefined;
    }, 'the JKK death claim decided');
    // 48 x the Rp1,000,000 bracket, the periodic Rp12,000,000 and the funeral Rp10,000,000; scholarships without a
    // minimum membership for a work accident
    const JKK_DEATH_BENEFIT = 70_000_000;
    expect(decided).toMatchObject({
      eligibility: { eligible: true, reasons: [] },
      benefit: { total: JKK_DEATH_BENEFIT, scholarship: { eligible: true, maxChildren: 2 } },
    });
    const verifier = await as('verifier');
    const approver = await as('approver');
    const decide = async (id: string) => {
      expect((await call(url.claims(), 'POST', `/v1/claims/${id}/verification`, { body: {}, headers: verifier })).status).toBe(200);
      expect((await call(url.claims(), 'POST', `/v1/claims/${id}/approval`, { body: {}, headers: approver })).body.status).toBe('APPROVED');
    };
    await decide(deathClaimId);

    // the first school year of each child, claimed with the school's proof, decided by the same two officers
    const amounts: Record<string, number> = { PRIMARY: 1_500_000, JUNIOR_SECONDARY: 2_000_000 };
    const scholarshipIds: string[] = [];
    for (const child of children) {
      const claimed = await call(url.claims(), 'POST', `/v1/claims/${deathClaimId}/scholarships`, {
        body: {
          child: { nik: child.nik },
          level: child.level,
          schoolYear: 2026,
          claimant,
          documents: ['MEMBERSHIP_CARD', 'CLAIMANT_ID', 'BANK_ACCOUNT_BOOK', 'FAMILY_CARD', 'SCHOOL_PROOF'],
        },
        headers: { ...verifier, 'idempotency-key': randomUUID() },
      });
      expect(claimed.status).toBe(201);
      expect(claimed.body).toMatchObject({
        kind: 'SCHOLARSHIP',
        eligibility: { eligible: true },
        benefit: { total: amounts[child.level] },
        scholarship: { deathClaimId, level: child.level, schoolYear: 2026 },
      });
      scholarshipIds.push(claimed.body.id);
      await decide(claimed.body.id);
    }

    const batch = expectStatus(
      await call(url.claims(), 'POST', '/v1/payout-batches', {
        body: {},
        headers: { ...(await as('finance')), 'idempotency-key': randomUUID() },
      }),
      201,
      'payout batch',
    ).body;
    const lines = batch.lines as Array<{ id: string; claimId: string; amount: number }>;
    expect(lines.map((l) => [l.claimId, l.amount]).sort()).toEqual(
      [[deathClaimId, JKK_DEATH_BENEFIT], ...children.map((c, i) => [scholarshipIds[i], amounts[c.level]])].sort(),
    );
    const results = await call(url.claims(), 'POST', `/v1/payout-batches/${batch.id}/results`, {
      body: { results: lines.map((l) => ({ lineId: l.id, status: 'PAID', bankReference: `NTT-${l.id.slice(0, 8)}` })) },
      headers: { ...(await as('finance-checker')), 'idempotency-key': randomUUID() },
    });
    expect(results.body).toMatchObject({ applied: 3, batch: { status: 'SETTLED' } });
    const paid = await waitFor(() => {
      const seen = events('claims.claim.paid', driver.id);
      return seen.length === 3 ? seen : undefined;
    }, 'the three transfers paid');
    expect(paid.map((e) => e.data.amount).sort((a, b) => a - b)).toEqual([1_500_000, 2_000_000, JKK_DEATH_BENEFIT]);

    // the paid death claim closes his membership too; a scholarship does not close anything
    await waitFor(async () => {
      const worker = (await call(url.enrollment(), 'GET', `/v1/workers/${driver.id}`, { headers: await as('enrollment-officer') })).body;
      return worker.status === 'DECEASED' && worker.diedOn === '2027-05-18';
    }, 'enrollment records his death');
    // announced through enrollment's outbox, once the relay's next round has it
    await waitFor(() => events('enrollment.worker.died', driver.id).length > 0, 'enrollment.worker.died on Kafka');
    expect(events('enrollment.worker.died', driver.id)).toHaveLength(1);

    const ledger = (await call(url.claims(), 'GET', '/v1/payout-ledger', { headers: await as('auditor') })).body;
    expect(ledger.balanced).toBe(true);
    const balance = (account: string) => ledger.accounts.find((a: { account: string }) => a.account === account)?.balance ?? 0;
    expect(balance('claimants-paid')).toBe(JKM_DEATH_BENEFIT + JKK_DEATH_BENEFIT + 1_500_000 + 2_000_000);
    expect(balance('payouts-reserved')).toBe(0);
  });
});
