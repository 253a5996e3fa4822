import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { Client } from 'pg';
import { call, expectStatus } from '../support/http-call';
import { as } from '../support/identity';
import { waitFor } from '../support/wait-for';
import { screenshot } from './support/console-browser';
import { ConsoleSession, periodText, rupiahText, textOf, UI_TIMEOUT_MS } from './support/console-session';
import { kupangNik } from './support/people';

/**
 * The console's workers and enrolment campaigns (issue 16) in Debian's Chromium against the real platform: a
 * field agent's CSV import with two refused rows, their file corrected and uploaded again, the workers found
 * by name; a worker's coverage month by month, payments and heirs; a deregistration by the enrollment officer, then
 * the worker's death recorded.
 */

const HEADER = 'nik,fullName,birthDate,phone,regionCode,occupation,declaredMonthlyIncome,programs';

/** Workers of Kota Kupang (5371), as a field agent's spreadsheet has them. */
const PEOPLE = [
  { fullName: 'Yohanes Nahak', birthDate: '1990-07-25', occupation: 'OJEK_DRIVER', income: 1_500_000 },
  { fullName: 'Maria Bili', birthDate: '1985-12-03', occupation: 'WEAVER', income: 1_200_000 },
  { fullName: 'Agustinus Lay', birthDate: '1979-02-14', occupation: 'FISHERMAN', income: 2_000_000 },
  { fullName: 'Fransiska Tefa', birthDate: '1995-05-30', occupation: 'MARKET_TRADER', income: 1_800_000 },
  { fullName: 'Kornelis Manu', birthDate: '1988-10-09', occupation: 'COURIER', income: 2_500_000 },
  { fullName: 'Dorkas Saba', birthDate: '1992-01-21', occupation: 'FARMER', income: 1_000_000 },
].map((person, index) => ({ ...person, nik: kupangNik(person.birthDate, 11 + index), phone: `08133000${String(index).padStart(4, '0')}` }));

const lineOf = (person: (typeof PEOPLE)[number], changes: { birthDate?: string; occupation?: string } = {}) =>
  [
    person.nik,
    person.fullName,
    changes.birthDate ?? person.birthDate,
    person.phone,
    '5371',
    changes.occupation ?? person.occupation,
    person.income,
    'JKK;JKM',
  ].join(',');

/** Row 3: a birth date one day off its NIK's. Row 5: an occupation the programme does not know. */
const UPLOADED_LINES = PEOPLE.map((person, index) =>
  index === 2 ? lineOf(person, { birthDate: '1979-02-15' }) : index === 4 ? lineOf(person, { occupation: 'ASTRONAUT' }) : lineOf(person),
);
const UPLOADED = `${HEADER}\n${UPLOADED_LINES.join('\n')}\n`;

const INVOICE_WORDS: Record<string, string> = { ISSUED: 'Terbit', PAID: 'Lunas', OVERDUE: 'Lewat jatuh tempo', VOID: 'Batal' };
const PAYER_WORDS: Record<string, string> = { WORKER: 'Pekerja', APBD: 'APBD', APBN: 'APBN', CSR: 'Program CSR' };

describe("the console's workers and enrolment campaigns, in a real browser against the platform", () => {
  const session = new ConsoleSession({
    databasePrefix: 'jaring_console_workers',
    firstPort: 14301,
    logFile: '.jaring/console-workers-platform.log',
  });
  const platform = session.platform;

  beforeAll(() => session.start(), 240_000);
  afterAll(() => session.stop());

  let page: Page;
  beforeEach(async () => {
    page = await session.newPage();
  });
  afterEach(() => session.closePages());

  /** An import's status as the enrollment office reads it, once it is no longer running. */
  async function finishedImport(id: string): Promise<any> {
    return waitFor(
      async () => {
        const { body } = await call(platform.url('enrollment'), 'GET', `/v1/worker-imports/${id}`, {
          headers: await as('enrollment-officer'),
        });
        return body.status === 'RUNNING' ? undefined : body;
      },
      `import ${id} finished`,
      60_000,
      250,
    );
  }

  /**
   * Holds enrollment's new workers back (a SHARE lock on its workers table, which an import's batch must insert
   * into) until released: an import stays RUNNING meanwhile, and its page can be seen following it.
   */
  async function holdEnrolments(): Promise<() => Promise<void>> {
    const client = new Client({ connectionString: platform.databaseUrl('enrollment') });
    await client.connect();
    await client.query('BEGIN');
    await client.query('LOCK TABLE workers IN SHARE MODE');
    return async () => {
      await client.query('COMMIT');
      await client.end();
    };
  }

  /** Uploads a file on the console's upload page and waits for the new import's page; its id. */
  async function uploadOnPage(name: string, content: string): Promise<string> {
    await page.getByLabel('Berkas CSV').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
    expect(await textOf(page, 'chosen-file')).toBe(name);
    await page.getByRole('button', { name: 'Unggah dan daftarkan' }).click();
    await page.waitForURL(/#\/worker-imports\/[0-9a-f-]{36}\/show$/);
    return /worker-imports\/([0-9a-f-]{36})\/show/.exec(page.url())![1];
  }

  /** The import's page once it shows the import done: its counts as the service has them, and its refused rows. */
  async function expectImportPage(imported: any): Promise<void> {
    await waitFor(async () => (await textOf(page, 'import-status')) === 'Selesai', 'the import page showing it done', UI_TIMEOUT_MS);
    expect(await textOf(page, 'import-progress')).toBe(`${imported.processed} dari ${imported.total} baris diperiksa`);
    for (const count of ['total', 'processed', 'enrolled', 'duplicates', 'failed']) {
      expect(await textOf(page, `import-${count}`)).toBe(String(imported[count]));
    }
  }

  it('an agent uploads a CSV with two bad rows, downloads them with their reasons, corrects and uploads them again; the workers are found by name', async () => {
    await session.signIn(page, 'agent.kupang', '#/worker-imports');
    expect(await textOf(page, 'next-step')).toContain('Belum ada unggahan.');
    await screenshot(page, 'worker-imports-empty');

    await page.getByRole('link', { name: 'Unggah CSV' }).first().click();
    await page.waitForURL(/#\/worker-imports\/create$/);
    expect(await textOf(page, 'import-columns')).toContain('declaredMonthlyIncome: penghasilan sebulan dalam rupiah');
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh templat CSV' }).click()]);
    expect(readFileSync(await template.path(), 'utf8')).toBe(`${HEADER}\n`);
    await screenshot(page, 'worker-import-upload');

    // the first upload, followed while it runs: four rows enrolled, two refused
    const release = await holdEnrolments();
    let firstId: string;
    try {
      firstId = await uploadOnPage('pekerja-kupang.csv', UPLOADED);
      expect(await textOf(page, 'import-status')).toBe('Sedang diproses');
      expect(await textOf(page, 'import-progress')).toBe('0 dari 6 baris diperiksa');
      await screenshot(page, 'worker-import-running');
    } finally {
      await release();
    }
    const first = await finishedImport(firstId);
    expect(first).toMatchObject({ status: 'DONE', total: 6, processed: 6, enrolled: 4, duplicates: 0, failed: 2 });
    expect(first.errors.map((error: any) => error.row)).toEqual([3, 5]);
    expect(first.errors[1]).toMatchObject({ row: 5, field: 'occupation' });
    await expectImportPage(first);
    const errorRows = page.getByTestId('import-errors').locator('tbody tr');
    await waitFor(async () => (await errorRows.count()) === first.errorsTotal, 'the refused rows on the page', UI_TIMEOUT_MS);
    for (const [index, error] of (first.errors as any[]).entries()) {
      expect((await errorRows.nth(index).innerText()).split('\t').map((cell) => cell.trim())).toEqual([
        String(error.row),
        error.field,
        error.reason,
      ]);
    }
    await screenshot(page, 'worker-import-refused');

    // the refused rows, as uploaded, with their reasons
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh baris yang ditolak' }).click(),
    ]);
    const refusedBytes = readFileSync(await download.path());
    expect(download.suggestedFilename()).toBe(`import-${firstId}-failed-rows.csv`);
    // byte for byte the service's file: UTF-8 with its byte order mark (for spreadsheets), lines ending in CRLF
    const fromService = await fetch(`${platform.url('enrollment')}/v1/worker-imports/${firstId}/failed-rows`, {
      headers: await as('enrollment-officer'),
    });
    expect(fromService.status).toBe(200);
    expect(refusedBytes.equals(Buffer.from(await fromService.arrayBuffer()))).toBe(true);
    expect([...refusedBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const refusedFile = refusedBytes.toString('utf8');
    const reasonsOf = (row: number) =>
      (first.errors as any[])
        .filter((error) => error.row === row)
        .map((error) => `${error.field}: ${error.reason}`)
        .join('; ');
    const refusedLines = refusedFile.slice(1).split('\r\n');
    expect(refusedLines).toHaveLength(4);
    expect(refusedLines[0]).toBe(`${HEADER},errors`);
    expect(refusedLines[1].startsWith(`${UPLOADED_LINES[2]},`)).toBe(true);
    expect(refusedLines[2].startsWith(`${UPLOADED_LINES[4]},`)).toBe(true);
    expect(refusedLines[3]).toBe('');
    expect(parse(refusedFile, { columns: true, bom: true })).toEqual([
      { ...recordOf(UPLOADED_LINES[2]), errors: reasonsOf(3) },
      { ...recordOf(UPLOADED_LINES[4]), errors: reasonsOf(5) },
    ]);

    // corrected in the file itself (the rest kept, the errors column too) and uploaded again: a new import
    const corrected = refusedFile.replace(',1979-02-15,', ',1979-02-14,').replace(',ASTRONAUT,', ',COURIER,');
    expect(corrected).not.toBe(refusedFile);
    // the services' clocks stand still in this test until moved: the second upload comes later than the first
    await platform.setClock(new Date().toISOString());
    await page.getByRole('link', { name: 'Unggah berkas yang sudah diperbaiki' }).click();
    await page.waitForURL(/#\/worker-imports\/create$/);
    const secondId = await uploadOnPage('pekerja-kupang-diperbaiki.csv', corrected);
    expect(secondId).not.toBe(firstId);
    const second = await finishedImport(secondId);
    expect(second).toMatchObject({
      status: 'DONE',
      total: 2,
      processed: 2,
      enrolled: 2,
      duplicates: 0,
      failed: 0,
      errors: [],
      errorsTotal: 0,
    });
    await expectImportPage(second);
    expect(await textOf(page, 'next-step')).toBe('Tidak ada baris yang ditolak.');
    expect(await page.getByRole('button', { name: 'Unduh baris yang ditolak' }).count()).toBe(0);
    await screenshot(page, 'worker-import-corrected');

    // the campaign's imports, newest first
    await page.getByRole('link', { name: 'Kembali ke daftar unggahan' }).click();
    const imports = page.getByTestId('imports').locator('tbody tr');
    await waitFor(async () => (await imports.count()) === 2, 'both imports listed', UI_TIMEOUT_MS);
    expect(await imports.nth(0).innerText()).toMatch(/Selesai\s+2\s+2\s+0\s+0/);
    expect(await imports.nth(1).innerText()).toMatch(/Selesai\s+6\s+4\s+0\s+2/);
    await screenshot(page, 'worker-imports');

    // every worker is enrolled; one is found by name words, in any case
    await page.goto(`${session.url}/#/workers`);
    const rows = page.locator('tbody tr');
    await waitFor(async () => (await rows.count()) === PEOPLE.length, 'the six workers listed', UI_TIMEOUT_MS);
    await page.getByLabel('Cari: nama, nomor kepesertaan atau NIK').fill('fransiska');
    await waitFor(async () => (await rows.count()) === 1, 'one worker found', UI_TIMEOUT_MS);
    const found = await rows.first().innerText();
    expect(found).toContain('Fransiska Tefa');
    expect(found).toContain(`************${PEOPLE[3].nik.slice(-4)}`);
    await screenshot(page, 'workers-search');

    // an agent reads a worker's page and may not deregister
    await rows.first().click();
    await page.waitForURL(/#\/workers\/[0-9a-f-]{36}\/show$/);
    await page.getByRole('link', { name: 'Kembali ke daftar pekerja' }).waitFor();
    await waitFor(async () => (await page.locator('main').innerText()).includes('Fransiska Tefa'), 'the worker page', UI_TIMEOUT_MS);
    expect(await page.getByRole('button', { name: 'Keluarkan dari program' }).count()).toBe(0);

    // the auditor reads every import and may start none
    const auditor = await session.newPage();
    await session.signIn(auditor, 'auditor', '#/worker-imports');
    const audited = auditor.getByTestId('imports').locator('tbody tr');
    await waitFor(async () => (await audited.count()) === 2, 'both imports listed for the auditor', UI_TIMEOUT_MS);
    expect(await auditor.getByRole('link', { name: 'Unggah CSV' }).count()).toBe(0);
    await audited.first().click();
    await auditor.getByTestId('import-status').waitFor();
    expect(await auditor.getByRole('link', { name: 'Unggah CSV' }).count()).toBe(0);
  });

  it("a worker's page shows the coverage timeline, the payment and the heirs as the services answer; the enrollment officer deregisters the worker, then records his death", async () => {
    const officer = await as('enrollment-officer');
    // a worker of the agent's, with a wife and a son as heirs
    const worker = expectStatus(
      await call(platform.url('enrollment'), 'POST', '/v1/workers', {
        headers: await as('agent-5371'),
        body: {
          nik: kupangNik('1987-04-17', 41),
          fullName: 'Benediktus Nahak',
          birthDate: '1987-04-17',
          phone: '081330009999',
          regionCode: '5371',
          occupation: 'OJEK_DRIVER',
          declaredMonthlyIncome: 1_500_000,
          programs: ['JKK', 'JKM'],
          heirs: [
            { fullName: 'Elisabeth Nahak', nik: kupangNik('1992-03-08', 42), relationship: 'SPOUSE', birthDate: '1992-03-08' },
            { fullName: 'Paulus Nahak', nik: kupangNik('2015-06-01', 43), relationship: 'CHILD', birthDate: '2015-06-01' },
          ],
        },
      }),
      201,
      'registration',
    ).body;

    // the first month paid through Bank NTT
    const invoice = await waitFor(
      async () => {
        const answer = await call(platform.url('contributions'), 'GET', `/v1/workers/${worker.id}/invoices`, { headers: officer });
        return answer.status === 200 ? answer.body.items[0] : undefined;
      },
      "the worker's first invoice",
      60_000,
      250,
    );
    const externalReference = `NTT-${randomUUID()}`;
    const payment = expectStatus(
      await call(platform.url('contributions'), 'POST', '/v1/payments', {
        headers: { ...(await as('channel-bank-ntt')), 'idempotency-key': randomUUID() },
        body: { workerId: worker.id, amount: invoice.amount, externalReference },
      }),
      201,
      'payment',
    ).body;

    await session.signIn(page, 'enrollment.officer', `#/workers/${worker.id}/show`);
    await page.getByTestId('timeline').waitFor();
    const months = page.locator('[data-testid^="month-"]');
    const shown: string[] = [];
    for (const card of await months.all()) shown.push((await card.getAttribute('data-testid'))!.slice('month-'.length));
    expect(shown).toHaveLength(12);
    const timeline = expectStatus(
      await call(platform.url('contributions'), 'GET', `/v1/workers/${worker.id}/coverage-timeline?from=${shown[0]}&to=${shown[11]}`, {
        headers: officer,
      }),
      200,
      'timeline',
    ).body;
    expect(timeline.months.map((month: any) => month.period)).toEqual(shown);
    const paid = timeline.months.find((month: any) => month.period === invoice.period);
    expect(paid).toMatchObject({
      covered: true,
      invoiceStatus: 'PAID',
      amount: invoice.amount,
      paidBy: [{ payer: 'WORKER', amount: invoice.amount }],
    });
    for (const month of timeline.months) {
      const words = [
        periodText(month.period),
        month.covered ? 'Terlindungi' : 'Tidak terlindungi',
        month.invoiceStatus ? `${INVOICE_WORDS[month.invoiceStatus]}: ${rupiahText(month.amount)}` : 'Belum ada tagihan',
        ...month.paidBy.map((part: any) => `${PAYER_WORDS[part.payer]}: ${rupiahText(part.amount)}`),
        ...(month.invoiceStatus && !month.paidBy.length ? ['Belum dibayar'] : []),
      ];
      expect(await textOf(page, `month-${month.period}`)).toBe(words.join(' '));
    }

    // the payment, and the heirs with their NIKs masked
    const payments = page.getByTestId('payments').locator('tbody tr');
    await payments.first().waitFor();
    expect(await payments.count()).toBe(1);
    const paymentRow = await payments.first().innerText();
    for (const text of [
      rupiahText(payment.amount),
      'BANK_NTT',
      externalReference,
      `${periodText(invoice.period)}: ${rupiahText(invoice.amount)}`,
    ]) {
      expect(paymentRow).toContain(text);
    }
    const heirs = expectStatus(
      await call(platform.url('enrollment'), 'GET', `/v1/workers/${worker.id}`, { headers: officer }),
      200,
      'worker',
    ).body.heirs as any[];
    const heirRows = page.getByTestId('heirs').locator('tbody tr');
    expect(await heirRows.count()).toBe(2);
    const relationshipWords: Record<string, string> = { SPOUSE: 'Suami atau istri', CHILD: 'Anak' };
    for (const heir of heirs) {
      expect(heir.nik).toMatch(/^\*{12}\d{4}$/);
      const row = heirRows.filter({ hasText: heir.fullName });
      expect(
        (await row.innerText())
          .split('\t')
          .map((cell) => cell.trim())
          .slice(0, 4),
      ).toEqual([heir.fullName, heir.nik, relationshipWords[heir.relationship], String(heir.tier)]);
    }
    await screenshot(page, 'worker-timeline');

    // the officer deregisters the worker, with a reason and a confirmation
    await page.getByRole('button', { name: 'Keluarkan dari program' }).click();
    const dialog = page.getByRole('dialog', { name: 'Keluarkan pekerja ini dari program?' });
    await dialog.waitFor();
    expect(await dialog.getByRole('button', { name: 'Ya, keluarkan' }).isDisabled()).toBe(true);
    await dialog.getByRole('combobox', { name: 'Alasan' }).click();
    await page.getByRole('option', { name: 'Atas permintaan pekerja' }).click();
    await screenshot(page, 'worker-deregister-dialog');
    await dialog.getByRole('button', { name: 'Ya, keluarkan' }).click();
    await dialog.waitFor({ state: 'detached' });
    const status = page.locator('.ra-field-status');
    await waitFor(
      async () => (await status.innerText()).replace(/\s+/g, ' ').trim() === 'Status Keluar',
      'the page showing the worker left',
      UI_TIMEOUT_MS,
    );
    const left = expectStatus(
      await call(platform.url('enrollment'), 'GET', `/v1/workers/${worker.id}`, { headers: officer }),
      200,
      'worker',
    ).body;
    expect(left).toMatchObject({ status: 'DEREGISTERED', deregisteredOn: expect.any(String) });
    expect(await page.locator('main').innerText()).toContain('Keluar pada');
    expect(await page.getByRole('button', { name: 'Keluarkan dari program' }).count()).toBe(0);
    await screenshot(page, 'worker-deregistered');

    // he then dies: the officer records the death (the date and the death certificate number) on the same page
    const diedOn = left.registeredOn as string;
    await page.getByRole('button', { name: 'Catat kematian' }).click();
    const deathDialog = page.getByRole('dialog', { name: 'Catat kematian pekerja ini?' });
    await deathDialog.waitFor();
    expect(await deathDialog.getByRole('button', { name: 'Ya, catat kematian' }).isDisabled()).toBe(true);
    await deathDialog.getByLabel('Tanggal meninggal').fill(diedOn);
    await deathDialog.getByLabel('Nomor akta kematian').fill('5371-KM-0042');
    await screenshot(page, 'worker-record-death-dialog');
    await deathDialog.getByRole('button', { name: 'Ya, catat kematian' }).click();
    await deathDialog.waitFor({ state: 'detached' });
    await waitFor(
      async () => (await status.innerText()).replace(/\s+/g, ' ').trim() === 'Status Meninggal dunia',
      'the page showing the worker deceased',
      UI_TIMEOUT_MS,
    );
    const deceased = expectStatus(
      await call(platform.url('enrollment'), 'GET', `/v1/workers/${worker.id}`, { headers: officer }),
      200,
      'worker',
    ).body;
    expect(deceased).toMatchObject({ status: 'DECEASED', diedOn, deregisteredOn: left.deregisteredOn, death: { source: 'BACK_OFFICE' } });
    expect(await page.locator('main').innerText()).toContain('Meninggal pada');
    expect(await page.getByRole('button', { name: 'Catat kematian' }).count()).toBe(0);
    await screenshot(page, 'worker-deceased');
  });
});

/** A line of the uploaded file as the CSV's records are read: column name to text. */
function recordOf(line: string): Record<string, string> {
  const names = HEADER.split(',');
  const cells = line.split(',');
  return Object.fromEntries(names.map((name, index) => [name, cells[index]]));
}
