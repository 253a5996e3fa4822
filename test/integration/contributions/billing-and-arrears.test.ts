import { randomUUID } from 'node:crypto';
import { EVENTS } from '@jaring/contracts';
import { AdjustableClock } from '@jaring/domain';
import { waitFor } from '../../support/wait-for';
import { ContributionsHarness } from './contributions-harness';

/**
 * Walks three workers through months on an AdjustableClock: duplicate events, billing runs (repeated,
 * and crashed half way then resumed), an income change from its effective period, overdue invoices,
 * the lapse after more than 3 unpaid months (docs/rules.md) and re-joining from the current period.
 * Batches of 2 workers, so that the billing run really works in several transactions.
 */
describe('contributions: billing runs, arrears, lapse and re-joining', () => {
  const clock = new AdjustableClock('2026-10-05T02:00:00Z');
  const harness = new ContributionsHarness('jaring_test_contributions_billing', clock, { BILLING_BATCH_SIZE: '2' });
  let payer: string; // pays every month
  let never: string; // never pays
  let once: string; // pays October only, lapses, re-joins
  let quiet: string; // never pays either; the billing run crashes on it

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  async function invoicesOf(workerId: string, period: string): Promise<any[]> {
    return (await harness.invoices(workerId)).filter((i) => i.period === period);
  }

  it('registers workers once, however often the event comes', async () => {
    const data = harness.registration();
    payer = data.workerId;
    const id = randomUUID();
    await harness.produce(EVENTS.WorkerRegistered, payer, data, id);
    await harness.produce(EVENTS.WorkerRegistered, payer, data, id); // redelivered: same event id
    const again = await harness.produce(EVENTS.WorkerRegistered, payer, data); // re-sent: a new event id
    await harness.processed(again.id, 'the re-sent registration to be processed');
    expect(await harness.invoices(payer)).toEqual([expect.objectContaining({ period: '2026-10', amount: 8_400, dueDate: '2026-10-15' })]);
    expect(await harness.waitForEvent(payer, 'contributions.invoice.issued')).toHaveLength(1);

    never = (await harness.register()).workerId;
    once = (await harness.register()).workerId;
    quiet = (await harness.register()).workerId;
    expect((await harness.pay({ workerId: payer, amount: 8_400 })).status).toBe(201);
    expect((await harness.pay({ workerId: once, amount: 8_400 })).status).toBe(201);
  });

  it('marks invoices unpaid after their due date OVERDUE, once', async () => {
    clock.set('2026-10-16T01:00:00Z');
    const result = await harness.arrearsRun();
    expect(result.overdue).toBe(2);
    expect(result).toMatchObject({ asOf: '2026-10-16', trigger: 'HTTP', requestedBy: { subject: 'operator', clientId: 'operator' } });
    expect(
      await harness.dataSource.query(
        'SELECT status, trigger, requested_by_subject, requested_by_client, overdue FROM arrears_runs WHERE id = $1',
        [result.id],
      ),
    ).toEqual([
      { status: 'DONE', trigger: 'HTTP', requested_by_subject: 'operator', requested_by_client: 'operator', overdue: result.overdue },
    ]);
    for (const workerId of [never, quiet]) {
      expect((await invoicesOf(workerId, '2026-10'))[0].status).toBe('OVERDUE');
      const [overdue] = await harness.waitForEvent(workerId, 'contributions.invoice.overdue');
      expect(overdue.data).toMatchObject({ workerId, period: '2026-10', amount: 8_400, dueDate: '2026-10-15' });
    }
    expect((await invoicesOf(payer, '2026-10'))[0].status).toBe('PAID');
    await harness.arrearsRun();
    expect(harness.events(never, 'contributions.invoice.overdue')).toHaveLength(1);
  });

  it('bills every active worker once per period, even when the run is repeated', async () => {
    clock.set('2026-11-02T01:00:00Z');
    const run = await harness.billingRun();
    // the operator's client credentials: its subject is the client itself
    expect(run).toMatchObject({
      period: '2026-11',
      status: 'DONE',
      trigger: 'HTTP',
      requestedBy: { subject: 'operator', clientId: 'operator' },
    });
    expect(run.invoicesIssued).toBe(4);
    const again = await harness.billingRun('2026-11');
    expect(again).toMatchObject({ status: 'DONE', invoicesIssued: 0 });
    for (const workerId of [payer, never, once, quiet]) {
      expect(await invoicesOf(workerId, '2026-11')).toEqual([
        expect.objectContaining({ amount: 8_400, status: 'ISSUED', dueDate: '2026-11-16' }),
      ]);
    }
    expect((await harness.pay({ workerId: payer, amount: 8_400 })).status).toBe(201);
  });

  it('applies an income change from its effective period', async () => {
    const changed = await harness.produce(EVENTS.WorkerChanged, payer, {
      workerId: payer,
      declaredMonthlyIncome: 2_000_000,
      programs: ['JKK', 'JKM'],
      effectiveFrom: '2026-12',
    });
    await harness.processed(changed.id, 'the income change to be processed');
    expect((await invoicesOf(payer, '2026-11'))[0].amount).toBe(8_400);
  });

  it('finishes a billing run that crashed half way, without a second invoice for anyone', async () => {
    clock.set('2026-12-01T01:00:00Z');
    // A real failure inside PostgreSQL while the run works: the batch holding `quiet` rolls back.
    await harness.dataSource.query(`
      CREATE FUNCTION crash_billing() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.worker_id = '${quiet}' AND NEW.period = '2026-12' THEN RAISE EXCEPTION 'simulated crash while billing'; END IF;
        RETURN NEW;
      END $$`);
    await harness.dataSource.query('CREATE TRIGGER crash_billing BEFORE INSERT ON invoices FOR EACH ROW EXECUTE FUNCTION crash_billing()');
    const crashed = await harness.billingRun('2026-12');
    expect(crashed.status).toBe('FAILED');
    expect(crashed.error).toContain('simulated crash');
    expect(await invoicesOf(quiet, '2026-12')).toHaveLength(0);
    // Which other batches committed before the crash depends on the two lanes' timing: what matters is
    // that the resumed run completes everyone exactly once (below).

    await harness.dataSource.query('DROP TRIGGER crash_billing ON invoices');
    const resumed = await harness.billingRun('2026-12');
    expect(resumed.status).toBe('DONE');
    for (const workerId of [payer, never, once, quiet]) {
      expect(await invoicesOf(workerId, '2026-12')).toHaveLength(1);
      const issued = harness.events(workerId, 'contributions.invoice.issued').filter((e) => e.data.period === '2026-12');
      expect(issued.length).toBeLessThanOrEqual(1);
    }
    await waitFor(
      () =>
        [payer, never, once, quiet].every((w) =>
          harness.events(w, 'contributions.invoice.issued').some((e) => e.data.period === '2026-12'),
        ),
      'every 2026-12 invoice announced',
    );
    // The new income from 2026-12: JKK 1% of 2,000,000 halved (PP 50/2025) + JKM 3,400.
    expect((await invoicesOf(payer, '2026-12'))[0]).toMatchObject({
      amount: 13_400,
      lines: [
        { program: 'JKK', amount: 10_000 },
        { program: 'JKM', amount: 3_400 },
      ],
    });
    expect((await harness.pay({ workerId: payer, amount: 13_400 })).status).toBe(201);
  });

  it('lapses a member after more than 3 consecutive unpaid months, and voids what can no longer be paid', async () => {
    clock.set('2026-12-31T23:00:00Z');
    await harness.arrearsRun();
    expect((await harness.coverage(never)).status).toBe('PENDING_PAYMENT');

    clock.set('2027-01-01T01:00:00Z'); // October, November, December unpaid: lapse on 1 January
    await harness.arrearsRun();
    expect(await harness.coverage(never)).toMatchObject({ status: 'LAPSED', covered: false, lapsedOn: '2027-01-01', lapsesOn: null });
    const [lapsed] = await harness.waitForEvent(never, 'contributions.coverage.lapsed');
    expect(lapsed.data).toEqual({ workerId: never, lapsedOn: '2027-01-01', reason: 'UNPAID_MONTHS' });
    expect((await harness.invoices(never)).every((i) => i.status === 'VOID')).toBe(true);
    expect((await harness.coverage(once)).status).toBe('ACTIVE'); // paid October: lapses on 1 February
    expect((await harness.coverage(payer)).status).toBe('ACTIVE');

    // A lapsed member is not billed any more.
    clock.set('2027-01-02T01:00:00Z');
    await harness.billingRun('2027-01');
    expect(await invoicesOf(never, '2027-01')).toHaveLength(0);
    expect(await invoicesOf(once, '2027-01')).toHaveLength(1);

    clock.set('2027-02-01T00:30:00Z');
    await harness.arrearsRun();
    expect(await harness.coverage(once, '2026-10-20')).toMatchObject({
      status: 'LAPSED',
      covered: true,
      paidUntil: '2026-10-31',
      periods: ['2026-10'],
    });
    const [onceLapsed] = await harness.waitForEvent(once, 'contributions.coverage.lapsed');
    expect(onceLapsed.data).toEqual({ workerId: once, lapsedOn: '2027-02-01', lastCoveredDay: '2026-10-31', reason: 'UNPAID_MONTHS' });
  });

  it('re-joins a lapsed member from the current period; coverage never reaches back over the gap', async () => {
    clock.set('2027-02-10T03:00:00Z');
    const arrears = await harness.pay({ workerId: once, amount: 16_800 * 2 }); // the old unpaid months are gone
    expect(arrears.status).toBe(422);
    const rejoin = await harness.pay({ workerId: once, amount: 16_800 });
    expect(rejoin.status).toBe(201);
    expect(rejoin.body.appliedTo).toEqual([expect.objectContaining({ period: '2027-02', amount: 16_800 })]);
    expect(await harness.coverage(once, '2027-02-20')).toMatchObject({
      status: 'ACTIVE',
      covered: true,
      paidUntil: '2027-02-28',
      periods: ['2026-10', '2027-02'],
      lapsesOn: '2027-06-01',
    });
    expect((await harness.coverage(once, '2026-12-20')).covered).toBe(false);
    const activations = await harness.waitForEvent(once, 'contributions.coverage.activated', 2);
    expect(activations[1].data).toEqual({
      workerId: once,
      programs: ['JKK', 'JKM'],
      periods: ['2027-02'],
      coveredFrom: '2027-02-01',
      coveredUntil: '2027-02-28',
    });
  });

  it('keeps the ledger balanced after all of it', async () => {
    expect(await harness.ledgerCheck()).toMatchObject({ total: 0, unbalanced: 0 });
  });
});
