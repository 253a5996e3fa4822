import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { ALL_TOPICS, deadLetterTopic, EventHeaders } from '@jaring/contracts';
import { Nik, parseIsoDate } from '@jaring/domain';
import { createProducer } from '@jaring/messaging';
import { as } from '../support/identity';
import { call, expectStatus } from '../support/http-call';
import { retriedWhileRetriable, topicEnds, TopicRecorder } from '../support/kafka';
import { waitFor } from '../support/wait-for';
import { OwnServers } from './support/own-servers';
import { Platform, SERVICE_NAMES, type ServiceName } from './support/platform-processes';

/**
 * Faults (issue 6): the four services as processes on a PostgreSQL server and a Kafka broker of this test's
 * own, which it stops and restarts; a service killed in the middle of a billing run; events delivered
 * twice; a poison message on every topic. After each fault the books are counted against what must be:
 * one live invoice per worker and period, each sponsored month authorised and paid once, each payment
 * applied once, budgets and ledgers balanced.
 *
 * Kota Kupang's programme pays 3 months (APBD, Rp16,800) for the workers of the city; the workers of
 * Kabupaten Kupang pay their own month (Rp8,400 with the PP 50/2025 discount in 2026).
 */
const FULL = 16_800;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

interface Worker {
  nik: string;
  fullName: string;
  birthDate: string;
  city: boolean;
  /** The first period billed: the programme pays it and the next two for a worker of the city. */
  firstPeriod: string;
  id?: string;
}

let serial = 0;
const letters = (n: number) =>
  String.fromCharCode(65 + (n % 26)) +
  String.fromCharCode(97 + (Math.floor(n / 26) % 26)) +
  String.fromCharCode(97 + (Math.floor(n / 676) % 26));
function newWorkers(count: number, city: boolean, firstPeriod: string): Worker[] {
  return Array.from({ length: count }, () => {
    serial++;
    const birthDate = `19${80 + (serial % 20)}-${pad(1 + (serial % 12))}-${pad(1 + (serial % 28))}`;
    const { year, month, day } = parseIsoDate(birthDate);
    const nik = `537101${pad(day)}${pad(month)}${pad(year % 100)}${pad(serial, 4)}`;
    if (!Nik.isValid(nik)) throw new Error(`invalid test NIK ${nik}`);
    return { nik, fullName: `Pekerja ${letters(serial)}`, birthDate, city, firstPeriod };
  });
}

/** The periods of `periods` a city worker's 3 sponsored months cover. */
function sponsoredPeriodsOf(worker: Worker, periods: string[]): number {
  const [year, month] = worker.firstPeriod.split('-').map(Number);
  const last = new Date(Date.UTC(year, month + 1, 1)).toISOString().slice(0, 7);
  return periods.filter((p) => p >= worker.firstPeriod && p <= last).length;
}

describe('faults: nothing lost, nothing applied twice', () => {
  // below Linux's ephemeral ports (32768-60999): bound mid-run, a port there may be some open connection's own end
  const servers = new OwnServers(15435, 19292);
  const platform = new Platform({
    databasePrefix: 'jaring_faults',
    firstPort: 16001,
    startAt: '2026-11-02T02:00:00Z',
    logFile: '.jaring/faults-platform.log',
    servers,
    // Small billing transactions, so that a kill lands in the middle of a run; a consumer that stops
    // fetching a partition after the broker's restart is restarted within the test's waits.
    env: Object.fromEntries(
      SERVICE_NAMES.map((name) => [
        name,
        { CONSUMER_STALL_TIMEOUT_MS: '15000', ...(name === 'contributions' ? { BILLING_BATCH_SIZE: '5' } : {}) },
      ]),
    ),
  });
  const workers: Worker[] = [];
  let programme: { id: string; funderId: string; key: string };
  let kafka: Kafka;
  const selfPaid = { count: 0, amount: 0 }; // what the self-employed paid through the payments API
  const url = (name: ServiceName) => platform.url(name);

  beforeAll(async () => {
    await servers.start();
    await platform.start();
    kafka = platform.kafka('jaring-faults');
  }, 300_000);

  afterAll(async () => {
    await platform.stop();
    await servers.stop();
  }, 120_000);

  async function query<T = any>(service: ServiceName, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: platform.databaseUrl(service) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Enrols workers by one CSV import and learns their ids. */
  async function enrol(list: Worker[]): Promise<void> {
    const rows = list.map((w) => [
      w.nik,
      w.fullName,
      w.birthDate,
      `0812${w.nik.slice(-8)}`,
      w.city ? '5371' : '5310',
      'MARKET_TRADER',
      '1000000',
      'JKK;JKM',
    ]);
    const csv = ['nik,fullName,birthDate,phone,regionCode,occupation,declaredMonthlyIncome,programs', ...rows.map((r) => r.join(','))].join(
      '\n',
    );
    const accepted = expectStatus(
      await call(url('enrollment'), 'POST', '/v1/worker-imports', {
        raw: `${csv}\n`,
        contentType: 'text/csv',
        headers: await as('enrollment-officer'),
      }),
      202,
      'import',
    ).body;
    await waitFor(
      async () =>
        (await call(url('enrollment'), 'GET', `/v1/worker-imports/${accepted.id}`, { headers: await as('enrollment-officer') })).body
          .status === 'DONE',
      'the import',
      120_000,
      250,
    );
    const found: Array<{ id: string; nik: string }> = [];
    for (let offset = 0; ; offset += 200) {
      const page = expectStatus(
        await call(url('enrollment'), 'GET', `/v1/workers?limit=200&offset=${offset}`, { headers: await as('enrollment-officer') }),
        200,
        'search',
      ).body.items;
      found.push(...page);
      if (page.length < 200) break;
    }
    // the NIK is shown masked but for its first and last four digits, and the last four are the serial
    for (const worker of list) worker.id = found.find((f) => f.nik.endsWith(worker.nik.slice(-4)))!.id;
    workers.push(...list);
  }

  /** Each self-employed worker pays his invoice of the period, whatever it is (the PP 50/2025 discount ends with 2026). */
  async function payOwnMonth(period: string): Promise<void> {
    for (const worker of workers.filter((w) => !w.city)) {
      const invoices = expectStatus(
        await call(url('contributions'), 'GET', `/v1/workers/${worker.id}/invoices`, { headers: await as('channel-bank-ntt') }),
        200,
        'invoices',
      ).body.items as Array<{ period: string; status: string; amount: number }>;
      const { amount } = invoices.find((i) => i.period === period && i.status === 'ISSUED')!;
      const answer = await call(url('contributions'), 'POST', '/v1/payments', {
        body: { workerId: worker.id, amount, externalReference: `F-${randomUUID()}` },
        headers: { ...(await as('channel-bank-ntt')), 'idempotency-key': randomUUID() },
      });
      expect(`${answer.status} ${answer.status === 201 ? '' : answer.text}`).toBe('201 ');
      selfPaid.count++;
      selfPaid.amount += amount;
    }
  }

  /** The groups that have not read every topic they read to its end, by partition ("jaring-x is at 3 of t/2, whose end is 4"). */
  async function laggingGroups(): Promise<string[]> {
    const ends = await topicEnds(kafka, ALL_TOPICS);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const lagging: string[] = [];
      for (const name of SERVICE_NAMES) {
        const committed = await retriedWhileRetriable(() => admin.fetchOffsets({ groupId: `jaring-${name}`, topics: [...ALL_TOPICS] }));
        for (const { topic, partitions } of committed) {
          // a group that reads the topic (it committed somewhere on it) must be at the end of every partition
          if (!partitions.some((p) => Number(p.offset) >= 0)) continue;
          for (const { partition, offset } of partitions) {
            const end = ends.find((e) => e.topic === topic && e.partition === partition)!;
            if (Math.max(Number(offset), 0) < Number(end.offset))
              lagging.push(`jaring-${name} is at ${offset} of ${topic}/${partition}, whose end is ${end.offset}`);
          }
        }
      }
      return lagging;
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Each service's count of consumed events it applied (`jaring_events_applied_total`, duplicates excluded), from
   * its /metrics: what says whether an event delivered again was applied again, which the books alone cannot (the
   * handlers' own keys would mostly hide it).
   */
  async function eventsApplied(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const name of SERVICE_NAMES) {
      const metrics = await (await fetch(`${url(name)}/metrics`)).text();
      const line = metrics.split('\n').find((l) => l.startsWith('jaring_events_applied_total{'));
      counts[name] = line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
    }
    return counts;
  }

  /** Waits until every consumer group has read everything on every topic (so that "nothing more happens" is a fact). */
  async function consumersCaughtUp(): Promise<void> {
    await waitFor(
      async () => {
        const lagging = await laggingGroups();
        // thrown, not returned: waitFor keeps the last reason and tells it if it gives up
        if (lagging.length) throw new Error(lagging.join('; '));
        return true;
      },
      'every consumer group at the end of every topic',
      120_000,
      500,
    );
  }

  /**
   * The books, counted: one live invoice per worker and period; every sponsored month of the city's workers
   * billed to APBD and paid by exactly one authorisation; every self-payment applied once; budgets and the
   * double-entry ledger balanced. `periods` are the months billed so far.
   */
  async function checkBooks(periods: string[]): Promise<void> {
    const city = workers.filter((w) => w.city);
    const sponsored = city.reduce((sum, w) => sum + sponsoredPeriodsOf(w, periods), 0);
    const doubles = await query(
      'contributions',
      `SELECT worker_id, period FROM invoices WHERE status <> 'VOID' GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(doubles).toEqual([]);
    const live = await query<{ payer: string; status: string; n: number; amount: string }>(
      'contributions',
      `SELECT payer, status, count(*)::int AS n, sum(amount)::text AS amount FROM invoices WHERE status <> 'VOID' AND period = ANY($1) GROUP BY 1, 2 ORDER BY 1, 2`,
      [periods],
    );
    expect(live).toEqual([
      { payer: 'APBD', status: 'PAID', n: sponsored, amount: String(sponsored * FULL) },
      { payer: 'SELF', status: 'PAID', n: selfPaid.count, amount: String(selfPaid.amount) },
    ]);
    const [payments] = await query<{ funder: number; channel: number; allocations: number }>(
      'contributions',
      `SELECT count(*) FILTER (WHERE source = 'FUNDER')::int AS funder, count(*) FILTER (WHERE source = 'CHANNEL')::int AS channel,
              (SELECT count(*)::int FROM payment_allocations) AS allocations FROM payments`,
    );
    expect(payments).toEqual({ funder: sponsored, channel: live[1].n, allocations: sponsored + live[1].n });
    const [ledger] = await query(
      'contributions',
      `SELECT coalesce(sum(amount), 0)::text AS total, (SELECT count(*)::int FROM (SELECT 1 FROM ledger_entries GROUP BY journal_id HAVING sum(amount) <> 0) u) AS unbalanced FROM ledger_entries`,
    );
    expect(ledger).toEqual({ total: '0', unbalanced: 0 });
    const [months] = await query<{ authorised: number; amount: string }>(
      'subsidies',
      `SELECT count(*)::int AS authorised, coalesce(sum(authorised_amount), 0)::text AS amount FROM sponsored_months WHERE authorisation_id IS NOT NULL`,
    );
    expect(months).toEqual({ authorised: sponsored, amount: String(sponsored * FULL) });
    const budget = expectStatus(
      await call(url('subsidies'), 'GET', `/v1/programmes/${programme.id}`, { headers: { 'x-api-key': programme.key } }),
      200,
      'programme',
    ).body;
    expect({
      spent: budget.spent,
      sponsoredWorkers: budget.sponsoredWorkers,
      balanced: budget.spent + budget.reserved + budget.remaining === budget.budget,
    }).toEqual({
      spent: sponsored * FULL,
      sponsoredWorkers: city.length,
      balanced: true,
    });
  }

  /** Waits until every worker has its live invoice of the period, paid (the city's by APBD). */
  async function allPaid(period: string): Promise<void> {
    try {
      await waitFor(
        async () => {
          const [{ n }] = await query<{ n: number }>(
            'contributions',
            `SELECT count(*)::int AS n FROM invoices WHERE period = $1 AND status = 'PAID'`,
            [period],
          );
          return n === workers.length;
        },
        `every ${period} invoice paid`,
        120_000,
        250,
      );
    } catch (error) {
      // What is missing, and where it is stuck: the unpaid invoices, their sponsored months, the groups behind.
      const unpaid = await query(
        'contributions',
        `SELECT id, worker_id, payer, status FROM invoices WHERE period = $1 AND status NOT IN ('PAID', 'VOID')`,
        [period],
      );
      const workerIds = unpaid.map((i: any) => i.worker_id);
      const months = await query('subsidies', `SELECT * FROM sponsored_months WHERE period = $1 AND worker_id = ANY($2::uuid[])`, [
        period,
        workerIds,
      ]).catch((e: Error) => [e.message]);
      // Their events, service by service: written and published by each outbox; then which consumer read each.
      const trail = async (service: ServiceName) =>
        query(
          service,
          `SELECT event_type, event_id, txid < (SELECT published_below FROM outbox_relay) AS published FROM outbox
           WHERE message_key = ANY($1::text[]) ORDER BY position`,
          [workerIds],
        ).catch((e: Error) => [e.message]);
      const events = { contributions: await trail('contributions'), subsidies: await trail('subsidies') };
      // events from an outbox leave no row each in the inbox: where each consumer is, outbox by outbox
      const readBy = await Promise.all(
        (['contributions', 'subsidies'] as const).map(async (service) => [
          service,
          await query(service, `SELECT consumer, topic, partition, sequences FROM inbox_positions ORDER BY 1, 2, 3`).catch((e: Error) => [
            e.message,
          ]),
        ]),
      );
      throw new Error(
        `${(error as Error).message}; unpaid ${JSON.stringify(unpaid)}; their sponsored months ${JSON.stringify(months)}; their events ${JSON.stringify(events)}; ` +
          `read by ${JSON.stringify(readBy)}; lagging: ${(await laggingGroups()).join('; ') || 'none'}`,
        { cause: error },
      );
    }
  }

  it('a city programme, 30 workers enrolled, November paid by the city and by the self-employed', async () => {
    const funder = expectStatus(
      await call(url('subsidies'), 'POST', '/v1/funders', {
        body: { name: 'Pemerintah Kota Kupang', type: 'APBD_REGENCY', regionCode: '5371' },
        headers: await as('programme-officer'),
      }),
      201,
      'funder',
    ).body;
    const key = expectStatus(
      await call(url('subsidies'), 'POST', `/v1/funders/${funder.id}/api-keys`, { body: {}, headers: await as('programme-officer') }),
      201,
      'api key',
    ).body.key;
    const created = expectStatus(
      await call(url('subsidies'), 'POST', '/v1/programmes', {
        body: {
          funderId: funder.id,
          name: 'Stimulus BPU',
          budget: 100_000_000,
          coverageMonths: 3,
          programs: ['JKK', 'JKM'],
          selection: 'AUTOMATIC',
          eligibility: { regions: ['5371'] },
          startsOn: '2026-11-01',
          endsOn: '2027-06-30',
        },
        headers: { 'x-api-key': key, 'idempotency-key': randomUUID() },
      }),
      201,
      'programme',
    ).body;
    programme = { id: created.id, funderId: funder.id, key };
    await enrol([...newWorkers(20, true, '2026-11'), ...newWorkers(10, false, '2026-11')]);
    await waitFor(
      async () =>
        (await query('contributions', `SELECT 1 FROM invoices WHERE period = '2026-11' AND payer = 'SELF' AND status = 'ISSUED'`))
          .length === 10,
      'the self-employed billed',
      60_000,
    );
    await payOwnMonth('2026-11');
    await allPaid('2026-11');
    await checkBooks(['2026-11']);
  }, 180_000);

  it('the Kafka broker stopped in the middle: the services keep taking requests, and everything flows once it is back', async () => {
    await servers.stopKafka();
    await waitFor(
      async () => (await fetch(`${url('contributions')}/health`)).status === 503,
      'contributions to report Kafka down',
      60_000,
      250,
    );
    const newcomers = newWorkers(20, true, '2026-11');
    await enrol(newcomers); // enrollment writes its outbox; the relay waits for the broker
    expect(await query('contributions', 'SELECT 1 FROM accounts WHERE worker_id = ANY($1::uuid[])', [newcomers.map((w) => w.id)])).toEqual(
      [],
    );
    await servers.startKafka();
    await Promise.all(
      SERVICE_NAMES.map((name) =>
        waitFor(async () => (await fetch(`${url(name)}/health`)).status === 200, `${name} healthy again`, 120_000, 500),
      ),
    );
    await allPaid('2026-11');
    await checkBooks(['2026-11']);
  }, 300_000);

  it('contributions killed in the middle of a billing run, restarted: every worker billed once', async () => {
    // one connection kept open, polled every few milliseconds: the kill must land while the run is going
    const watcher = new Client({ connectionString: platform.databaseUrl('contributions') });
    await watcher.connect();
    try {
      await platform.setClock('2026-12-01T02:00:00Z');
      await waitFor(
        async () => (await watcher.query(`SELECT 1 FROM invoices WHERE period = '2026-12' LIMIT 1`)).rowCount === 1,
        'the December run to begin',
        60_000,
        2,
      );
      await platform.kill('contributions');
    } finally {
      await watcher.end();
    }
    const [{ n: before }] = await query<{ n: number }>('contributions', `SELECT count(*)::int AS n FROM invoices WHERE period = '2026-12'`);
    const [run] = await query<{ status: string }>(
      'contributions',
      `SELECT status FROM billing_runs WHERE period = '2026-12' ORDER BY started_at LIMIT 1`,
    );
    process.stdout.write(`billing run killed with ${before} of ${workers.length} December invoices issued, run ${run?.status}\n`);
    // In the middle: the run had begun issuing, had not issued every invoice, and never got to mark itself done.
    expect(run?.status).toBe('RUNNING');
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(workers.length);
    await platform.restart('contributions');
    await platform.setClock('2026-12-01T02:00:00Z');
    await waitFor(
      async () =>
        (await query('contributions', `SELECT 1 FROM invoices WHERE period = '2026-12' AND payer = 'SELF' AND status = 'ISSUED'`))
          .length === 10,
      'the self-employed billed for December',
      120_000,
    );
    await payOwnMonth('2026-12');
    await allPaid('2026-12');
    await checkBooks(['2026-11', '2026-12']);
  }, 300_000);

  it('PostgreSQL restarted: the services report it, recover on their own, and take payments again', async () => {
    await servers.stopPostgres();
    await waitFor(
      async () => (await fetch(`${url('contributions')}/health`)).status === 503,
      'contributions to report its database down',
      60_000,
      250,
    );
    await servers.startPostgres();
    await Promise.all(
      SERVICE_NAMES.map((name) =>
        waitFor(async () => (await fetch(`${url(name)}/health`)).status === 200, `${name} healthy again`, 120_000, 500),
      ),
    );
    await platform.setClock('2027-01-01T02:00:00Z');
    await waitFor(
      async () =>
        (await query('contributions', `SELECT 1 FROM invoices WHERE period = '2027-01' AND payer = 'SELF' AND status = 'ISSUED'`))
          .length === 10,
      'the self-employed billed for January',
      120_000,
    );
    await payOwnMonth('2027-01');
    await allPaid('2027-01');
    await consumersCaughtUp();
    await checkBooks(['2026-11', '2026-12', '2027-01']);
  }, 300_000);

  it('every event delivered a second time changes nothing: no consumer applies one again, and the books are the same', async () => {
    await consumersCaughtUp();
    const appliedBefore = await eventsApplied();
    expect(Object.values(appliedBefore).every((applied) => applied > 0)).toBe(true);
    const eventsSoFar = (await topicEnds(kafka, ALL_TOPICS)).reduce((sum, end) => sum + Number(end.offset), 0);
    const recorder = await new TopicRecorder(kafka, [...ALL_TOPICS], () => true).start();
    await waitFor(() => recorder.messages.length >= eventsSoFar, 'every event so far read back', 60_000);
    await recorder.stop();
    const producer = createProducer(kafka);
    await producer.connect();
    try {
      for (const topic of ALL_TOPICS) {
        const messages = recorder.messages
          .filter((m) => m.topic === topic)
          .map((m) => ({ key: m.key, value: m.value, headers: m.headers }));
        for (let start = 0; start < messages.length; start += 500)
          await producer.send({ topic, acks: -1, messages: messages.slice(start, start + 500) });
      }
    } finally {
      await producer.disconnect();
    }
    // every registration, grant, authorisation, invoice and coverage event went round a second time
    expect(recorder.messages.length).toBeGreaterThan(4 * workers.length);
    await consumersCaughtUp();
    expect(await eventsApplied()).toEqual(appliedBefore);
    await checkBooks(['2026-11', '2026-12', '2027-01']);
  }, 300_000);

  it('a poison message on every partition of every topic goes to its dead-letter topic, and later events still flow', async () => {
    const poison = (topic: string, partition: number) => [
      {
        partition,
        key: randomUUID(),
        value: 'this is not an event {',
        headers: { [EventHeaders.type]: 'garbage', [EventHeaders.version]: '1' },
      },
      {
        partition,
        key: randomUUID(),
        value: JSON.stringify({
          id: randomUUID(),
          type: 'contributions.invoice.paid',
          version: 1,
          occurredAt: new Date().toISOString(),
          source: 'faults',
          subject: 'x',
          correlationId: 'x',
          causationId: null,
          data: { amount: -1 },
        }),
        headers: { [EventHeaders.type]: 'contributions.invoice.paid', [EventHeaders.version]: '1' },
      },
    ];
    const dlqEnds = new Map(
      (await topicEnds(kafka, ALL_TOPICS.map(deadLetterTopic))).map((e) => [`${e.topic}/${e.partition}`, Number(e.offset)]),
    );
    // Until now every fault (the broker stopped, a service killed mid-run, PostgreSQL restarted, every event
    // twice) was waited out or deduplicated: not one message was dead-lettered.
    expect([...dlqEnds].filter(([, end]) => end !== 0)).toEqual([]);
    expect(new Set([...dlqEnds.keys()].map((partition) => partition.split('/')[0])).size).toBe(ALL_TOPICS.length);
    const producer = createProducer(kafka);
    await producer.connect();
    try {
      for (const topic of ALL_TOPICS)
        await producer.send({ topic, acks: -1, messages: [0, 1, 2, 3, 4, 5].flatMap((p) => poison(topic, p)) });
    } finally {
      await producer.disconnect();
    }
    // later events on the same partitions: a newcomer of the city is sponsored, billed and paid for January
    const newcomer = newWorkers(1, true, '2027-01');
    await enrol(newcomer);
    await allPaid('2027-01');
    await consumersCaughtUp();

    // every group that reads a topic dead-lettered its 12 poison messages once, with the reason
    const recorder = await new TopicRecorder(
      kafka,
      ALL_TOPICS.map(deadLetterTopic),
      (m) => Number(m.offset) >= (dlqEnds.get(`${m.topic}/${m.partition}`) ?? 0),
    ).start();
    const admin = kafka.admin();
    await admin.connect();
    const readers = new Map<string, string[]>();
    try {
      for (const name of SERVICE_NAMES) {
        const committed = await retriedWhileRetriable(() => admin.fetchOffsets({ groupId: `jaring-${name}`, topics: [...ALL_TOPICS] }));
        for (const { topic, partitions } of committed)
          if (partitions.some((p) => Number(p.offset) >= 0)) readers.set(topic, [...(readers.get(topic) ?? []), `jaring-${name}`]);
      }
    } finally {
      await admin.disconnect();
    }
    const expected = [...readers].flatMap(([topic, groups]) => groups.map((group) => `${deadLetterTopic(topic)} ${group} 12`)).sort();
    await waitFor(() => recorder.messages.length >= expected.length * 12, 'the dead letters', 60_000);
    await recorder.stop();
    const counted = new Map<string, number>();
    for (const m of recorder.messages) {
      expect(m.headers['dlq-reason']).toBeTruthy();
      const key = `${m.topic} ${m.headers['dlq-consumer-group']}`;
      counted.set(key, (counted.get(key) ?? 0) + 1);
    }
    expect([...counted].map(([key, n]) => `${key} ${n}`).sort()).toEqual(expected);
    expect(readers.size).toBeGreaterThanOrEqual(4);
    await checkBooks(['2026-11', '2026-12', '2027-01']);
  }, 300_000);
});
