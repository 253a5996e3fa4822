import { randomInt, randomUUID } from 'node:crypto';
import { EVENTS, type EventEnvelope, type WorkerRegisteredV2 } from '@jaring/contracts';
import { personTokenOf } from '../../support/identity';
import { sealedBirthDate } from '../../support/sealed-facts';
import { client, envelope, produce, type SubsidiesHarness } from './harness';

export interface WorkerSpec {
  regionCode?: string;
  occupation?: string;
  declaredMonthlyIncome?: number;
  programs?: string[];
  workerId?: string;
  membershipNumber?: string;
}

export function newMembershipNumber(): string {
  return String(randomInt(10_000_000_000, 99_999_999_999));
}

/** enrollment.worker.registered as enrollment announces it (no personal data; a keyed NIK hash). */
export function workerRegistered(h: SubsidiesHarness, spec: WorkerSpec = {}): EventEnvelope<WorkerRegisteredV2> {
  const workerId = spec.workerId ?? randomUUID();
  h.ownWorkers.add(workerId);
  return envelope(EVENTS.WorkerRegistered, workerId, {
    workerId,
    membershipNumber: spec.membershipNumber ?? newMembershipNumber(),
    nikHash: randomUUID().replace(/-/g, '').padEnd(64, 'a'),
    regionCode: spec.regionCode ?? '5371',
    occupation: spec.occupation ?? 'WEAVER',
    declaredMonthlyIncome: spec.declaredMonthlyIncome ?? 1_000_000,
    programs: spec.programs ?? ['JKK', 'JKM'],
    sealedBirthDate: sealedBirthDate(workerId, '1990-04-12'),
    registeredOn: h.clock.now().toISOString().slice(0, 10),
    heirs: [],
  });
}

/** Produces registrations and returns the worker ids, in order. */
export async function register(h: SubsidiesHarness, specs: WorkerSpec[]): Promise<string[]> {
  const events = specs.map((spec) => workerRegistered(h, spec));
  await produce(h.producer, events);
  return events.map((e) => e.data.workerId);
}

/** Waits until the service has recorded these workers (their registration's transaction committed). */
export async function workersSeen(h: SubsidiesHarness, workerIds: string[]): Promise<boolean> {
  const [{ n }] = await h.dataSource.query('SELECT count(*)::int AS n FROM workers WHERE worker_id = ANY ($1)', [workerIds]);
  return n === workerIds.length;
}

export interface FunderAccess {
  funderId: string;
  call: ReturnType<typeof client>;
}

/** A funder registered by a programme officer, and an API key for it that its partner calls with. */
export async function funderWithKey(
  h: SubsidiesHarness,
  officer: ReturnType<typeof client>,
  body: Record<string, unknown>,
): Promise<FunderAccess> {
  const funder = await officer('POST', '/v1/funders', body);
  if (funder.status !== 201) throw new Error(`funder: ${funder.status} ${funder.text}`);
  const key = await officer('POST', `/v1/funders/${funder.body.id}/api-keys`, {});
  if (key.status !== 201) throw new Error(`API key: ${key.status} ${key.text}`);
  return { funderId: funder.body.id, call: client(h.baseUrl, key.body.key) };
}

/** A client signed in as a development user through the login form (e.g. a funder's staff, `funder.ntt`); one sign-in per client. */
export function personClient(h: Pick<SubsidiesHarness, 'baseUrl'>, username: string): ReturnType<typeof client> {
  let token: Promise<string> | undefined;
  return client(h.baseUrl, async () => ({ authorization: `Bearer ${await (token ??= personTokenOf(username))}` }));
}

/** The body of a small programme of nominated workers, July to December 2026: for tests of who may do what. */
export function nominatedProgramme(funderId: string, name: string): Record<string, unknown> {
  return {
    funderId,
    name,
    budget: 1_000_000,
    coverageMonths: 3,
    programs: ['JKK', 'JKM'],
    startsOn: '2026-07-01',
    endsOn: '2026-12-31',
    selection: 'NOMINATED',
  };
}

export async function openProgramme(funder: FunderAccess, body: Record<string, unknown>): Promise<any> {
  const response = await funder.call(
    'POST',
    '/v1/programmes',
    {
      funderId: funder.funderId,
      name: 'programme',
      coverageMonths: 3,
      programs: ['JKK', 'JKM'],
      startsOn: '2026-07-01',
      endsOn: '2026-12-31',
      selection: 'AUTOMATIC',
      ...body,
    },
    { 'idempotency-key': randomUUID() },
  );
  if (response.status !== 201) throw new Error(`programme: ${response.status} ${response.text}`);
  return response.body;
}

export async function nominate(funder: FunderAccess, programmeId: string, body: Record<string, unknown>) {
  return funder.call('POST', `/v1/programmes/${programmeId}/nominations`, body, { 'idempotency-key': randomUUID() });
}

/** The programme's balances from its row and from its journal, to check that they agree. */
export async function ledgerOf(h: SubsidiesHarness, programmeId: string) {
  const [row] = await h.dataSource.query(
    'SELECT budget::bigint, available::bigint, reserved::bigint, spent::bigint FROM programmes WHERE id = $1',
    [programmeId],
  );
  const journal = await h.dataSource.query(
    `SELECT account, sum(amount)::bigint AS balance FROM (
       SELECT credit_account AS account, amount FROM budget_entries WHERE programme_id = $1
       UNION ALL SELECT debit_account, -amount FROM budget_entries WHERE programme_id = $1) m GROUP BY account`,
    [programmeId],
  );
  const balance = (account: string) => Number(journal.find((j: { account: string }) => j.account === account)?.balance ?? 0);
  return {
    budget: Number(row.budget),
    available: Number(row.available),
    reserved: Number(row.reserved),
    spent: Number(row.spent),
    journal: { FUNDING: balance('FUNDING'), AVAILABLE: balance('AVAILABLE'), RESERVED: balance('RESERVED'), SPENT: balance('SPENT') },
  };
}

/** Checks the budget's invariants: reserved + spent + remaining = budget, nothing below zero, the journal agrees. */
export function expectBalancedLedger(ledger: Awaited<ReturnType<typeof ledgerOf>>): void {
  expect(ledger.available + ledger.reserved + ledger.spent).toBe(ledger.budget);
  expect(Math.min(ledger.available, ledger.reserved, ledger.spent)).toBeGreaterThanOrEqual(0);
  expect(ledger.journal).toEqual({ FUNDING: -ledger.budget, AVAILABLE: ledger.available, RESERVED: ledger.reserved, SPENT: ledger.spent });
}

export interface InvoiceSpec {
  workerId: string;
  period: string;
  sponsorshipId?: string;
  /** null: left out, as a producer older than the field would. */
  sponsoredAmount?: number | null;
  payer?: string;
  lines?: Array<{ program: string; amount: number }>;
  invoiceId?: string;
}

/** contributions.invoice.issued as contributions announces it; sponsored when it carries a sponsorshipId. */
export function invoiceIssued(spec: InvoiceSpec) {
  const lines = spec.lines ?? [
    { program: 'JKK', amount: 10_000 },
    { program: 'JKM', amount: 6_800 },
  ];
  return envelope(EVENTS.InvoiceIssued, spec.workerId, {
    invoiceId: spec.invoiceId ?? randomUUID(),
    workerId: spec.workerId,
    period: spec.period,
    amount: lines.reduce((sum, line) => sum + line.amount, 0),
    payer: spec.payer ?? (spec.sponsorshipId ? 'APBD' : 'SELF'),
    dueDate: `${spec.period}-15`,
    lines,
    ...(spec.sponsorshipId ? { sponsorshipId: spec.sponsorshipId } : {}),
    ...(spec.sponsorshipId && spec.sponsoredAmount !== null
      ? { sponsoredAmount: spec.sponsoredAmount ?? lines.reduce((sum, line) => sum + line.amount, 0) }
      : {}),
  });
}

/** The worker's sponsorship ids, oldest first. */
export async function sponsorshipIdsOf(h: SubsidiesHarness, workerId: string): Promise<string[]> {
  const rows = await h.dataSource.query('SELECT id FROM sponsorships WHERE worker_id = $1 ORDER BY first_period', [workerId]);
  return rows.map((r: { id: string }) => r.id);
}

/** Waits until the service has applied these events (their ids are in its inbox). */
export async function processed(h: SubsidiesHarness, eventIds: string[]): Promise<boolean> {
  const [{ n }] = await h.dataSource.query(
    'SELECT count(DISTINCT event_id)::int AS n FROM processed_events WHERE event_id = ANY ($1::uuid[])',
    [eventIds],
  );
  return n === eventIds.length;
}
