import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { call, expectStatus } from '../support/http-call';
import { as, personTokenOf } from '../support/identity';
import { waitFor } from '../support/wait-for';
import { screenshot } from './support/console-browser';
import { ConsoleSession, rupiahText, textOf } from './support/console-session';
import { registerWorker } from './support/console-workers';

/**
 * The programmes in the back-office console (issue 16), in Debian's Chromium against the real platform: a funder's
 * staff sign in and see their own funder's programme, its figures and its impact report exactly as the subsidies
 * service answers them, and another funder's programme refused in words; the programme officer sees every funder's.
 *
 * On 2 November 2026 the programme officer registers the province of NTT (code PEMPROV-NTT) and a CSR foundation
 * (CSR-NUSANTARA), each with an automatic programme: the province's for Kota Kupang (5371), the foundation's for
 * Timor Tengah Utara (5303). Workers enrol in both regions; each programme sponsors its own as they register and
 * pays their November.
 */

const START = '2026-11-02T02:00:00Z';
/** JKK 1% of the Rp1,000,000 bracket + JKM Rp6,800: an APBD month; PP 50/2025 halves a CSR-paid one until December. */
const FULL = 16_800;
const HALF = 8_400;

/** Who enrols: three workers of Kota Kupang, two of Timor Tengah Utara. */
const WORKERS = [
  { regionCode: '5371', occupation: 'OJEK_DRIVER', fullName: 'Yohanes Nahak' },
  { regionCode: '5371', occupation: 'OJEK_DRIVER', fullName: 'Marthen Bili' },
  { regionCode: '5371', occupation: 'WEAVER', fullName: 'Theresia Tefa' },
  { regionCode: '5303', occupation: 'MARKET_TRADER', fullName: 'Ursula Seran' },
  { regionCode: '5303', occupation: 'MARKET_TRADER', fullName: 'Petrus Lake' },
];

interface Funded {
  funderId: string;
  funderName: string;
  programme: { id: string; name: string };
}

describe('the programmes in the console, in a real browser against the platform', () => {
  const session = new ConsoleSession({
    databasePrefix: 'jaring_console_programmes',
    firstPort: 14401,
    logFile: '.jaring/console-programmes-platform.log',
    startAt: START,
  });
  const platform = session.platform;
  const subsidies = () => platform.url('subsidies');
  let ntt: Funded;
  let csr: Funded;

  /** GET on subsidies as a development user (a person signed in through the login form), as the console calls it. */
  async function asPerson(username: string, path: string) {
    return call(subsidies(), 'GET', path, { headers: { authorization: `Bearer ${await personTokenOf(username)}` } });
  }

  async function fund(funder: Record<string, unknown>, programme: Record<string, unknown>): Promise<Funded> {
    const officer = await as('programme-officer');
    const registered = expectStatus(await call(subsidies(), 'POST', '/v1/funders', { body: funder, headers: officer }), 201, 'funder').body;
    const opened = expectStatus(
      await call(subsidies(), 'POST', '/v1/programmes', {
        body: {
          funderId: registered.id,
          programs: ['JKK', 'JKM'],
          coverageMonths: 3,
          startsOn: '2026-11-01',
          endsOn: '2027-06-30',
          selection: 'AUTOMATIC',
          ...programme,
        },
        headers: { ...officer, 'idempotency-key': randomUUID() },
      }),
      201,
      'programme',
    ).body;
    return { funderId: registered.id, funderName: registered.name, programme: { id: opened.id, name: opened.name } };
  }

  beforeAll(async () => {
    await session.start();
    ntt = await fund(
      { name: 'Pemerintah Provinsi Nusa Tenggara Timur', type: 'APBD_PROVINCE', regionCode: '53', code: 'PEMPROV-NTT' },
      { name: 'Stimulus BPU Kota Kupang', budget: 25_000_000, eligibility: { regions: ['5371'] } },
    );
    csr = await fund(
      { name: 'Yayasan CSR Nusantara', type: 'CSR', code: 'CSR-NUSANTARA' },
      { name: 'Peduli Pedagang TTU', budget: 10_000_000, eligibility: { regions: ['5303'] } },
    );
    for (const [index, worker] of WORKERS.entries()) {
      await registerWorker(platform, 'enrollment-officer', { ...worker, serial: index + 1, declaredMonthlyIncome: 1_000_000 });
    }
    // each programme sponsors its region's workers as they register, and pays their November (through Kafka)
    for (const [funded, workers, month] of [
      [ntt, 3, FULL],
      [csr, 2, HALF],
    ] as const) {
      await waitFor(
        async () => {
          const { body } = await call(subsidies(), 'GET', `/v1/programmes/${funded.programme.id}`, { headers: await as('auditor') });
          return body.sponsoredWorkers === workers && body.spent === workers * month;
        },
        `${funded.programme.name}: ${workers} workers sponsored, their November paid`,
        90_000,
        250,
      );
    }
  }, 300_000);

  afterAll(() => session.stop());

  let page: Page;
  beforeEach(async () => {
    page = await session.newPage();
  });
  afterEach(() => session.closePages());

  /** The cells of each row of the list on the page, once it shows `rows` rows with their funders' names. */
  async function listRows(rows: number, funderName: string): Promise<string[][]> {
    const body = page.locator('tbody tr');
    await waitFor(
      async () => (await body.count()) === rows && (await page.locator('tbody').innerText()).includes(funderName),
      `${rows} rows`,
    );
    return Promise.all((await body.all()).map(async (row) => (await row.locator('td').allInnerTexts()).map((text) => text.trim())));
  }

  const listCells = (programme: any, funderName: string) => [
    programme.name,
    funderName,
    rupiahText(programme.budget),
    rupiahText(programme.reserved),
    rupiahText(programme.spent),
    rupiahText(programme.remaining),
    String(programme.sponsoredWorkers),
  ];

  it("a funder's staff sign in, see only their funder's programme, open it: its figures and impact report as the service answers them", async () => {
    await session.signIn(page, 'funder.ntt', '#/programmes');
    const own = expectStatus(await asPerson('funder.ntt', `/v1/programmes/${ntt.programme.id}`), 200, 'own programme').body;
    expect(own).toMatchObject({ sponsoredWorkers: 3, spent: 3 * FULL, reserved: 3 * 2 * FULL, remaining: 25_000_000 - 3 * 3 * FULL });
    expect(await listRows(1, ntt.funderName)).toEqual([listCells(own, ntt.funderName)]);
    expect(await page.locator('main').innerText()).not.toContain(csr.programme.name);
    await screenshot(page, 'programmes-funder');

    await page.getByRole('cell', { name: ntt.programme.name }).click();
    await page.waitForURL(`${session.url}/#/programmes/${ntt.programme.id}/show`);
    await page.getByTestId('report-asOf').waitFor();
    const programme = expectStatus(await asPerson('funder.ntt', `/v1/programmes/${ntt.programme.id}`), 200, 'programme').body;
    const report = expectStatus(await asPerson('funder.ntt', `/v1/programmes/${ntt.programme.id}/report`), 200, 'report').body;
    expect(report).toMatchObject({ workersProtected: 3, monthsPaid: 3, contributionsPaid: 3 * FULL });

    expect(await textOf(page, 'programme-name')).toBe(programme.name);
    expect(await textOf(page, 'programme-funder')).toBe(ntt.funderName);
    for (const figure of ['budget', 'reserved', 'spent', 'remaining'] as const) {
      expect({ figure, shown: await textOf(page, `programme-${figure}`) }).toEqual({ figure, shown: rupiahText(programme[figure]) });
    }
    expect(await textOf(page, 'programme-sponsoredWorkers')).toBe(String(programme.sponsoredWorkers));
    expect(programme.exhaustedOn).toBeNull();
    expect(await textOf(page, 'programme-exhaustedOn')).toBe('Belum habis');

    expect(await textOf(page, 'report-asOf')).toBe('Angka per 2 November 2026');
    expect(report.asOf).toBe('2026-11-02');
    expect(await textOf(page, 'report-workersProtected')).toBe(String(report.workersProtected));
    expect(await textOf(page, 'report-monthsPaid')).toBe(String(report.monthsPaid));
    expect(await textOf(page, 'report-contributionsPaid')).toBe(rupiahText(report.contributionsPaid));
    expect(await textOf(page, 'report-activeSponsorships')).toBe(String(report.activeSponsorships));
    expect(await textOf(page, 'report-endedByDeregistration')).toBe(String(report.endedByDeregistration));
    for (const part of ['spent', 'reserved', 'remaining'] as const) {
      expect(await textOf(page, `report-budget-${part}`)).toBe(rupiahText(report.budget[part]));
    }
    expect(report.byRegion).toEqual([{ regionCode: '5371', workers: 3 }]);
    for (const { regionCode, workers } of report.byRegion) expect(await textOf(page, `report-region-${regionCode}`)).toBe(String(workers));
    expect(report.byOccupation).toHaveLength(2);
    for (const { occupation, workers } of report.byOccupation) {
      expect(await textOf(page, `report-occupation-${occupation}`)).toBe(String(workers));
    }
    expect(await page.getByTestId('report-occupation').innerText()).toContain('Pengemudi ojek');
    // nobody has claimed, nobody's sponsorship has run out yet: the report says so rather than drawing nothing
    expect(report.claims).toEqual({ claims: 0, amount: 0, byKind: [] });
    expect(await textOf(page, 'report-claims-empty')).toBe('Belum ada klaim yang dibayar kepada pekerja program ini atau keluarganya.');
    expect(report.retention).toEqual({ handedOver: 0, keptPaying: 0, keptPayingPercent: 0 });
    expect(await textOf(page, 'report-retention-empty')).toBe('Belum ada pekerja yang sponsornya selesai.');
    // the charts are drawn (SVG), beside their tables
    for (const chart of ['budget', 'region', 'occupation'])
      expect(await page.getByTestId(`report-${chart}`).locator('svg').count()).toBeGreaterThan(0);
    await screenshot(page, 'programme');

    // the other funder's programme by its address: the service's 403 in words, and none of its figures
    const refused = await asPerson('funder.ntt', `/v1/programmes/${csr.programme.id}`);
    expect(refused).toMatchObject({ status: 403, body: { type: 'https://jaring.id/problems/other-funder' } });
    const theirs = expectStatus(
      await call(subsidies(), 'GET', `/v1/programmes/${csr.programme.id}`, { headers: await as('auditor') }),
      200,
      'theirs',
    ).body;
    await page.goto(`${session.url}/#/programmes/${csr.programme.id}/show`);
    const problem = await textOf(page, 'problem');
    expect(problem).toContain('Layanan menjawab dengan kesalahan');
    // the service's detail, as a sentence
    expect(problem).toContain(refused.body.detail.replace(/^./, (first: string) => first.toUpperCase()));
    const shown = await page.locator('main').innerText();
    for (const secret of [theirs.name, rupiahText(theirs.budget), rupiahText(theirs.spent)]) expect(shown).not.toContain(secret);
    await screenshot(page, 'programme-other-funder');
  });

  it("the programme officer sees every funder's programmes, and one funder's by the filter", async () => {
    await session.signIn(page, 'programme.officer', '#/programmes');
    const officer = { authorization: `Bearer ${await personTokenOf('programme.officer')}` };
    const [nttProgramme, csrProgramme] = await Promise.all(
      [ntt, csr].map(
        async (funded) =>
          expectStatus(await call(subsidies(), 'GET', `/v1/programmes/${funded.programme.id}`, { headers: officer }), 200, 'programme')
            .body,
      ),
    );
    expect(await listRows(2, csr.funderName)).toEqual([listCells(nttProgramme, ntt.funderName), listCells(csrProgramme, csr.funderName)]);
    await screenshot(page, 'programmes');

    await page.getByRole('combobox', { name: 'Pemberi dana' }).click();
    await page.getByRole('option', { name: csr.funderName }).click();
    await waitFor(async () => !(await page.locator('tbody').innerText()).includes(ntt.programme.name), 'the filtered list');
    expect(await listRows(1, csr.funderName)).toEqual([listCells(csrProgramme, csr.funderName)]);
  });
});
