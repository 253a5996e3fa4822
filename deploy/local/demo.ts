import { randomInt, randomUUID } from 'node:crypto';
import { Nik } from '@jaring/domain';
import { call, expectStatus } from './http-call';
import { clientAuthorization } from './oidc/sign-in';

/** Where the four services and the OpenID provider answer (npm start's ports by default). */
export interface DemoUrls {
  enrollment: string;
  contributions: string;
  subsidies: string;
  claims: string;
  /** The OpenID provider the demo's callers sign in at (client credentials of the development clients). */
  issuer: string;
}

const rupiah = (amount: number) => `Rp${new Intl.NumberFormat('id-ID').format(amount)}`;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` answers something truthy (the platform reacts to events in a moment, not at once). */
async function eventually<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await probe();
    if (answer) return answer;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(250);
  }
}

// What the demo reads of the answers (docs/api.md has them whole).
interface Identified {
  id: string;
}
interface ImportReport {
  status: string;
  enrolled: number;
  duplicates: number;
  failed: number;
}
interface Invoice {
  period: string;
  payer: string;
  status: string;
  amount: number;
}
interface Coverage {
  covered: boolean;
  paidUntil: string | null;
}
interface WorkerAnswer {
  status: string;
  diedOn: string | null;
}
interface Benefit {
  total: number;
  components: Array<{ name: string; amount: number }>;
}
interface Claim {
  id: string;
  status: string;
  eligibility: { eligible: boolean; reasons: unknown };
  benefit: Benefit;
}
interface PayoutBatch {
  id: string;
  lines: Array<{ id: string; claimId: string; amount: number }>;
}
interface Programme {
  id: string;
  name: string;
  budget: number;
  spent: number;
  reserved: number;
  remaining: number;
}

interface DemoWorker {
  nik: string;
  fullName: string;
  birthDate: string;
  regionCode: string;
  occupation: string;
  id?: string;
}

/** A valid NIK of Kota Kupang (district 537101) for a birth date; random serial, so the demo can be replayed. */
function kupangNik(birthDate: string, gender: 'M' | 'F'): string {
  const [year, month, day] = birthDate.split('-').map(Number);
  for (;;) {
    const nik = `537101${pad(gender === 'F' ? day + 40 : day)}${pad(month)}${pad(year % 100)}${pad(randomInt(1, 10_000), 4)}`;
    if (Nik.isValid(nik)) return nik;
  }
}

function someone(fullName: string, gender: 'M' | 'F', regionCode: string, occupation: string): DemoWorker {
  const birthDate = `19${randomInt(75, 100)}-${pad(randomInt(1, 13))}-${pad(randomInt(1, 29))}`;
  return { nik: kupangNik(birthDate, gender), fullName, birthDate, regionCode, occupation };
}

/**
 * A short Kupang story against a running platform, through its public API only, told in plain words:
 * a city funds its gig workers, six workers enrol, the city pays, a self-employed worker pays, one does
 * not, a sponsored worker dies, his widow is paid after two officers decide and the bank confirms.
 * Everything happens today (the platform's own clock), so the demo can be played again and again.
 */
export async function playDemo(urls: DemoUrls, say: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<void> {
  // Every caller signs in as its role's development client (deploy/local/oidc/development-identities.ts).
  const as = (clientId: string) => clientAuthorization(urls.issuer, clientId);
  const programmeOfficer = await as('programme-officer');
  const enrollmentOfficer = await as('enrollment-officer');
  const agent = await as('agent-5371');
  const started = Date.now();
  const today = new Date().toISOString().slice(0, 10);
  const period = today.slice(0, 7);
  const run = randomUUID().slice(0, 4);

  say('');
  say(`Jaring demo: a short Kupang story, played through the platform's public API (today is ${today})`);
  say('');

  // 1. The city and its programme.
  const funder = expectStatus(
    await call<Identified>(urls.subsidies, 'POST', '/v1/funders', {
      body: { name: `Pemerintah Kota Kupang (demo ${run})`, type: 'APBD_REGENCY', regionCode: '5371' },
      headers: programmeOfficer,
    }),
    201,
    'funder',
  ).body;
  const key = expectStatus(
    await call<{ key: string }>(urls.subsidies, 'POST', `/v1/funders/${funder.id}/api-keys`, { body: {}, headers: programmeOfficer }),
    201,
    'api key',
  ).body.key;
  const partner = { 'x-api-key': key };
  const [year, month] = period.split('-').map(Number);
  const endsOn = new Date(Date.UTC(year, month + 5, 0)).toISOString().slice(0, 10);
  const programme = expectStatus(
    await call<Programme>(urls.subsidies, 'POST', '/v1/programmes', {
      body: {
        funderId: funder.id,
        name: 'Stimulus BPU Kota Kupang',
        budget: 10_000_000,
        coverageMonths: 3,
        programs: ['JKK', 'JKM'],
        selection: 'AUTOMATIC',
        eligibility: { regions: ['5371'] },
        startsOn: `${period}-01`,
        endsOn,
      },
      headers: { ...partner, 'idempotency-key': randomUUID() },
    }),
    201,
    'programme',
  ).body;
  say(
    `1. Kota Kupang (APBD) opens "${programme.name}": 3 months of JKK and JKM for every gig worker of the city who enrols, budget ${rupiah(10_000_000)}.`,
  );

  // 2. Six workers enrol by one CSV upload.
  const yosef = someone('Yosef Nahak', 'M', '5371', 'OJEK_DRIVER');
  const workers = [
    yosef,
    someone('Maria Bili', 'F', '5371', 'MARKET_TRADER'),
    someone('Agustinus Tefa', 'M', '5371', 'FISHERMAN'),
    someone('Theresia Seran', 'F', '5371', 'WEAVER'),
    someone('Fransiskus Lake', 'M', '5303', 'MARKET_TRADER'),
    someone('Yuliana Manu', 'F', '5303', 'WEAVER'),
  ];
  const [paysAlone, doesNotPay] = workers.slice(4);
  const csv = [
    'nik,fullName,birthDate,phone,regionCode,occupation,declaredMonthlyIncome,programs',
    ...workers.map((w, i) =>
      [
        w.nik,
        w.fullName,
        w.birthDate,
        `08123${pad(randomInt(0, 1_000_000), 6)}${i}`,
        w.regionCode,
        w.occupation,
        '1000000',
        'JKK;JKM',
      ].join(','),
    ),
  ].join('\n');
  const upload = expectStatus(
    // two regions in one file: an enrollment officer's import (a field agent imports only its own regions)
    await call<Identified>(urls.enrollment, 'POST', '/v1/worker-imports', {
      raw: `${csv}\n`,
      contentType: 'text/csv',
      headers: enrollmentOfficer,
    }),
    202,
    'import',
  ).body;
  const report = await eventually(async () => {
    const { body } = await call<ImportReport>(urls.enrollment, 'GET', `/v1/worker-imports/${upload.id}`, { headers: enrollmentOfficer });
    return body.status === 'DONE' && body;
  }, 'the import');
  for (const worker of workers) {
    const found = await call<{ items: Array<{ id: string; nik: string; fullName: string }> }>(
      urls.enrollment,
      'GET',
      `/v1/workers?regionCode=${worker.regionCode}&limit=200`,
      { headers: enrollmentOfficer },
    );
    worker.id = found.body.items.find((w) => w.fullName === worker.fullName && w.nik.endsWith(worker.nik.slice(-4)))?.id;
    if (!worker.id) throw new Error(`${worker.fullName} was not found after the import`);
  }
  say(
    `2. Six workers enrol by one CSV upload: four in Kota Kupang, two in Kabupaten Timor Tengah Utara. Enrolled ${report.enrolled}, duplicates ${report.duplicates}, failed ${report.failed}.`,
  );

  // 3. The city pays its workers' month; they are covered.
  const cityWorkers = workers.slice(0, 4);
  const cityPaid: number[] = [];
  for (const worker of cityWorkers) {
    const invoice = await eventually(
      async () =>
        (await invoicesOf(urls, worker.id!, enrollmentOfficer)).find(
          (i) => i.period === period && i.payer === 'APBD' && i.status === 'PAID',
        ),
      `the city's payment for ${worker.fullName}`,
    );
    cityPaid.push(invoice.amount);
  }
  const cover = await coverage(urls, yosef.id!, enrollmentOfficer);
  say(
    `3. The city's programme sponsors its four workers at once and pays their ${period} contribution, ${cityPaid.map(rupiah).join(', ')} (no discount for a government payer): covered until ${cover.paidUntil}.`,
  );

  // 4. The others owe their own month, at the discount of PP 50/2025.
  const own = await eventually(
    async () => (await invoicesOf(urls, paysAlone.id!, enrollmentOfficer)).find((i) => i.period === period && i.status === 'ISSUED'),
    `${paysAlone.fullName}'s invoice`,
  );
  expectStatus(
    await call(urls.contributions, 'POST', '/v1/payments', {
      // the channel is the signed-in client's (BANK_NTT), not something the body could claim
      body: { workerId: paysAlone.id, amount: own.amount, externalReference: `DEMO-${randomUUID()}` },
      headers: { ...(await as('channel-bank-ntt')), 'idempotency-key': randomUUID() },
    }),
    201,
    'payment',
  );
  const paidAlone = await coverage(urls, paysAlone.id!, enrollmentOfficer);
  const unpaid = await coverage(urls, doesNotPay.id!, enrollmentOfficer);
  say(
    `4. ${paysAlone.fullName} (Timor Tengah Utara, not sponsored) pays his own ${rupiah(own.amount)} at a bank${own.amount < Math.max(...cityPaid) ? ' (the PP 50/2025 discount for the self-employed)' : ''}: covered ${paidAlone.covered ? 'yes' : 'no'}. ${doesNotPay.fullName} has not paid: covered ${unpaid.covered ? 'yes' : 'no'}.`,
  );

  // 5. Yosef names his wife; he dies; she claims.
  const widow = someone('Ursula Nahak', 'F', '5371', 'WEAVER');
  expectStatus(
    await call(urls.enrollment, 'PUT', `/v1/workers/${yosef.id}/heirs`, {
      body: { heirs: [{ fullName: widow.fullName, nik: widow.nik, relationship: 'SPOUSE', birthDate: widow.birthDate }] },
      headers: agent,
    }),
    200,
    'heirs',
  );
  // The claims service learns of coverage and heirs from events, as enrollment does: once enrollment shows
  // him ACTIVE the same events have reached claims too, give or take a moment.
  await eventually(
    async () => (await call<WorkerAnswer>(urls.enrollment, 'GET', `/v1/workers/${yosef.id}`, { headers: agent })).body.status === 'ACTIVE',
    'enrollment to show him active',
  );
  await sleep(2_000);
  // An agent is told 404 for a worker claims has not heard of yet: ask again until it has (a moment, at most).
  const submit = () =>
    call<Claim>(urls.claims, 'POST', '/v1/claims', {
      body: {
        workerId: yosef.id,
        type: 'JKM',
        incidentDate: today,
        claimant: {
          fullName: widow.fullName,
          nik: widow.nik,
          relationship: 'SPOUSE',
          bankAccount: { bankCode: '002', accountNumber: `0${randomInt(100_000_000, 999_999_999)}`, accountName: widow.fullName },
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
      headers: agent,
    });
  const claim = expectStatus(
    await eventually(async () => {
      const answer = await submit();
      return answer.status !== 404 && answer;
    }, 'claims to know the worker'),
    201,
    'claim',
  ).body;
  if (!claim.eligibility.eligible) throw new Error(`the claim was found not eligible: ${JSON.stringify(claim.eligibility.reasons)}`);
  const later = expectStatus(
    await call<{ benefit: Benefit }>(
      urls.claims,
      'GET',
      '/v1/benefit-estimates?type=JKM&kind=DEATH&declaredMonthlyIncome=1000000&membershipMonths=12',
    ),
    200,
    'benefit estimate',
  ).body;
  say(
    `5. ${yosef.fullName}, an ojek driver the city sponsors, dies today, in his first month of membership. His widow ${widow.fullName} claims JKM: eligible, ` +
      `benefit ${rupiah(claim.benefit.total)} (${claim.benefit.components.map((c) => `${c.name} ${rupiah(c.amount)}`).join(', ')})` +
      (claim.benefit.total < later.benefit.total
        ? `: within the first 3 months of membership JKM pays the funeral costs only; from the fourth month, ${rupiah(later.benefit.total)}.`
        : '.'),
  );

  // 6. Two officers decide; finance pays through the bank.
  const supervisor = await as('claims-supervisor');
  expectStatus(
    await call(urls.claims, 'POST', `/v1/claims/${claim.id}/verification`, {
      body: {},
      headers: supervisor,
    }),
    200,
    'verification',
  );
  const sameOfficer = await call(urls.claims, 'POST', `/v1/claims/${claim.id}/approval`, {
    body: {},
    headers: supervisor,
  });
  expectStatus(
    await call(urls.claims, 'POST', `/v1/claims/${claim.id}/approval`, { body: {}, headers: await as('approver') }),
    200,
    'approval',
  );
  say(
    `6. A claims supervisor verifies the documents; she may not approve her own verification (answer ${sameOfficer.status} ${problemSlugOf(sameOfficer.body)}); an approver does.`,
  );
  const finance = await as('finance');
  const batch = expectStatus(
    await call<PayoutBatch>(urls.claims, 'POST', '/v1/payout-batches', {
      body: {},
      headers: { ...finance, 'idempotency-key': randomUUID() },
    }),
    201,
    'payout batch',
  ).body;
  const line = batch.lines.find((l) => l.claimId === claim.id)!;
  const results = expectStatus(
    await call<{ applied: number }>(urls.claims, 'POST', `/v1/payout-batches/${batch.id}/results`, {
      body: {
        results: batch.lines.map((l) => ({ lineId: l.id, status: 'PAID', bankReference: `DEMO-${l.id.slice(0, 8)}` })),
      },
      // four eyes: another finance officer than the batch's maker imports the bank's answer
      headers: { ...(await as('finance-checker')), 'idempotency-key': randomUUID() },
    }),
    200,
    'bank results',
  ).body;
  const paidClaim = expectStatus(await call<Claim>(urls.claims, 'GET', `/v1/claims/${claim.id}`, { headers: agent }), 200, 'claim').body;
  say(
    `7. Finance sends a payout batch to the bank (${batch.lines.length} line${batch.lines.length === 1 ? '' : 's'}); a second finance officer imports the bank's confirmation (${results.applied} applied): the widow receives ${rupiah(line.amount)}. Claim status: ${paidClaim.status}.`,
  );

  // 7. The paid death claim closes his membership (enrollment records the death, subsidies ends the city's
  // sponsorship and takes back the months after this one); the city's budget and the payout ledger add up.
  const closed = await eventually(async () => {
    const answer = await call<WorkerAnswer>(urls.enrollment, 'GET', `/v1/workers/${yosef.id}`, { headers: enrollmentOfficer });
    return answer.status === 200 && answer.body.status === 'DECEASED' && answer.body.diedOn ? answer.body : undefined;
  }, 'the death recorded from the paid claim');
  await eventually(async () => {
    const report = await call<{ endedByDeath: number }>(urls.subsidies, 'GET', `/v1/programmes/${programme.id}/report`, {
      headers: partner,
    });
    return report.status === 200 && report.body.endedByDeath === 1;
  }, "the city's sponsorship of him ended");
  say(
    `8. The paid claim closes his membership (${closed.status}, died ${closed.diedOn}): he will not be billed again, and the city's months after this one go back to its budget.`,
  );
  const budget = expectStatus(
    await call<Programme>(urls.subsidies, 'GET', `/v1/programmes/${programme.id}`, { headers: partner }),
    200,
    'programme',
  ).body;
  const ledger = expectStatus(
    await call<{ balanced: boolean }>(urls.claims, 'GET', '/v1/payout-ledger', { headers: await as('auditor') }),
    200,
    'payout ledger',
  ).body;
  say(
    `9. The city's programme: spent ${rupiah(budget.spent)}, reserved ${rupiah(budget.reserved)} for the coming months, remaining ${rupiah(budget.remaining)} ` +
      `(they add up to the budget: ${budget.spent + budget.reserved + budget.remaining === budget.budget ? 'yes' : 'NO'}); the payout ledger balances: ${ledger.balanced ? 'yes' : 'NO'}.`,
  );
  say('');
  say(
    `Played in ${((Date.now() - started) / 1000).toFixed(1)} s. Every step above went through the public API; the services told each other through Kafka.`,
  );
}

/** A worker's invoices; none yet (404) while contributions has not heard of the registration. */
async function invoicesOf(urls: DemoUrls, workerId: string, headers: Record<string, string>): Promise<Invoice[]> {
  const answer = await call<{ items: Invoice[] }>(urls.contributions, 'GET', `/v1/workers/${workerId}/invoices`, { headers });
  if (answer.status === 404) return [];
  return expectStatus(answer, 200, 'invoices').body.items;
}

/** A worker's coverage, once contributions has heard of the worker (404 until then). */
async function coverage(urls: DemoUrls, workerId: string, headers: Record<string, string>): Promise<Coverage> {
  return eventually(async () => {
    const answer = await call<Coverage>(urls.contributions, 'GET', `/v1/workers/${workerId}/coverage`, { headers });
    return answer.status !== 404 && expectStatus(answer, 200, 'coverage').body;
  }, `the coverage of ${workerId}`);
}

/** `node dist/deploy/local/demo.js`: plays the demo against a platform already running (npm start). */
if (require.main === module) {
  const port = (name: string, fallback: number) => `http://127.0.0.1:${process.env[`${name.toUpperCase()}_PORT`] ?? fallback}`;
  playDemo({
    enrollment: port('enrollment', 3001),
    contributions: port('contributions', 3002),
    subsidies: port('subsidies', 3003),
    claims: port('claims', 3004),
    issuer: process.env.OIDC_ISSUER ?? 'http://127.0.0.1:3005',
  }).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

/** The last part of a problem's `type` (`maker-checker` of https://jaring.id/problems/maker-checker), or `-`. */
function problemSlugOf(body: unknown): string {
  const type = (body as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? type.slice(type.lastIndexOf('/') + 1) : '-';
}
