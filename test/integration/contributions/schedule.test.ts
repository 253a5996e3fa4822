import { randomUUID } from 'node:crypto';
import { EVENTS } from '@jaring/contracts';
import { AdjustableClock } from '@jaring/domain';
import { waitFor } from '../../support/wait-for';
import { ContributionsHarness } from './contributions-harness';

/**
 * The monthly schedule as it runs in production: an interval (here 200 ms) that bills the current
 * period when its run has not finished and evaluates arrears on the clock. The test only moves the clock.
 * Also deregistration: billing stops, later unpaid invoices are voided, coverage ends.
 */
describe('contributions: the schedule and deregistration', () => {
  const clock = new AdjustableClock('2026-11-20T05:00:00Z');
  const harness = new ContributionsHarness('jaring_test_contributions_schedule', clock, { SCHEDULE_INTERVAL_MS: '200' });

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('registering after the 15th: the first invoice is due that day, not already overdue', async () => {
    const { firstInvoice } = await harness.register();
    expect(firstInvoice).toMatchObject({ period: '2026-11', dueDate: '2026-11-20', status: 'ISSUED' });
  });

  it('bills the new period and marks arrears by itself when the month turns', async () => {
    const { workerId, firstInvoice } = await harness.register();
    clock.set('2026-12-02T01:00:00Z');
    const december = await waitFor(
      async () => (await harness.invoices(workerId)).find((i) => i.period === '2026-12'),
      'the scheduled billing of 2026-12',
    );
    expect(december).toMatchObject({ amount: 8_400, status: 'ISSUED', dueDate: '2026-12-15' });
    await waitFor(
      async () => (await harness.invoices(workerId)).find((i) => i.id === firstInvoice.id)?.status === 'OVERDUE',
      'November overdue',
    );
    const runs = await harness.dataSource.query<Array<{ status: string; trigger: string }>>(
      `SELECT status, trigger, requested_by_subject, requested_by_client FROM billing_runs WHERE period = '2026-12'`,
    );
    // The schedule's runs say so where an operator's say who asked.
    expect(runs).toEqual([{ status: 'DONE', trigger: 'SCHEDULE', requested_by_subject: 'schedule', requested_by_client: 'contributions' }]);
    const arrears = await waitFor(
      async () =>
        (
          await harness.dataSource.query<unknown[]>(
            `SELECT status, trigger, requested_by_subject, requested_by_client FROM arrears_runs WHERE as_of = '2026-12-02' AND overdue > 0`,
          )
        )[0],
      'the scheduled arrears run on record',
    );
    expect(arrears).toEqual({
      status: 'DONE',
      trigger: 'SCHEDULE',
      requested_by_subject: 'schedule',
      requested_by_client: 'contributions',
    });
    // A tick that changes nothing (one every 200 ms here) leaves nothing on record.
    expect(await harness.dataSource.query(`SELECT 1 FROM arrears_runs WHERE overdue = 0 AND lapsed = 0`)).toEqual([]);
  });

  it('stops billing a deregistered worker, voids later unpaid invoices and ends coverage', async () => {
    const { workerId } = await harness.register();
    expect((await harness.pay({ workerId, amount: 8_400 })).status).toBe(201); // December
    const event = await harness.produce(
      EVENTS.WorkerDeregistered,
      workerId,
      { workerId, deregisteredOn: '2026-12-10', reason: 'moved abroad' },
      randomUUID(),
    );
    const [lapsed] = await harness.waitForEvent(workerId, 'contributions.coverage.lapsed');
    expect(lapsed.data).toEqual({ workerId, lapsedOn: '2026-12-10', lastCoveredDay: '2026-12-10', reason: 'DEREGISTERED' });
    expect(lapsed.causationId).toBe(event.id);
    expect(await harness.coverage(workerId, '2026-12-05')).toMatchObject({ status: 'DEREGISTERED', covered: true, lapsesOn: null });
    expect((await harness.coverage(workerId, '2026-12-11')).covered).toBe(false);
    const refused = await harness.pay({ workerId, amount: 16_800 });
    expect(refused.status).toBe(422);
    clock.set('2027-01-03T01:00:00Z');
    await waitFor(
      async () =>
        (await harness.dataSource.query<unknown[]>(`SELECT 1 FROM billing_runs WHERE period = '2027-01' AND status = 'DONE'`)).length === 1,
      'the scheduled billing of 2027-01',
    );
    expect((await harness.invoices(workerId)).map((i) => i.period)).toEqual(['2026-12']);
  });
});
