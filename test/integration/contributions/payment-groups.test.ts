import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AdjustableClock } from '@jaring/domain';
import { RecordPaymentHandler } from '../../../apps/contributions/src/record-payment/record-payment.handler';
import { as } from '../../support/identity';
import { databaseUrlFor, testInfrastructure } from '../../support/infrastructure';
import { waitFor } from '../../support/wait-for';
import { ContributionsHarness } from './contributions-harness';

const GROUP = 10;
const PROBLEM = 'https://jaring.id/problems/';

/**
 * POST /v1/payments by group commit. The service here commits a group only when it is full (10 payments; a
 * window of 10 s that the tests never wait for), so which requests share a transaction is known, not
 * hoped for: each test sends whole groups of 10 at once, and the handler counts the groups it committed (one
 * transaction each). PostgreSQL confirms it from outside: rows of different transactions never share an
 * `xmin` (a savepoint's rows have one of their own), so N distinct xmins prove at most N transactions.
 * Amounts from docs/rules.md: Rp8,400 a month in 2026 for these self-paying traders.
 */
describe('contributions: payments by group commit', () => {
  const clock = new AdjustableClock('2026-11-05T03:00:00Z');
  const harness = new ContributionsHarness('jaring_test_contributions_payment_groups', clock, {
    PAYMENT_GROUP_SIZE: String(GROUP),
    PAYMENT_GROUP_WINDOW_MS: '10000',
  });

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  type Answer = { status: number; body: any; headers: Headers };

  /** Registers `count` workers at once; their first invoice (2026-11, Rp8,400) each. */
  async function workers(count: number): Promise<Array<{ workerId: string; invoiceId: string }>> {
    const registered = await Promise.all(Array.from({ length: count }, () => harness.register()));
    return registered.map(({ workerId, firstInvoice }) => ({ workerId, invoiceId: firstInvoice.id as string }));
  }

  /** Sends whole groups at once (their count a multiple of the group's size); the answers in the same order. */
  async function payAtOnce(requests: Array<{ body: Record<string, unknown>; key?: string; channel?: string }>): Promise<Answer[]> {
    expect(requests.length % GROUP).toBe(0);
    const headers = await Promise.all(requests.map((r) => as(r.channel ?? 'channel-bank-ntt')));
    return Promise.all(
      requests.map((r, i) =>
        harness.post(
          '/v1/payments',
          { externalReference: `TRX-${randomUUID()}`, ...r.body },
          { 'idempotency-key': r.key ?? randomUUID(), ...headers[i] },
        ),
      ),
    );
  }

  /** How many payments of these workers there are, and how many distinct xmins their rows have (at least one per transaction). */
  async function written(workerIds: string[]): Promise<{ payments: number; xmins: number }> {
    const [row] = await harness.dataSource.query<Array<{ payments: number; xmins: number }>>(
      'SELECT count(*)::int AS payments, count(DISTINCT xmin::text)::int AS xmins FROM payments WHERE worker_id = ANY($1::uuid[])',
      [workerIds],
    );
    return row;
  }

  const groups = () => harness.app.get(RecordPaymentHandler).groups;

  it('settles 50 concurrent payments once each, in 5 transactions of 10, answers stored with their payments', async () => {
    const payers = await workers(50);
    const before = groups();
    const answers = await payAtOnce(payers.map(({ workerId }) => ({ body: { workerId, amount: 8_400 } })));

    expect(answers.map((a) => a.status)).toEqual(payers.map(() => 201));
    answers.forEach((answer, i) =>
      expect(answer.body).toMatchObject({
        workerId: payers[i].workerId,
        amount: 8_400,
        channel: 'BANK_NTT',
        monthsAhead: 0,
        appliedTo: [{ invoiceId: payers[i].invoiceId, period: '2026-11', amount: 8_400 }],
      }),
    );
    const ids = payers.map((p) => p.workerId);
    expect(await written(ids)).toEqual({ payments: 50, xmins: 5 });
    expect(groups()).toEqual({ groups: before.groups + 5, items: before.items + 50 });
    // Each answer was stored by its payment's transaction, and each payment's invoice.paid left with it: the
    // same xmin, as none of these rows is ever updated (the relay moves its cursor, not the outbox's rows).
    const [together] = await harness.dataSource.query<Array<{ answers: number; events: number }>>(
      `SELECT count(DISTINCT k.key)::int AS answers, count(DISTINCT o.event_id)::int AS events
         FROM payments p
         JOIN idempotency_keys k ON (k.response_body->>'id')::uuid = p.id AND k.xmin = p.xmin
         JOIN outbox o ON o.event_type = 'contributions.invoice.paid' AND o.payload->'data'->>'paymentId' = p.id::text
                      AND o.xmin = p.xmin
        WHERE p.worker_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(together).toEqual({ answers: 50, events: 50 });
    const [paid] = await harness.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM invoices WHERE worker_id = ANY($1::uuid[]) AND status = 'PAID' AND worker_paid = 8400`,
      [ids],
    );
    expect(paid.n).toBe(50);
    expect(await harness.ledgerCheck()).toMatchObject({ total: 0, unbalanced: 0 });
  });

  it('fails a bad payment alone, with its own problem, and commits its neighbours', async () => {
    const payers = await workers(8);
    // A reference already recorded, in an earlier group: sent again below under another key, for another worker.
    const [earlierPayer] = await workers(1);
    const earlier = await payAtOnce([
      { body: { workerId: earlierPayer.workerId, amount: 8_400, externalReference: 'TRX-GROUP-EARLIER' } },
      ...(await workers(GROUP - 1)).map(({ workerId }) => ({ body: { workerId, amount: 8_400 } })),
    ]);
    expect(earlier.map((a) => a.status)).toEqual(Array.from({ length: GROUP }, () => 201));

    const good = payers.slice(0, 7);
    const wrongAmount = payers[7];
    const unknown = randomUUID();
    const [againPayer] = await workers(1);
    const before = groups();
    const answers = await payAtOnce([
      ...good.slice(0, 3).map(({ workerId }) => ({ body: { workerId, amount: 8_400 } })),
      { body: { workerId: wrongAmount.workerId, amount: 10_000 } },
      { body: { workerId: unknown, amount: 8_400 } },
      { body: { workerId: againPayer.workerId, amount: 8_400, externalReference: 'TRX-GROUP-EARLIER' } },
      ...good.slice(3).map(({ workerId }) => ({ body: { workerId, amount: 8_400 } })),
    ]);

    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 422, 404, 409, 201, 201, 201, 201]);
    expect(answers[3].body).toMatchObject({
      type: `${PROBLEM}payment-amount-not-accepted`,
      errors: [expect.objectContaining({ field: 'amount' })],
      acceptedAmounts: [
        { amount: 8_400, covers: '1 open invoice (2026-11..2026-11)' },
        { amount: 16_800, covers: '1 open invoice and 1 month ahead (to 2026-12)' },
        { amount: 50_400, covers: '1 open invoice and 3 months ahead (to 2027-02)' },
        { amount: 100_800, covers: '1 open invoice and 6 months ahead (to 2027-05)' },
        { amount: 201_600, covers: '1 open invoice and 12 months ahead (to 2027-11)' },
      ],
    });
    expect(answers[4].body.type).toBe(`${PROBLEM}worker-not-found`);
    expect(answers[5].body).toMatchObject({ type: `${PROBLEM}payment-already-recorded`, paymentId: earlier[0].body.id });
    expect(await written(good.map((p) => p.workerId))).toEqual({ payments: 7, xmins: 1 });
    expect(groups()).toEqual({ groups: before.groups + 1, items: before.items + GROUP });
    expect(await written([wrongAmount.workerId, unknown, againPayer.workerId])).toEqual({ payments: 0, xmins: 0 });
    expect((await harness.invoices(wrongAmount.workerId))[0]).toMatchObject({ status: 'ISSUED', paidAmount: 0 });
    expect((await harness.invoices(againPayer.workerId))[0]).toMatchObject({ status: 'ISSUED', paidAmount: 0 });
  });

  it('gives the same Idempotency-Key twice in one group one payment: 201, and 409 to the other; then replays', async () => {
    const [payer] = await workers(1);
    const others = await workers(GROUP - 2);
    const key = randomUUID();
    const body = { workerId: payer.workerId, amount: 8_400, externalReference: `TRX-${key}` };
    const answers = await payAtOnce([
      { body, key },
      ...others.map(({ workerId }) => ({ body: { workerId, amount: 8_400 } })),
      { body, key },
    ]);

    expect(answers.map((a) => a.status)).toEqual([201, ...others.map(() => 201), 409]);
    expect(answers[GROUP - 1].body.type).toBe(`${PROBLEM}idempotency-key-in-use`);
    expect(await written([payer.workerId])).toEqual({ payments: 1, xmins: 1 });
    // Once the group has committed, the same key and body replay the first answer.
    const fillers = await workers(GROUP - 1);
    const later = await payAtOnce([{ body, key }, ...fillers.map(({ workerId }) => ({ body: { workerId, amount: 8_400 } }))]);
    expect(later[0].status).toBe(201);
    expect(later[0].body).toEqual(answers[0].body);
    expect(later[0].headers.get('idempotent-replayed')).toBe('true');
    expect(await written([payer.workerId])).toEqual({ payments: 1, xmins: 1 });
  });

  it("keeps keys with quotes, backslashes and SQL in them exactly (they travel inlined in the group's SQL): each replays its own answer", async () => {
    // Printable ASCII without spaces is what an Idempotency-Key may hold: characters PostgreSQL's quoting must get right.
    const nasty = [
      `o'brien-${randomUUID()}`,
      `back\\slash\\'-${randomUUID()}`,
      `');DELETE/**/FROM/**/payments;--${randomUUID()}`,
      `$$dollar$$-"double"-${randomUUID()}`,
      `E'\\x00'-${randomUUID()}`,
    ];
    const payers = await workers(GROUP);
    const requests = payers.map(({ workerId }, i) => ({
      body: { workerId, amount: 8_400, externalReference: `TRX-${randomUUID()}` },
      key: nasty[i % nasty.length] + (i < nasty.length ? '' : '-again'),
    }));
    const first = await payAtOnce(requests);
    expect(first.map((a) => a.status)).toEqual(payers.map(() => 201));
    expect(await written(payers.map((p) => p.workerId))).toEqual({ payments: GROUP, xmins: 1 });
    const stored = await harness.dataSource.query<Array<{ key: string }>>(
      'SELECT key FROM idempotency_keys WHERE key = ANY($1::text[]) ORDER BY key',
      [requests.map((r) => r.key)],
    );
    expect(stored.map((row) => row.key)).toEqual(requests.map((r) => r.key).sort());

    // the same keys and bodies: each its own first answer; the same key with another body: 422
    const again = await payAtOnce(requests);
    expect(again.map((a) => a.status)).toEqual(payers.map(() => 201));
    again.forEach((answer, i) => {
      expect(answer.body).toEqual(first[i].body);
      expect(answer.headers.get('idempotent-replayed')).toBe('true');
    });
    const reused = await payAtOnce(requests.map((r) => ({ ...r, body: { ...r.body, externalReference: `TRX-${randomUUID()}` } })));
    expect(reused.map((a) => [a.status, a.body.type])).toEqual(payers.map(() => [422, `${PROBLEM}idempotency-key-reused`]));
    expect(await written(payers.map((p) => p.workerId))).toEqual({ payments: GROUP, xmins: 1 });
  });

  it('refuses a reference with text outside its alphabet (non-ASCII, quotes) with 400 naming it, and writes nothing', async () => {
    const payers = await workers(GROUP);
    const references = ['TRX-Ñusa-Tenggara', "TRX-o'brien", 'TRX-日本', 'TRX-back\\slash', 'TRX-émoji-🙂'];
    const answers = await Promise.all(
      payers
        .slice(0, references.length)
        .map(async ({ workerId }, i) =>
          harness.post(
            '/v1/payments',
            { workerId, amount: 8_400, externalReference: references[i] },
            { 'idempotency-key': randomUUID(), ...(await as('channel-bank-ntt')) },
          ),
        ),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'externalReference' })]);
    }
    expect(await written(payers.map((p) => p.workerId))).toEqual({ payments: 0, xmins: 0 });
  });

  it('records the same channel reference twice in one group once: 201, and 409 payment-already-recorded naming it', async () => {
    const [first, second, ...others] = await workers(GROUP);
    const reference = `TRX-${randomUUID()}`;
    const answers = await payAtOnce([
      { body: { workerId: first.workerId, amount: 8_400, externalReference: reference } },
      ...others.map(({ workerId }) => ({ body: { workerId, amount: 8_400 } })),
      { body: { workerId: second.workerId, amount: 8_400, externalReference: reference } },
    ]);

    expect(answers.map((a) => a.status)).toEqual([201, ...others.map(() => 201), 409]);
    expect(answers[GROUP - 1].body).toMatchObject({ type: `${PROBLEM}payment-already-recorded`, paymentId: answers[0].body.id });
    expect(await written([first.workerId, second.workerId])).toEqual({ payments: 1, xmins: 1 });
    expect((await harness.invoices(second.workerId))[0]).toMatchObject({ status: 'ISSUED', paidAmount: 0 });
  });

  it('applies two payments of one worker in one group one after the other: the open month, then a month ahead', async () => {
    const [payer, ...others] = await workers(GROUP - 1);
    const before = groups();
    const answers = await payAtOnce([
      { body: { workerId: payer.workerId, amount: 8_400 } },
      { body: { workerId: payer.workerId, amount: 8_400 } },
      ...others.map(({ workerId }) => ({ body: { workerId, amount: 8_400 } })),
    ]);

    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: GROUP }, () => 201));
    // Which of the two came first is the order they reached the service: the first pays 2026-11, the other 2026-12 ahead.
    const periods = answers.slice(0, 2).map((a) => [a.body.monthsAhead, a.body.appliedTo.map((p: { period: string }) => p.period)]);
    expect(periods.sort()).toEqual([
      [0, ['2026-11']],
      [1, ['2026-12']],
    ]);
    expect(await written([payer.workerId])).toMatchObject({ payments: 2 });
    expect(groups()).toEqual({ groups: before.groups + 1, items: before.items + GROUP });
    expect((await harness.invoices(payer.workerId)).map((i) => [i.period, i.status, i.paidAmount])).toEqual([
      ['2026-12', 'PAID', 8_400], // newest first
      ['2026-11', 'PAID', 8_400],
    ]);
    expect((await harness.coverage(payer.workerId, '2026-12-15')).periods).toEqual(['2026-11', '2026-12']);
    expect(await harness.ledgerCheck()).toMatchObject({ total: 0, unbalanced: 0 });
  });

  it('fails only the payment whose reference another transaction records meanwhile; its neighbours commit', async () => {
    const payers = await workers(GROUP);
    const reference = `TRX-${randomUUID()}`;
    const before = groups();
    // Another transaction records the reference and stays open: the group reads no such payment, and its
    // write waits on the unique index until that transaction commits, then fails: undone, and settled one by one.
    const holder = new Client({ connectionString: databaseUrlFor(testInfrastructure().databaseUrl, harness.database) });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(
        `INSERT INTO payments (id, worker_id, amount, source, paid_by, channel, external_reference, received_at, recorded_by_subject, recorded_by_client)
         VALUES ($1, $2, 8400, 'CHANNEL', 'SELF', 'BANK_NTT', $3, now(), 'test', 'test')`,
        [randomUUID(), randomUUID(), reference],
      );
      const answering = payAtOnce(
        payers.map(({ workerId }, i) => ({ body: { workerId, amount: 8_400, ...(i === 4 ? { externalReference: reference } : {}) } })),
      );
      await waitFor(async () => {
        const { rows } = await holder.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))',
        );
        return rows[0].n > 0;
      }, 'the group to wait for the reference recorded by another transaction');
      await holder.query('COMMIT');
      const answers = await answering;

      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 409, 201, 201, 201, 201, 201]);
      expect(answers[4].body).toMatchObject({ type: `${PROBLEM}payment-already-recorded`, paymentId: '(recorded concurrently)' });
      expect(await written(payers.filter((_, i) => i !== 4).map((p) => p.workerId))).toMatchObject({ payments: 9 });
      expect(groups()).toEqual({ groups: before.groups + 1, items: before.items + GROUP });
      expect(await written([payers[4].workerId])).toEqual({ payments: 0, xmins: 0 });
      expect((await harness.invoices(payers[4].workerId))[0]).toMatchObject({ status: 'ISSUED', paidAmount: 0 });
      expect(await harness.ledgerCheck()).toMatchObject({ total: 0, unbalanced: 0 });
    } finally {
      await holder.end();
    }
  });
});
