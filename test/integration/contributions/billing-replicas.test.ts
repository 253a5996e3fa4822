import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AdjustableClock, Period } from '@jaring/domain';
import { CLOCK } from '@jaring/platform';
import { ContributionsConfig } from '../../../apps/contributions/src/contributions.config';
import { type BillingRun, GetBillingRunQuery } from '../../../apps/contributions/src/get-billing-run/get-billing-run.query';
import { InvoiceIssuer } from '../../../apps/contributions/src/invoices/invoice-issuer';
import { RunBillingHandler } from '../../../apps/contributions/src/run-billing/run-billing.handler';
import { SCHEDULED } from '../../../apps/contributions/src/runs/run-request';
import { databaseUrlFor, testInfrastructure } from '../../support/infrastructure';
import { waitFor } from '../../support/wait-for';
import { ContributionsHarness } from './contributions-harness';

/**
 * Two replicas of contributions starting the same period's billing run at once, on one database (as two pods
 * whose schedules fire in the same minute): one runs it, the other is refused by the advisory lock, and every
 * worker is billed once. The first run is held in the middle (an account it must read is locked from outside)
 * so that the second starts while the first certainly holds the lock.
 */
describe('contributions: two replicas start one billing run at once', () => {
  const DATABASE = 'jaring_test_contributions_billing_replicas';
  const clock = new AdjustableClock('2026-11-05T02:00:00Z');
  const harness = new ContributionsHarness(DATABASE, clock, { BILLING_BATCH_SIZE: '3' });
  const workers: string[] = [];

  beforeAll(async () => {
    await harness.start();
    for (let i = 0; i < 12; i++) workers.push((await harness.register()).workerId);
  });
  afterAll(() => harness.stop());

  /** Another replica's handler: the same code and database, its own memory of the runs it started. */
  function anotherReplica(): RunBillingHandler {
    const app = harness.app;
    return new RunBillingHandler(
      app.get(DataSource),
      app.get(InvoiceIssuer),
      app.get(GetBillingRunQuery),
      app.get(ContributionsConfig),
      app.get(CLOCK),
    );
  }

  it('one replica bills every worker once; the other is refused while the first holds the period', async () => {
    const period = Period.parse('2026-12');
    const first = harness.app.get(RunBillingHandler);
    const second = anotherReplica();
    expect(second).not.toBe(first);

    // An account locked from outside holds the first run in its batch: it has taken the period's lock by then.
    const holder = new Client({ connectionString: databaseUrlFor(testInfrastructure().databaseUrl, DATABASE) });
    await holder.connect();
    const held = [...workers].sort()[4];
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM accounts WHERE worker_id = $1 FOR UPDATE', [held]);
    const [{ pid }] = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    let firstDone: Promise<BillingRun>;
    try {
      const started = await first.start(period, SCHEDULED);
      firstDone = started.done;
      await waitFor(
        async () =>
          (await harness.dataSource.query<unknown[]>('SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid]))
            .length > 0,
        'the first run blocked on the held account, in the middle of its work',
      );
      const refused = await (await second.start(period, SCHEDULED)).done;
      expect(refused).toMatchObject({ status: 'FAILED', error: 'another billing run of 2026-12 is in progress', invoicesIssued: 0 });
    } finally {
      await holder.query('COMMIT');
      await holder.end();
    }
    expect(await firstDone).toMatchObject({ status: 'DONE', invoicesIssued: workers.length, workersBilled: workers.length });
    const [billed] = await harness.dataSource.query<Array<{ invoices: number; workers: number }>>(
      `SELECT count(*)::int AS invoices, count(DISTINCT worker_id)::int AS workers FROM invoices WHERE period = '2026-12' AND status <> 'VOID'`,
    );
    expect(billed).toEqual({ invoices: workers.length, workers: workers.length });
  });
});
