import type { Page } from 'playwright-core';
import { DEVELOPMENT_USERS } from '../../deploy/local/oidc/development-identities';
import { call, expectStatus } from '../support/http-call';
import { as } from '../support/identity';
import { waitFor } from '../support/wait-for';
import { screenshot } from './support/console-browser';
import { ConsoleSession, periodText, rupiahText, textOf, UI_TIMEOUT_MS } from './support/console-session';
import { registerWorker } from './support/console-workers';

/**
 * The back-office console (issue 16) in Debian's Chromium against the real platform (support/console-session.ts):
 * the calculator, and an agent's sign-in, workers and sign-out.
 */

describe('the back-office console, in a real browser against the platform', () => {
  const session = new ConsoleSession({ databasePrefix: 'jaring_console', firstPort: 14101, logFile: '.jaring/console-platform.log' });
  const platform = session.platform;
  /** a worker of Kota Kupang (5371) and one of Timor Tengah Utara (5303), registered by their regions' agents */
  const kupang = { id: '', membershipNumber: '', nik: '' };
  const ttu = { id: '', membershipNumber: '', nik: '' };

  beforeAll(async () => {
    await session.start();
    for (const [worker, client, regionCode, serial] of [
      [kupang, 'agent-5371', '5371', 1],
      [ttu, 'agent-5303', '5303', 2],
    ] as const) {
      const registered = await registerWorker(platform, client, {
        serial,
        fullName: serial === 1 ? 'Yohanes Nahak' : 'Maria Tefa',
        regionCode,
        occupation: 'OJEK_DRIVER',
        declaredMonthlyIncome: 1_500_000,
      });
      Object.assign(worker, { id: registered.id, membershipNumber: registered.membershipNumber, nik: registered.nik });
    }
  }, 240_000);

  afterAll(() => session.stop());

  let page: Page;
  beforeEach(async () => {
    page = await session.newPage();
  });
  afterEach(() => session.closePages());

  it('the calculator, without signing in, shows what the contribution and benefit endpoints answer', async () => {
    const quote = expectStatus(
      await call(
        platform.url('contributions'),
        'GET',
        '/v1/contribution-quotes?declaredMonthlyIncome=1000000&programs=JKK,JKM&occupation=OTHER&payer=APBD',
      ),
      200,
      'quote',
    ).body;
    // an APBD-paid month is never discounted (docs/rules.md): JKK 1% of the lowest bracket, Rp1,000,000, + JKM Rp6,800
    expect(quote.total).toBe(16_800);

    await page.goto(`${session.url}/#/calculator`);
    const quoteForm = page.getByRole('form', { name: 'Iuran sebulan' });
    await quoteForm.getByLabel('Penghasilan sebulan (rupiah)').fill('1000000');
    await quoteForm.getByRole('combobox', { name: 'Dibayar oleh' }).click();
    await page.getByRole('option', { name: 'APBD', exact: true }).click();
    await quoteForm.getByRole('button', { name: 'Hitung iuran' }).click();
    expect(await textOf(page, 'quote-total')).toBe('Jumlah iuran: Rp16.800');
    for (const line of quote.lines) {
      expect(await textOf(page, `quote-line-${line.program}`)).toContain(rupiahText(line.amount));
    }

    const estimate = expectStatus(
      await call(platform.url('claims'), 'GET', '/v1/benefit-estimates?type=JKM&kind=DEATH&membershipMonths=12'),
      200,
      'estimate',
    ).body;
    const estimateForm = page.getByRole('form', { name: 'Manfaat bagi keluarga' });
    await estimateForm.getByLabel('Lama kepesertaan (bulan)').fill('12');
    await estimateForm.getByRole('button', { name: 'Hitung manfaat' }).click();
    expect(await textOf(page, 'estimate-total')).toBe(`Jumlah manfaat: ${rupiahText(estimate.benefit.total)}`);
    for (const component of estimate.benefit.components) {
      expect(await textOf(page, `estimate-component-${component.code}`)).toBe(`${component.name} ${rupiahText(component.amount)}`);
    }
    await screenshot(page, 'calculator');

    // English is an option; money and dates stay Indonesian
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    // react-admin renders the pages afresh in the new language: the form starts over
    const englishQuote = page.getByRole('form', { name: "A month's contribution" });
    await englishQuote.getByLabel('Monthly income (rupiah)').fill('1000000');
    await englishQuote.getByRole('combobox', { name: 'Paid by' }).click();
    await page.getByRole('option', { name: 'APBD (regional budget)', exact: true }).click();
    await englishQuote.getByRole('button', { name: 'Calculate the contribution' }).click();
    expect(await textOf(page, 'quote-total')).toBe('Total contribution: Rp16.800');
    await screenshot(page, 'calculator-en');
  });

  it("an agent of 5371 signs in, finds the worker of 5371 and not the worker of 5303, opens the worker's page, and signs out", async () => {
    // the first invoice is issued when contributions hears of the registration (through Kafka)
    const invoices = await waitFor(
      async () => {
        const answer = await call(platform.url('contributions'), 'GET', `/v1/workers/${kupang.id}/invoices`, {
          headers: await as('agent-5371'),
        });
        return answer.status === 200 && answer.body.items.length > 0 ? answer.body.items : undefined;
      },
      "the Kupang worker's first invoice",
      60_000,
      250,
    );

    await page.goto(`${session.url}/#/workers`);
    await page.waitForURL(`${session.url}/#/login`);
    await screenshot(page, 'login');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/interaction\//);
    await screenshot(page, 'sign-in');
    const agent = DEVELOPMENT_USERS.find((user) => user.username === 'agent.kupang')!;
    await page.getByLabel('Username').fill(agent.username);
    await page.getByLabel('Password').fill(agent.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${session.url}/#/workers**`);

    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    const row = await rows.first().innerText();
    expect(row).toContain(kupang.membershipNumber);
    expect(row).toContain(kupang.nik); // masked by the service: ************0001
    expect(kupang.nik).toMatch(/^\*{12}\d{4}$/);
    expect(await page.locator('body').innerText()).not.toContain(ttu.membershipNumber);
    await screenshot(page, 'workers');

    // looking for the other region by its code finds nothing, and says what to do next
    await page.getByLabel('Wilayah').fill('5303');
    expect(await textOf(page, 'next-step')).toBe(
      'Tidak ada pekerja dengan pencarian atau filter ini. Ubah kata pencarian, wilayah atau status, atau hapus filter.',
    );
    expect(await page.locator('body').innerText()).not.toContain(ttu.membershipNumber);
    await screenshot(page, 'workers-other-region');

    // the worker's page: status, coverage and the invoices
    await page.goto(`${session.url}/#/workers/${kupang.id}/show`);
    await page.getByTestId('coverage').waitFor();
    const body = () => page.locator('main').innerText();
    // the invoices' own table (the coverage month by month names the month too)
    const invoiceTable = page.getByTestId('invoices');
    await waitFor(
      async () => (await invoiceTable.count()) === 1 && (await invoiceTable.innerText()).includes(periodText(invoices[0].period)),
      'the first invoice on the page',
      UI_TIMEOUT_MS,
    );
    expect(await invoiceTable.innerText()).toContain(rupiahText(invoices[0].amount));
    const shown = await body();
    expect(shown).toContain(kupang.membershipNumber);
    expect(shown).toContain('Menunggu pembayaran');
    expect(await page.getByTestId('coverage').innerText()).toContain('Tidak terlindungi hari ini');
    await screenshot(page, 'worker');

    // the worker of 5303 by its address: the enrollment service's answer, in words
    const refused = await call(platform.url('enrollment'), 'GET', `/v1/workers/${ttu.id}`, { headers: await as('agent-5371') });
    expect(refused.status).toBe(404);
    await page.goto(`${session.url}/#/workers/${ttu.id}/show`);
    const problem = await textOf(page, 'problem');
    expect(problem).toContain('Layanan menjawab dengan kesalahan');
    expect(problem).toContain(refused.body.detail);
    expect(problem).not.toContain(ttu.membershipNumber);
    await screenshot(page, 'worker-other-region');

    // sign-out ends the provider's session too: the next sign-in asks for the password again
    await page.getByRole('button', { name: 'Profil' }).click();
    await page.getByRole('menuitem', { name: 'Keluar' }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${session.url}/#/login`);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/interaction\//);
    expect(await page.getByLabel('Username').inputValue()).toBe('');
  });
});
