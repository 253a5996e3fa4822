import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { requiredDocuments } from '../../apps/claims/src/domain/required-documents';
import { call, expectStatus } from '../support/http-call';
import { as, personTokenOf } from '../support/identity';
import { waitFor } from '../support/wait-for';
import { screenshot } from './support/console-browser';
import { ConsoleSession, rupiahText, textOf, UI_TIMEOUT_MS } from './support/console-session';
import { nikOf, registerWorker } from './support/console-workers';

/**
 * The claims back office in the console (issue 16), in Debian's Chromium against the real platform: a member of
 * Kota Kupang who paid his months since March dies in July; his widow's death claim is taken in with every
 * document. Officer A verifies it and is offered no approval (maker-checker), officer B approves it, finance makes
 * a payout batch and downloads the bank file, a second finance officer uploads the bank's results (four eyes: the
 * batch's maker may not), and the widow is paid; the payout ledger balances. The claim is set up through the public APIs, as the Kupang story does; the decisions are taken in the
 * browser.
 */

const MONTHS = ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07'];
const WIDOW = { fullName: 'Maria Nahak', nik: nikOf('1992-05-25', 12, 'F'), relationship: 'SPOUSE', birthDate: '1992-05-25' };
const BANK_ACCOUNT = { bankCode: '002', accountNumber: '0123456789012', accountName: 'Maria Nahak' };
/** Every document a widow's JKM death claim needs (docs/rules.md, "Documents"). */
const DOCUMENTS = requiredDocuments('JKM', 'DEATH', { relationship: 'SPOUSE' });

describe('the claims back office in the console: the queue, maker-checker, a payout batch and the bank, in a real browser', () => {
  const session = new ConsoleSession({
    databasePrefix: 'jaring_console_claims',
    firstPort: 14201,
    logFile: '.jaring/console-claims-platform.log',
    // Monday 2 March 2026: the member joins, then pays his months
    startAt: '2026-03-02T02:00:00Z',
  });
  const platform = session.platform;
  let workerId = '';
  /** The widow's claim as the service answered its submission. */
  let claim: { id: string; benefit: { total: number; components: Array<{ code: string; amount: number }> } };
  const reference = () => `Klaim ${claim.id.slice(0, 8)}`;

  async function invoiceOf(period: string): Promise<{ amount: number }> {
    return waitFor(
      async () => {
        const answer = await call(platform.url('contributions'), 'GET', `/v1/workers/${workerId}/invoices`, {
          headers: await as('agent-5371'),
        });
        return answer.body?.items?.find(
          (invoice: { period: string; status: string }) => invoice.period === period && invoice.status === 'ISSUED',
        );
      },
      `the ${period} invoice`,
      60_000,
      250,
    );
  }

  /** Waits until the claims service has heard (from contributions' events) that the member is covered in a period. */
  async function claimsKnowsCovered(period: string): Promise<void> {
    const database = new Client({ connectionString: platform.databaseUrl('claims') });
    await database.connect();
    try {
      await waitFor(
        async () =>
          (
            await database.query(`SELECT 1 FROM coverage_periods WHERE worker_id = $1 AND 'JKM' = ANY (programs) AND period = $2`, [
              workerId,
              period,
            ])
          ).rowCount === 1,
        `the claims service knows the ${period} coverage`,
        60_000,
        250,
      );
    } finally {
      await database.end();
    }
  }

  beforeAll(async () => {
    await session.start();
    const worker = {
      serial: 11,
      fullName: 'Yohanes Nahak',
      regionCode: '5371',
      occupation: 'OJEK_DRIVER',
      declaredMonthlyIncome: 1_500_000,
    };
    workerId = (await registerWorker(platform, 'agent-5371', { ...worker, heirs: [WIDOW] })).id;
    // he pays each month on the first (Bank NTT takes the money)
    for (const period of MONTHS) {
      if (period !== MONTHS[0]) await platform.setClock(`${period}-01T02:00:00Z`);
      const invoice = await invoiceOf(period);
      expectStatus(
        await call(platform.url('contributions'), 'POST', '/v1/payments', {
          headers: { ...(await as('channel-bank-ntt')), 'idempotency-key': randomUUID() },
          body: { workerId, amount: invoice.amount, externalReference: `NTT-${randomUUID()}` },
        }),
        201,
        `the ${period} payment`,
      );
    }
    await claimsKnowsCovered('2026-07');

    // Monday 20 July: he died on Friday; his widow brings every document to the office, where a verifier takes the claim in
    await platform.setClock('2026-07-20T02:00:00Z');
    claim = expectStatus(
      await call(platform.url('claims'), 'POST', '/v1/claims', {
        headers: await as('verifier'),
        body: {
          workerId,
          type: 'JKM',
          incidentDate: '2026-07-17',
          claimant: { fullName: WIDOW.fullName, nik: WIDOW.nik, relationship: 'SPOUSE', bankAccount: BANK_ACCOUNT },
          details: { kind: 'DEATH', causeOfDeath: 'illness' },
          documents: DOCUMENTS,
        },
      }),
      201,
      'the death claim',
    ).body;
    expect(claim).toMatchObject({ status: 'SUBMITTED', eligibility: { eligible: true }, dueOn: '2026-07-23' });
  }, 300_000);

  afterAll(() => session.stop());

  let page: Page;
  beforeEach(async () => {
    page = await session.newPage();
  });
  afterEach(() => session.closePages());

  /** Opens the claim from the queue, as an officer would. */
  async function openClaimFromQueue(): Promise<void> {
    const row = page.locator('tbody tr', { hasText: reference() });
    await row.click();
    await page.waitForURL(`${session.url}/#/claims/${claim.id}/show`);
    await page.getByTestId('claim-status').waitFor();
  }

  const decisionButton = (name: string) => page.getByTestId('decisions').getByRole('button', { name, exact: true });

  it('officer A finds the claim in the queue, sees its breakdown, verifies it, and is offered no approval of what he verified', async () => {
    await session.signIn(page, 'claims.officer.a', '#/claims');
    const row = page.locator('tbody tr', { hasText: reference() });
    await row.waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    const shown = (await row.innerText()).replace(/\s+/g, ' ');
    // due Thursday 23 July: 3 working days left on Monday 20
    for (const part of ['JKM', 'Meninggal dunia', 'Diajukan', '5371', '20 Juli 2026', '23 Juli 2026', '3 hari kerja lagi'])
      expect(shown).toContain(part);
    expect(shown).toContain(rupiahText(claim.benefit.total));
    await screenshot(page, 'claims-queue');

    await openClaimFromQueue();
    expect(await textOf(page, 'claim-status')).toBe('Diajukan');
    expect(await textOf(page, 'eligibility')).toContain('Memenuhi syarat');
    expect(await textOf(page, 'benefit-total')).toBe(rupiahText(claim.benefit.total));
    expect(claim.benefit.components.length).toBeGreaterThan(1);
    for (const component of claim.benefit.components)
      expect(await textOf(page, `component-${component.code}`)).toContain(rupiahText(component.amount));
    expect(await textOf(page, 'documents-missing')).toBe('Belum diterima: Tidak ada');
    expect(await textOf(page, 'history')).toContain('Diajukan');
    // what the service offers a verifier on a complete, eligible claim
    for (const name of ['Catat dokumen', 'Verifikasi', 'Tolak']) await decisionButton(name).waitFor();
    await screenshot(page, 'claim');

    await decisionButton('Verifikasi').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Verifikasi klaim' }).click();
    await waitFor(async () => (await textOf(page, 'claim-status')) === 'Diverifikasi', 'the claim verified on the page', UI_TIMEOUT_MS);
    expect(await textOf(page, 'decided')).toBe('Keputusan dicatat. Status klaim sekarang: Diverifikasi.');
    // he holds the approver role too, but verified it himself: the service offers him rejection only
    await decisionButton('Tolak').waitFor();
    expect(await decisionButton('Setujui').count()).toBe(0);
    expect(await page.getByTestId('decisions').getByRole('button').count()).toBe(1);
    await screenshot(page, 'claim-verified');

    // and the service would refuse it anyway
    const refused = await call(platform.url('claims'), 'POST', `/v1/claims/${claim.id}/approval`, {
      headers: { authorization: `Bearer ${await personTokenOf('claims.officer.a')}` },
      body: {},
    });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe('https://jaring.id/problems/maker-checker');
  });

  it('officer B approves it', async () => {
    await session.signIn(page, 'claims.officer.b', '#/claims');
    await openClaimFromQueue();
    expect(await textOf(page, 'claim-status')).toBe('Diverifikasi');
    await decisionButton('Setujui').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Setujui klaim' }).click();
    await waitFor(async () => (await textOf(page, 'claim-status')) === 'Disetujui', 'the claim approved on the page', UI_TIMEOUT_MS);
    expect(await textOf(page, 'decisions')).toContain('Tidak ada keputusan yang dapat Anda ambil atas klaim ini sekarang.');
    const audit = await call(platform.url('claims'), 'GET', `/v1/claims/${claim.id}/audit`, { headers: await as('auditor') });
    expect(audit.body.items.map((entry: { actor: string; action: string }) => `${entry.actor} ${entry.action}`)).toEqual([
      'verifier SUBMITTED',
      'claims.officer.a VERIFIED',
      'claims.officer.b APPROVED',
    ]);
  });

  it('finance makes a batch (once, though clicked twice) and downloads the bank file, another finance officer uploads the bank results: the widow is paid, the ledger balances', async () => {
    const finance = await as('finance');
    await session.signIn(page, 'finance', '#/claims');
    await page.getByRole('menuitem', { name: 'Batch pembayaran' }).click();
    expect(await textOf(page, 'next-step')).toBe(
      'Belum ada batch pembayaran. Buat batch setelah klaim disetujui: semua klaim yang disetujui dan belum dibayar masuk ke dalamnya.',
    );
    await screenshot(page, 'payout-batches-empty');

    await page.getByRole('button', { name: 'Buat batch pembayaran' }).dblclick();
    await page.waitForURL(new RegExp(`${session.url}/#/payout-batches/[0-9a-f-]{36}/show`));
    const batches = expectStatus(
      await call(platform.url('claims'), 'GET', '/v1/payout-batches', { headers: finance }),
      200,
      'batches',
    ).body;
    expect(batches.total).toBe(1); // a double click makes one batch
    const batch = expectStatus(
      await call(platform.url('claims'), 'GET', `/v1/payout-batches/${batches.items[0].id}`, { headers: finance }),
      200,
      'the batch',
    ).body;
    expect(page.url()).toBe(`${session.url}/#/payout-batches/${batch.id}/show`);
    expect(batch).toMatchObject({ lineCount: 1, total: claim.benefit.total, status: 'OPEN' });
    const [line] = batch.lines;
    expect(line).toMatchObject({ claimId: claim.id, amount: claim.benefit.total, latePenalty: 0, status: 'PENDING' });
    expect(await textOf(page, 'control-total')).toBe(`Total kendali: ${batch.lineCount} baris, ${rupiahText(batch.total)}`);
    expect(await textOf(page, 'line-1-status')).toBe('Menunggu bank');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh berkas bank (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`payout-batch-${batch.id}.csv`);
    const rows = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\r\n');
    expect(rows).toEqual([
      'line_no,reference,bank_code,account_number,account_name,amount',
      `1,${line.id},002,0123456789012,Maria Nahak,${claim.benefit.total}`,
      `TOTAL,1,${claim.benefit.total}`,
    ]);

    // four eyes: the batch's maker is offered no upload; a second finance officer imports the bank's answer, as its file
    expect(await textOf(page, 'maker-may-not-import')).toBe(
      'Anda membuat batch ini: hasil bank diimpor oleh petugas keuangan lain (empat mata).',
    );
    await session.closePages();
    page = await session.newPage();
    await session.signIn(page, 'finance.checker', `#/payout-batches/${batch.id}/show`);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Unggah hasil bank (CSV)' }).click(),
    ]);
    await chooser.setFiles({
      name: 'hasil-bank.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`line_id,status,reason,bank_reference\r\n${line.id},PAID,,BRI-20260720-0001\r\n`),
    });
    expect(await textOf(page, 'results-imported')).toBe('Hasil bank diterapkan: 1 baris baru, 0 sudah tercatat sebelumnya.');
    // the page shows the batch the service answered with
    await waitFor(async () => (await textOf(page, 'line-1-status')) === 'Dibayar', 'the line paid on the page', UI_TIMEOUT_MS);
    expect(await textOf(page, 'batch-status')).toBe('Selesai');
    expect(await textOf(page, 'line-counts')).toBe('Dibayar 1, gagal 0, menunggu bank 0, dikembalikan bank 0');
    // the batch's own record: made and downloaded by finance, its results imported by the second officer
    expect(await textOf(page, 'batch-trail')).toMatch(
      /finance Batch dibuat .* finance Berkas bank diunduh .* finance\.checker Hasil bank diimpor$/,
    );
    await screenshot(page, 'payout-batch');

    // the claim's page, from its line
    await page.getByTestId('payout-lines').getByRole('link', { name: reference() }).click();
    await page.waitForURL(`${session.url}/#/claims/${claim.id}/show`);
    await waitFor(async () => (await textOf(page, 'claim-status')) === 'Dibayar', 'the claim paid on its page', UI_TIMEOUT_MS);
    expect(await textOf(page, 'payment')).toContain(`Jumlah dibayar: ${rupiahText(claim.benefit.total)}`);
    expect((await call(platform.url('claims'), 'GET', `/v1/claims/${claim.id}`, { headers: finance })).body).toMatchObject({
      status: 'PAID',
      payment: { paidOn: '2026-07-20', amount: claim.benefit.total, latePenalty: 0 },
    });
    await screenshot(page, 'claim-paid');

    await page.getByRole('menuitem', { name: 'Buku besar pembayaran' }).click();
    expect(await textOf(page, 'ledger-balanced')).toBe('Seimbang: saldo semua akun berjumlah nol.');
    const ledger = expectStatus(await call(platform.url('claims'), 'GET', '/v1/payout-ledger', { headers: finance }), 200, 'ledger').body;
    expect(ledger.balanced).toBe(true);
    for (const account of ledger.accounts)
      expect(await textOf(page, `ledger-${account.account}`)).toContain(
        `${rupiahText(account.debits)} ${rupiahText(account.credits)} ${account.balance < 0 ? '-' : ''}${rupiahText(Math.abs(account.balance))}`,
      );
    expect(await textOf(page, 'ledger-claimants-paid')).toBe(
      `Dibayarkan kepada penerima ${rupiahText(claim.benefit.total)} Rp0 ${rupiahText(claim.benefit.total)}`,
    );
    await screenshot(page, 'payout-ledger');
  });
});
