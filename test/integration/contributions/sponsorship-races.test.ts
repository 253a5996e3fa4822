import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { EVENTS } from '@jaring/contracts';
import { AdjustableClock, Period } from '@jaring/domain';
import { FollowWorkersHandler } from '../../../apps/contributions/src/follow-workers/follow-workers.handler';
import { GrantSponsorshipHandler } from '../../../apps/contributions/src/grant-sponsorship/grant-sponsorship.handler';
import { RunBillingHandler } from '../../../apps/contributions/src/run-billing/run-billing.handler';
import { waitFor } from '../../support/wait-for';
import { ContributionsHarness } from './contributions-harness';

/**
 * A sponsorship grant arriving while another transaction is issuing the same worker's invoice: the two
 * transactions are held open at once here, as a broker's backlog or a billing run makes them in production.
 * Whatever the order, the invoice of a sponsored month must end up the sponsor's (re-issued if it was first
 * issued to the worker), never the worker's own with the sponsor's month left unpaid.
 */
describe('contributions: a sponsorship grant racing the invoice it sponsors', () => {
  const clock = new AdjustableClock('2026-11-05T02:00:00Z');
  const harness = new ContributionsHarness('jaring_test_contributions_races', clock);
  let accounts: FollowWorkersHandler;
  let billing: RunBillingHandler;
  let sponsorships: GrantSponsorshipHandler;

  beforeAll(async () => {
    await harness.start();
    accounts = harness.app.get(FollowWorkersHandler);
    billing = harness.app.get(RunBillingHandler);
    sponsorships = harness.app.get(GrantSponsorshipHandler);
  });
  afterAll(() => harness.stop());

  const grantOf = (workerId: string, firstPeriod: string) =>
    harness.envelope(EVENTS.SponsorshipGranted, workerId, harness.sponsorshipGrant(workerId, { firstPeriod }));
  const registrationOf = (workerId: string) => harness.envelope(EVENTS.WorkerRegistered, workerId, harness.registration({ workerId }));

  /**
   * Runs `first` in a transaction left open, then `second` in another, and commits the first only once the
   * second is blocked on one of the first's locks (PostgreSQL's pg_blocking_pids says so), or has finished:
   * without a lock between them the second runs to its end blind to the first's rows, which is the race.
   * Answers whether the second waited for the first: the lock that serialises them.
   */
  async function overlap(first: (m: EntityManager) => Promise<unknown>, second: (m: EntityManager) => Promise<unknown>): Promise<boolean> {
    const runner = harness.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>;
      await first(runner.manager);
      let finished = false;
      const secondDone = harness.dataSource.transaction(second).finally(() => (finished = true));
      const blocked = await waitFor(
        async () => (finished ? 'finished' : (await blockedBy(pid)) ? 'blocked' : undefined),
        'the second transaction blocked on the first, or finished',
      );
      await runner.commitTransaction();
      await secondDone;
      return blocked === 'blocked';
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  /** Whether another backend is waiting for a lock the backend `pid` holds. */
  async function blockedBy(pid: number): Promise<boolean> {
    const [row] = await harness.dataSource.query<Array<{ waiting: number }>>(
      'SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
      [pid],
    );
    return row.waiting > 0;
  }

  async function liveInvoices(workerId: string, period: string): Promise<Array<{ payer: string; sponsorship_id: string | null }>> {
    return harness.dataSource.query(
      `SELECT payer, sponsorship_id FROM invoices WHERE worker_id = $1 AND period = $2 AND status <> 'VOID'`,
      [workerId, period],
    );
  }

  async function registerNow(workerId: string): Promise<void> {
    await harness.dataSource.transaction((m) => accounts.register(m, [registrationOf(workerId)]));
  }

  /** A billing batch over exactly this worker's account. */
  const billOne = (workerId: string, period: Period) => (m: EntityManager) =>
    billing.billBatch(m, period, { after: null, from: workerId, to: nextId(workerId) });

  it('a registration first, the grant while its first invoice is uncommitted: the invoice is re-issued to the sponsor', async () => {
    const workerId = randomUUID();
    const grant = grantOf(workerId, '2026-11');
    const waited = await overlap(
      (m) => accounts.register(m, [registrationOf(workerId)]),
      (m) => sponsorships.grant(m, [grant]),
    );
    expect(waited).toBe(true);
    expect(await liveInvoices(workerId, '2026-11')).toEqual([{ payer: 'APBD', sponsorship_id: grant.data.sponsorshipId }]);
  });

  it('the grant first, the registration while the grant is uncommitted: the first invoice is the sponsor’s', async () => {
    const workerId = randomUUID();
    const grant = grantOf(workerId, '2026-11');
    const waited = await overlap(
      (m) => sponsorships.grant(m, [grant]),
      (m) => accounts.register(m, [registrationOf(workerId)]),
    );
    expect(waited).toBe(true);
    expect(await liveInvoices(workerId, '2026-11')).toEqual([{ payer: 'APBD', sponsorship_id: grant.data.sponsorshipId }]);
  });

  it('a billing batch first, the grant while its invoices are uncommitted: the month is re-issued to the sponsor', async () => {
    const workerId = randomUUID();
    await registerNow(workerId);
    const grant = grantOf(workerId, '2026-12');
    expect(await overlap(billOne(workerId, Period.parse('2026-12')), (m) => sponsorships.grant(m, [grant]))).toBe(true);
    expect(await liveInvoices(workerId, '2026-12')).toEqual([{ payer: 'APBD', sponsorship_id: grant.data.sponsorshipId }]);
  });

  it('the grant first, a billing batch while the grant is uncommitted: the batch bills the sponsor', async () => {
    const workerId = randomUUID();
    await registerNow(workerId);
    const grant = grantOf(workerId, '2027-01');
    expect(await overlap((m) => sponsorships.grant(m, [grant]), billOne(workerId, Period.parse('2027-01')))).toBe(true);
    expect(await liveInvoices(workerId, '2027-01')).toEqual([{ payer: 'APBD', sponsorship_id: grant.data.sponsorshipId }]);
  });
});

/** The uuid right after `id` in PostgreSQL's order (bytes compared as unsigned): the end of a one-account range. */
function nextId(id: string): string {
  const hex = id.replace(/-/g, '');
  const next = (BigInt(`0x${hex}`) + 1n).toString(16).padStart(32, '0');
  return `${next.slice(0, 8)}-${next.slice(8, 12)}-${next.slice(12, 16)}-${next.slice(16, 20)}-${next.slice(20)}`;
}
