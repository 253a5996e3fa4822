import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Nik, parseIsoDate } from '@jaring/domain';
import { as } from '../support/identity';
import { call, expectStatus, type Answer } from '../support/http-call';
import { Platform, SERVICE_NAMES, type ServiceName } from '../e2e/support/platform-processes';
import { waitFor } from '../support/wait-for';

/**
 * Bad input (issue 6): malformed JSON, wrong types, huge bodies, negative and fractional money, impossible
 * dates, unknown enums, SQL and script fragments in text fields and unknown fields, thrown at every write
 * endpoint of the four services (real processes, each request properly authorised, at objects that exist),
 * so that it is the input that is refused. Each must be a 4xx RFC 9457 problem naming the offending field,
 * and nothing may be written: every table of every service database (their outboxes among them) holds as
 * many rows after the sweep as before it.
 */

type Body = Record<string, unknown>;

interface BadRequest {
  name: string;
  /** What is sent: a JSON body, or raw text and its content type; `headers` go over the endpoint's (undefined removes one). */
  send: () => { body?: unknown; raw?: string; contentType?: string; headers?: Record<string, string | undefined> };
  status: number;
  /** The field the problem's `errors` must name. */
  field?: string;
  /** The problem type the answer must have (checked when given). */
  type?: string;
}

interface Endpoint {
  /** `METHOD /path`, `{name}` standing for the id of a fixture (see `fx`). */
  route: string;
  service: ServiceName;
  /** The caller's credentials: valid, and allowed to do this. */
  headers?: () => Record<string, string>;
  idempotencyKey?: 'required' | 'optional';
  /** A body the endpoint would accept, broken one way per bad request (absent: the endpoint takes no body). */
  valid?: () => Body;
  /** Per field (a dotted path into `valid`), the bad values by what is wrong with them: each must be refused naming the field. */
  fields?: Record<string, Record<string, unknown>>;
  /** Bad requests of this endpoint only. */
  cases?: BadRequest[];
  /** false: not a JSON endpoint (only `cases` apply). */
  json?: boolean;
}

const START = '2026-11-02T02:00:00Z';
const TODAY = START.slice(0, 10);
const MB = 1024 * 1024;
// Each endpoint is called by a development client allowed to call it (docs/api.md, "Who may call"): signed in
// once before the sweep, so that `headers` stay plain functions.
const CALLERS = [
  'enrollment-officer',
  'channel-bank-ntt',
  'operator',
  'programme-officer',
  'verifier',
  'approver',
  'finance',
  'finance-checker',
] as const;
type CallerName = (typeof CALLERS)[number];
const signedIn = {} as Record<CallerName, Record<string, string>>;
const signedInAs = (caller: CallerName) => (): Record<string, string> => signedIn[caller];
async function signInEveryCaller(): Promise<void> {
  for (const caller of CALLERS) signedIn[caller] = await as(caller);
}
const officer = signedInAs('enrollment-officer');
const channel = signedInAs('channel-bank-ntt');
const operator = signedInAs('operator');
const admin = signedInAs('programme-officer');
const verifier = signedInAs('verifier');
const approver = signedInAs('approver');
const finance = signedInAs('finance');
// the bank's results of a batch `finance` made are imported by another person (four eyes)
const financeChecker = signedInAs('finance-checker');

// ---- what is wrong, by kind of field ----
const SQL = "x'); DROP TABLE workers;--";
const TEXT = {
  SQL,
  'SQL, quotes only': "' OR '1'='1",
  'a script': '<script>alert(1)</script>',
  'a control character': 'Budi\u0000Santoso',
  blank: '   ',
  '100,000 characters': 'a'.repeat(100_000),
  'a number': 42,
};
const MONEY = {
  negative: -16_800,
  fractional: 16_800.5,
  'a string': '16800',
  'past 2^53': 1e300,
  'a number in an object': { amount: 16_800 },
};
const DATE = {
  '30 February': '2026-02-30',
  'month 13': '2026-13-01',
  'day first': '02-11-2026',
  'a timestamp': '2026-11-02T00:00:00Z',
  'a number': 20261102,
};
const ENUM = { unknown: 'NOT_A_CODE', SQL, 'a number': 1 };
const UUID = { 'not a UUID': 'not-a-uuid', SQL: "x' OR '1'='1", 'a number': 42 };
const NIK = { '15 digits': '537101250790000', 'a letter': '537101250790000X', 'a number': 5_371_012_507_900_001, SQL };
const PHONE = { foreign: '+1 202 555 0100', 'too short': '0812', SQL, 'a script': '<script>alert(1)</script>' };
const PROGRAMS = {
  'without JKM': ['JKK'],
  'an unknown programme': ['JKK', 'JKM', 'XYZ'],
  'one string': 'JKK;JKM',
  'lower case': ['jkk', 'jkm'],
};
const BANK_CODE = { '2 digits': '02', letters: 'BRI', 'a number': 2 };
const ACCOUNT_NUMBER = { '2 digits': '12', SQL, 'a number': 9_876_543_210 };
const VALIDATION_ERROR = 'https://jaring.id/problems/validation-error';
/** `{ [key]: value }` with `key` an own property even when it is `__proto__` (as `JSON.parse` makes it): spread it into a body. */
const ownKey = (key: string, value: unknown): Body => JSON.parse(JSON.stringify({ [key]: value })) as Body;
/** A bad request: a prototype key (`__proto__`, `constructor`, `prototype`) in the body, refused naming its path. */
const prototypeKey = (field: string, body: () => Body): BadRequest => ({
  name: `a prototype key: ${field}`,
  send: () => ({ body: body() }),
  status: 400,
  type: VALIDATION_ERROR,
  field,
});

/** A valid NIK (district 537101, Kota Kupang) for a birth date. */
function nikOf(birthDate: string, gender: 'M' | 'F', serial: number): string {
  const { year, month, day } = parseIsoDate(birthDate);
  const two = (n: number) => String(n).padStart(2, '0');
  const nik = `537101${two(gender === 'F' ? day + 40 : day)}${two(month)}${two(year % 100)}${String(serial).padStart(4, '0')}`;
  if (!Nik.isValid(nik)) throw new Error(`test NIK ${nik} is invalid`);
  return nik;
}

const workerBody = (fullName: string, birthDate: string, gender: 'M' | 'F', serial: number): Body => ({
  nik: nikOf(birthDate, gender, serial),
  fullName,
  birthDate,
  phone: `08123456${String(serial).padStart(4, '0')}`,
  regionCode: '5371',
  occupation: 'OJEK_DRIVER',
  declaredMonthlyIncome: 1_500_000,
  programs: ['JKK', 'JKM'],
});
// Real names with apostrophes, hyphens, dots and commas: the fixtures prove they stay accepted.
const member = workerBody("Muhammad Ma'ruf Amin", '1990-07-25', 'M', 1);
const payer = workerBody('Ni Luh Putu Ayu-Lestari', '1985-03-14', 'F', 2);
const newcomer = workerBody('Yohanes Nahak', '1992-01-09', 'M', 3);
const spouse = { fullName: "Siti Nur'aini, S.Pd.", nik: nikOf('1992-05-25', 'F', 4), relationship: 'SPOUSE', birthDate: '1992-05-25' };
const bankAccount = { bankCode: '009', accountNumber: '9876543210', accountName: "Muhammad Ma'ruf Amin" };
const claimBody = (workerId: string): Body => ({
  workerId,
  type: 'JKK',
  incidentDate: TODAY,
  claimant: { fullName: "Muhammad Ma'ruf Amin", nik: member.nik, relationship: 'SELF', bankAccount },
  details: { kind: 'MEDICAL', medicalCosts: 7_500_000, commuting: false },
  documents: ['MEMBERSHIP_CARD', 'CLAIMANT_ID', 'BANK_ACCOUNT_BOOK', 'ACCIDENT_REPORT', 'DOCTOR_STATEMENT'],
});

/** The objects the endpoints with an id act on, made before the sweep. */
const fx = {
  member: '',
  payer: '',
  payerOwes: 0,
  funder: '',
  partnerKey: '',
  programme: '',
  submittedClaim: '',
  verifiedClaim: '',
  batch: '',
  line: '',
};
const partner = () => ({ 'x-api-key': fx.partnerKey });

const ENDPOINTS: Endpoint[] = [
  // ---- enrollment ----
  {
    route: 'POST /v1/workers',
    service: 'enrollment',
    headers: officer,
    valid: () => newcomer,
    fields: {
      nik: NIK,
      fullName: { ...TEXT, digits: 'Budi 2' },
      birthDate: DATE,
      phone: PHONE,
      regionCode: { '5 digits': '53710', 'not a regency': '9999', 'a number': 5371 },
      occupation: { ...ENUM, 'lower case': 'ojek_driver' },
      declaredMonthlyIncome: MONEY,
      programs: PROGRAMS,
      heirs: { 'a string': 'Siti', 'an object': { fullName: 'Siti' } },
    },
  },
  {
    route: 'PATCH /v1/workers/{member}',
    service: 'enrollment',
    headers: officer,
    valid: () => ({ declaredMonthlyIncome: 2_000_000, phone: '081298765432', programs: ['JKK', 'JKM', 'JHT'] }),
    fields: { declaredMonthlyIncome: MONEY, phone: PHONE, programs: PROGRAMS },
    cases: [{ name: 'nothing to change', send: () => ({ body: {} }), status: 400, field: 'body' }],
  },
  {
    route: 'PUT /v1/workers/{member}/heirs',
    service: 'enrollment',
    headers: officer,
    valid: () => ({ heirs: [spouse] }),
    cases: [prototypeKey('heirs.0.__proto__', () => ({ heirs: [{ ...spouse, ...ownKey('__proto__', { relationship: 'SELF' }) }] }))],
    fields: {
      heirs: { 'a string': 'Siti', '21 heirs': Array(21).fill(spouse) },
      'heirs.0.fullName': TEXT,
      'heirs.0.nik': NIK,
      'heirs.0.relationship': { ...ENUM, 'lower case': 'spouse' },
      'heirs.0.birthDate': DATE,
      'heirs.0.gender': { 'an unknown field': 'F' },
    },
  },
  {
    route: 'POST /v1/workers/{member}/deregistration',
    service: 'enrollment',
    headers: officer,
    valid: () => ({ reason: 'REQUESTED_BY_WORKER' }),
    fields: { reason: { ...ENUM, 'lower case': 'deceased', 'free text': 'he moved away' } },
  },
  {
    route: 'POST /v1/worker-imports',
    service: 'enrollment',
    headers: officer,
    json: false,
    cases: [
      {
        name: 'not CSV: a PNG image',
        send: () => ({ raw: '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR', contentType: 'text/csv' }),
        status: 415,
      },
      { name: 'not CSV: JSON', send: () => ({ raw: JSON.stringify(newcomer), contentType: 'application/json' }), status: 415 },
      {
        name: 'not CSV: a broken quote',
        send: () => ({ raw: `${IMPORT_HEADER}\n"${csvRow(newcomer)}\n`, contentType: 'text/csv' }),
        status: 400,
      },
      {
        name: 'not UTF-8',
        send: () => ({ raw: `${IMPORT_HEADER}\n${csvRow(newcomer)}\n`, contentType: 'text/csv; charset=iso-8859-1' }),
        status: 415,
      },
      { name: 'wrong columns', send: () => ({ raw: 'name,age\nBudi,30\n', contentType: 'text/csv' }), status: 400, field: 'header' },
      {
        name: 'a column missing',
        send: () => ({
          raw: `${IMPORT_HEADER.replace(',programs', '')}\n${csvRow(newcomer).replace(/,[^,]*$/, '')}\n`,
          contentType: 'text/csv',
        }),
        status: 400,
        field: 'header',
      },
      {
        name: 'no header (data first)',
        send: () => ({ raw: `${csvRow(newcomer)}\n`, contentType: 'text/csv' }),
        status: 400,
        field: 'header',
      },
      { name: 'a header and no rows', send: () => ({ raw: `${IMPORT_HEADER}\n`, contentType: 'text/csv' }), status: 400 },
      { name: 'empty', send: () => ({ raw: '', contentType: 'text/csv' }), status: 400 },
      {
        name: 'huge: more bytes than IMPORT_MAX_BYTES',
        send: () => ({ raw: `${IMPORT_HEADER}\n${`${csvRow(newcomer)}\n`.repeat(IMPORT_MAX_BYTES / 60)}`, contentType: 'text/csv' }),
        status: 413,
      },
      {
        name: 'huge: more rows than IMPORT_MAX_ROWS',
        send: () => ({ raw: `${IMPORT_HEADER}\n${`${csvRow(newcomer)}\n`.repeat(IMPORT_MAX_ROWS + 1)}`, contentType: 'text/csv' }),
        status: 413,
      },
      {
        name: 'multipart without the file field',
        send: () => ({
          raw: multipart('upload', `${IMPORT_HEADER}\n${csvRow(newcomer)}\n`),
          contentType: `multipart/form-data; boundary=${BOUNDARY}`,
        }),
        status: 400,
        field: 'file',
      },
      {
        name: 'multipart cut short',
        send: () => ({
          raw: multipart('file', `${IMPORT_HEADER}\n${csvRow(newcomer)}\n`).slice(0, -10),
          contentType: `multipart/form-data; boundary=${BOUNDARY}`,
        }),
        status: 400,
      },
    ],
  },
  // ---- contributions ----
  {
    route: 'POST /v1/payments',
    service: 'contributions',
    headers: channel,
    idempotencyKey: 'required',
    valid: () => ({ workerId: fx.payer, amount: fx.payerOwes, channel: 'BANK_NTT', externalReference: 'NTT-20261102-0001' }),
    cases: [
      prototypeKey('constructor', () => ({
        ...validBodyOf('POST /v1/payments'),
        ...ownKey('constructor', { prototype: { amount: 1 } }),
      })),
    ],
    fields: {
      workerId: UUID,
      amount: { ...MONEY, zero: 0 },
      channel: TEXT,
      externalReference: TEXT,
      months: { 'not 1, 3, 6 or 12': 2, fractional: 1.5, 'a string': '3', negative: -1 },
    },
  },
  {
    route: 'POST /v1/billing-runs',
    service: 'contributions',
    headers: operator,
    valid: () => ({ period: TODAY.slice(0, 7) }),
    fields: { period: { 'month 13': '2026-13', 'month 00': '2026-00', 'a date': TODAY, 'year 0001': '0001-01', 'a number': 202_611, SQL } },
  },
  { route: 'POST /v1/arrears-runs', service: 'contributions', headers: operator },
  // ---- subsidies ----
  {
    route: 'POST /v1/funders',
    service: 'subsidies',
    headers: admin,
    valid: () => ({ name: 'PT Maju & Jaya (Persero) Tbk.', type: 'CSR' }),
    cases: [prototypeKey('prototype', () => ({ ...validBodyOf('POST /v1/funders'), ...ownKey('prototype', { type: 'GOVERNMENT' }) }))],
    fields: {
      name: TEXT,
      type: { ...ENUM, 'lower case': 'csr' },
      regionCode: { '3 digits': '537', letters: 'ab', 'a number': 5371 },
    },
  },
  {
    route: 'POST /v1/funders/{funder}/api-keys',
    service: 'subsidies',
    headers: admin,
    valid: () => ({ name: "partner's dashboard" }),
    fields: { name: TEXT },
  },
  {
    route: 'POST /v1/programmes',
    service: 'subsidies',
    headers: partner,
    idempotencyKey: 'required',
    valid: () => ({
      funderId: fx.funder,
      name: 'Peduli Perias 2026/2027 (tahap 1)',
      budget: 50_000_000,
      coverageMonths: 6,
      programs: ['JKK', 'JKM'],
      eligibility: { occupations: ['MAKEUP_ARTIST'], incomeCeiling: 2_500_000 },
      quota: 100,
      startsOn: '2026-11-01',
      endsOn: '2027-06-30',
      selection: 'NOMINATED',
    }),
    fields: {
      funderId: UUID,
      name: TEXT,
      budget: { ...MONEY, zero: 0 },
      coverageMonths: { zero: 0, fractional: 2.5, 'a string': '3', 'a thousand': 1000 },
      programs: PROGRAMS,
      eligibility: { 'a string': 'everyone' },
      'eligibility.regions': { '3 digits': ['537'], 'a string': '5371', SQL: [SQL] },
      'eligibility.occupations': { unknown: ['ASTRONAUT'], 'a string': 'MAKEUP_ARTIST' },
      'eligibility.incomeCeiling': MONEY,
      'eligibility.gender': { 'an unknown field': 'F' },
      quota: { negative: -1, fractional: 1.5, 'a string': '100' },
      startsOn: DATE,
      endsOn: DATE,
      selection: { ...ENUM, 'lower case': 'nominated' },
    },
    cases: [
      {
        name: 'ends before it starts',
        send: () => ({ body: { ...validBodyOf('POST /v1/programmes'), endsOn: '2026-10-31' } }),
        status: 400,
        field: 'endsOn',
      },
    ],
  },
  {
    route: 'POST /v1/programmes/{programme}/nominations',
    service: 'subsidies',
    headers: partner,
    idempotencyKey: 'required',
    valid: () => ({ workerIds: [fx.member] }),
    fields: {
      workerIds: { 'not UUIDs': ['not-a-uuid'], 'a string': 'not-a-list', numbers: [1], SQL: [SQL] },
      membershipNumbers: { '3 digits': ['123'], SQL: [SQL], numbers: [53_710_000_013] },
    },
    cases: [{ name: 'nobody named', send: () => ({ body: {} }), status: 400, field: 'workerIds' }],
  },
  {
    route: 'POST /v1/funders/{funder}/webhooks',
    service: 'subsidies',
    headers: partner,
    valid: () => ({ url: 'https://partner.example.com/jaring/webhooks', events: ['subsidies.sponsorship.granted'] }),
    fields: {
      url: {
        'javascript:': 'javascript:alert(1)',
        'file:': 'file:///etc/passwd',
        'no scheme': 'partner.example.com/hooks',
        SQL,
        'a script': '<script>alert(1)</script>',
        '100,000 characters': `https://partner.example.com/${'a'.repeat(100_000)}`,
        'a number': 42,
      },
      events: { unknown: ['subsidies.everything'], 'a string': 'subsidies.sponsorship.granted', empty: [] },
    },
  },
  // ---- claims ----
  {
    route: 'POST /v1/claims',
    service: 'claims',
    headers: verifier,
    idempotencyKey: 'optional',
    valid: () => claimBody(fx.member),
    cases: [
      prototypeKey('claimant.bankAccount.__proto__', () => {
        const body = claimBody(fx.member);
        const claimant = body.claimant as Body;
        return {
          ...body,
          claimant: { ...claimant, bankAccount: { ...bankAccount, ...ownKey('__proto__', { accountNumber: '1111111111' }) } },
        };
      }),
    ],
    fields: {
      workerId: UUID,
      type: { ...ENUM, 'lower case': 'jkk' },
      incidentDate: DATE,
      claimant: { 'a string': 'Muhammad' },
      'claimant.fullName': TEXT,
      'claimant.nik': NIK,
      'claimant.relationship': { ...ENUM, 'lower case': 'self' },
      'claimant.bankAccount.bankCode': BANK_CODE,
      'claimant.bankAccount.accountNumber': ACCOUNT_NUMBER,
      'claimant.bankAccount.accountName': TEXT,
      'claimant.bankAccount.swiftCode': { 'an unknown field': 'BRINIDJA' },
      'details.kind': { ...ENUM, 'lower case': 'medical' },
      'details.medicalCosts': MONEY,
      'details.daysUnableToWork': { negative: -1, fractional: 1.5, zero: 0 },
      'details.disabilityPercent': { negative: -5, 'over 100': 101, 'three decimals': 33.333 },
      'details.causeOfDeath': TEXT,
      'details.commuting': { 'a string': 'yes' },
      documents: { unknown: ['PASSPORT'], 'a string': 'MEMBERSHIP_CARD' },
    },
  },
  {
    route: 'POST /v1/claims/{submittedClaim}/documents',
    service: 'claims',
    headers: verifier,
    valid: () => ({ documents: ['MEMBERSHIP_CARD'] }),
    fields: { documents: { empty: [], unknown: ['PASSPORT'], 'a string': 'MEMBERSHIP_CARD', numbers: [1] } },
  },
  {
    route: 'POST /v1/claims/{submittedClaim}/verification',
    service: 'claims',
    headers: verifier,
    valid: () => ({ note: 'documents checked against the originals' }),
    fields: { note: TEXT },
  },
  {
    route: 'POST /v1/claims/{verifiedClaim}/approval',
    service: 'claims',
    headers: approver,
    valid: () => ({ note: 'approved after a call to the hospital' }),
    fields: { note: TEXT },
  },
  {
    route: 'POST /v1/claims/{submittedClaim}/rejection',
    service: 'claims',
    headers: verifier,
    valid: () => ({ reason: 'the heir certificate is a copy, not the original' }),
    fields: { reason: { ...TEXT, 'too short': 'no' } },
  },
  {
    route: 'PATCH /v1/claims/{submittedClaim}/bank-account',
    service: 'claims',
    headers: verifier,
    valid: () => ({ bankCode: '014', accountNumber: '1234567890', accountName: "Muhammad Ma'ruf Amin" }),
    fields: { bankCode: BANK_CODE, accountNumber: ACCOUNT_NUMBER, accountName: TEXT },
  },
  { route: 'POST /v1/payout-batches', service: 'claims', headers: finance, idempotencyKey: 'required' },
  {
    route: 'POST /v1/payout-batches/{batch}/results',
    service: 'claims',
    headers: financeChecker,
    idempotencyKey: 'required',
    valid: () => ({ results: [{ lineId: fx.line, status: 'PAID', bankReference: 'BRI-0001' }] }),
    fields: {
      results: { empty: [], 'a string': 'PAID' },
      'results.0.lineId': UUID,
      'results.0.status': { ...ENUM, 'lower case': 'paid' },
      'results.0.bankReference': TEXT,
      'results.0.reason': TEXT,
    },
    cases: [
      {
        name: 'FAILED without a reason',
        send: () => ({ body: { results: [{ lineId: fx.line, status: 'FAILED' }] } }),
        status: 400,
        field: 'results.0.reason',
      },
    ],
  },
];

/** The valid body of an endpoint of the table (the fixtures are made with them: they are accepted). */
function validBodyOf(route: string): Body {
  return ENDPOINTS.find((endpoint) => endpoint.route === route)!.valid!();
}

// ---- the worker import file ----
const IMPORT_MAX_BYTES = 256 * 1024;
const IMPORT_MAX_ROWS = 1000;
const IMPORT_HEADER = 'nik,fullName,birthDate,phone,regionCode,occupation,declaredMonthlyIncome,programs';
const csvRow = (w: Body) =>
  [w.nik, w.fullName, w.birthDate, w.phone, w.regionCode, w.occupation, w.declaredMonthlyIncome, (w.programs as string[]).join(';')].join(
    ',',
  );
const BOUNDARY = 'jaring-bad-input';
const multipart = (field: string, content: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="workers.csv"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${BOUNDARY}--\r\n`;

/** The body with one field (a dotted path, `heirs.0.nik`) replaced. */
function withField(body: Body, path: string, value: unknown): Body {
  const copy = structuredClone(body);
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<any>((node, key) => node[key], copy);
  parent[keys[keys.length - 1]] = value;
  return copy;
}

/** Every bad request of an endpoint: the ones any JSON endpoint must refuse, then its fields' and its own. */
function badRequests(endpoint: Endpoint): BadRequest[] {
  const valid = () => endpoint.valid?.() ?? {};
  const json = (raw: string) => ({ raw, contentType: 'application/json' });
  const common: BadRequest[] =
    endpoint.json === false
      ? []
      : [
          { name: 'malformed JSON', send: () => json('{"id": "'), status: 400 },
          { name: 'a body over 1 MB', send: () => json(JSON.stringify({ ...valid(), padding: 'x'.repeat(MB) })), status: 413 },
          { name: 'a JSON array', send: () => ({ body: [valid()] }), status: 400 },
          { name: 'JSON sent as text/plain', send: () => ({ raw: JSON.stringify(valid()), contentType: 'text/plain' }), status: 415 },
          { name: 'an unknown field', send: () => ({ body: { ...valid(), isAdmin: true } }), status: 400, field: 'isAdmin' },
        ];
  if (endpoint.idempotencyKey === 'required') {
    common.push({
      name: 'no Idempotency-Key',
      send: () => ({ body: valid(), headers: { 'idempotency-key': undefined } }),
      status: 400,
      field: 'Idempotency-Key',
    });
  }
  if (endpoint.idempotencyKey) {
    common.push({
      name: 'a malformed Idempotency-Key',
      send: () => ({ body: valid(), headers: { 'idempotency-key': 'two words' } }),
      status: 400,
      field: 'Idempotency-Key',
    });
  }
  const fields = Object.entries(endpoint.fields ?? {}).flatMap(([field, values]) =>
    Object.entries(values).map(([what, value]): BadRequest => ({
      name: `${field}: ${what}`,
      send: () => ({ body: withField(valid(), field, value) }),
      status: 400,
      field,
    })),
  );
  return [...common, ...fields, ...(endpoint.cases ?? [])];
}

describe('bad input at every write endpoint: a 4xx problem naming the field, and nothing written', () => {
  const platform = new Platform({
    databasePrefix: 'jaring_badinput',
    firstPort: 15001,
    startAt: START,
    logFile: '.jaring/bad-input-platform.log',
    env: { enrollment: { IMPORT_MAX_BYTES: String(IMPORT_MAX_BYTES), IMPORT_MAX_ROWS: String(IMPORT_MAX_ROWS) } },
  });
  const url = (service: ServiceName) => platform.url(service);
  let before: TableContents;
  let thrown = 0;

  /**
   * Each table of every service database (schema public, whatever its tables) as its row count and a digest
   * of its rows' contents (an update changes it as surely as an insert), and the outbox rows not yet published.
   */
  type TableContents = Record<string, Record<string, string>>;
  async function tableContents(): Promise<{ counts: TableContents; unpublished: number }> {
    const counts: TableContents = {};
    let unpublished = 0;
    for (const service of SERVICE_NAMES) {
      const db = new Client({ connectionString: platform.databaseUrl(service) });
      await db.connect();
      try {
        const { rows: tables } = await db.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
        );
        counts[service] = {};
        for (const { table_name } of tables) {
          const quoted = (await db.query<{ q: string }>('SELECT quote_ident($1) AS q', [table_name])).rows[0].q;
          const [content] = (
            await db.query<{ n: number; digest: string }>(
              `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\n' ORDER BY t::text), '')) AS digest FROM public.${quoted} t`,
            )
          ).rows;
          counts[service][table_name] = `${content.n} rows ${content.digest}`;
        }
        unpublished += (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox_pending')).rows[0].n;
      } finally {
        await db.end();
      }
    }
    return { counts, unpublished };
  }

  /** The tables' contents once every event is published and consumed: nothing changed for 3 seconds. */
  async function contentsAtRest(): Promise<TableContents> {
    let last = '';
    let since = Date.now();
    return waitFor(
      async () => {
        const { counts, unpublished } = await tableContents();
        if (JSON.stringify(counts) !== last || unpublished > 0) {
          last = JSON.stringify(counts);
          since = Date.now();
          return undefined;
        }
        return Date.now() - since >= 3000 ? counts : undefined;
      },
      'every service database at rest',
      120_000,
      500,
    );
  }

  async function post(service: ServiceName, path: string, body: unknown, headers: Record<string, string> = {}, status = 201): Promise<any> {
    return expectStatus(await call(url(service), 'POST', path, { body, headers }), status, `${service} POST ${path}`).body;
  }

  async function createFixtures(): Promise<void> {
    fx.member = (await post('enrollment', '/v1/workers', { ...member, heirs: [spouse] }, officer())).id;
    fx.payer = (await post('enrollment', '/v1/workers', payer, officer())).id;
    const invoiceOf = (workerId: string) =>
      waitFor(
        async () => (await call(url('contributions'), 'GET', `/v1/workers/${workerId}/invoices`, { headers: channel() })).body?.items?.[0],
        `the first invoice of ${workerId}`,
        60_000,
        250,
      );
    const memberInvoice = await invoiceOf(fx.member);
    fx.payerOwes = (await invoiceOf(fx.payer)).amount;
    await post(
      'contributions',
      '/v1/payments',
      { workerId: fx.member, amount: memberInvoice.amount, channel: 'BANK_NTT', externalReference: 'NTT-FIXTURE-1' },
      { ...channel(), 'idempotency-key': randomUUID() },
    );

    // the valid bodies of the sweep's endpoints, accepted here: names with & ( ) / ' among them
    fx.funder = (await post('subsidies', '/v1/funders', validBodyOf('POST /v1/funders'), admin())).id;
    fx.partnerKey = (
      await post('subsidies', `/v1/funders/${fx.funder}/api-keys`, validBodyOf('POST /v1/funders/{funder}/api-keys'), admin())
    ).key;
    fx.programme = (
      await post('subsidies', '/v1/programmes', validBodyOf('POST /v1/programmes'), { ...partner(), 'idempotency-key': randomUUID() })
    ).id;

    // claims knows the member is covered (through contributions' events) before the claims are made
    const claimsDb = new Client({ connectionString: platform.databaseUrl('claims') });
    await claimsDb.connect();
    try {
      await waitFor(
        async () => (await claimsDb.query('SELECT 1 FROM coverage_periods WHERE worker_id = $1', [fx.member])).rowCount,
        'the coverage in claims',
        60_000,
        250,
      );
    } finally {
      await claimsDb.end();
    }
    const claim = async () => {
      const made = await post('claims', '/v1/claims', claimBody(fx.member), verifier());
      expect(made.eligibility).toMatchObject({ eligible: true });
      return made.id as string;
    };
    const [submitted, verified, batched, approved] = [await claim(), await claim(), await claim(), await claim()];
    for (const id of [verified, batched, approved])
      await post('claims', `/v1/claims/${id}/verification`, validBodyOf('POST /v1/claims/{submittedClaim}/verification'), verifier(), 200);
    await post('claims', `/v1/claims/${batched}/approval`, validBodyOf('POST /v1/claims/{verifiedClaim}/approval'), approver(), 200);
    const batch = await post('claims', '/v1/payout-batches', {}, { ...finance(), 'idempotency-key': randomUUID() });
    await post('claims', `/v1/claims/${approved}/approval`, {}, approver(), 200); // waits for the next batch: a bad request must not make it
    Object.assign(fx, { submittedClaim: submitted, verifiedClaim: verified, batch: batch.id, line: batch.lines[0].id });
  }

  beforeAll(async () => {
    await platform.start();
    await signInEveryCaller();
    await createFixtures();
    before = await contentsAtRest();
  }, 300_000);

  afterAll(async () => {
    await platform.stop();
  }, 60_000);

  describe.each(ENDPOINTS.map((endpoint) => [endpoint.route, endpoint] as const))('%s', (_route, endpoint) => {
    it.each(badRequests(endpoint).map((bad) => [bad.name, bad] as const))('refuses %s', async (_name, bad) => {
      const [method, template] = endpoint.route.split(' ');
      const path = template.replace(/\{(\w+)\}/g, (_, name: keyof typeof fx) => String(fx[name]));
      const spec = bad.send();
      const headers: Record<string, string | undefined> = {
        ...endpoint.headers?.(),
        ...(endpoint.idempotencyKey ? { 'idempotency-key': randomUUID() } : {}),
        ...spec.headers,
      };
      const answer: Answer = await call(url(endpoint.service), method, path, {
        body: spec.body,
        raw: spec.raw,
        contentType: spec.contentType,
        headers: Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined)),
      });
      thrown++;
      expect({ status: answer.status, contentType: answer.headers.get('content-type'), problem: answer.body }).toMatchObject({
        status: bad.status,
        contentType: 'application/problem+json; charset=utf-8',
        problem: { status: bad.status, title: expect.stringMatching(/\S/) },
      });
      if (bad.field) expect((answer.body?.errors ?? []).map((error: { field: string }) => error.field)).toContain(bad.field);
      if (bad.type) expect(answer.body?.type).toBe(bad.type);
    });
  });

  it('wrote nothing: every table of every service database has as many rows as before the sweep', async () => {
    expect(thrown).toBe(ENDPOINTS.reduce((sum, endpoint) => sum + badRequests(endpoint).length, 0));
    for (const service of SERVICE_NAMES) expect(Object.keys(before[service])).toContain('outbox');
    expect(await contentsAtRest()).toEqual(before);
  });
});
