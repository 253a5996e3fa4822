import { randomUUID } from 'node:crypto';
import { chmodSync, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import { Client } from 'pg';
import { ALL_TOPICS, deadLetterTopic, Topics } from '@jaring/contracts';
import { systemClock, todayOf } from '@jaring/domain';
import { createKafka } from '@jaring/messaging';
import { layout, SERVICES, startCluster, type Replica, type RunningCluster, type ServiceName } from '../../deploy/local/cluster/cluster';
import { replicaStatuses } from '../../deploy/local/cluster/load-balancer';
import { findRepoRoot } from '../../deploy/local/process-utils';
import type { SupervisorEvent } from '../../deploy/local/supervisor';
import { expectBalancedLedger } from '../bench/bench-kit';
import { nttWorkers, WORKER_CSV_HEADER } from '../bench/ntt-workers';
import { call, expectStatus } from '../support/http-call';
import { as } from '../support/identity';
import { databaseUrlFor, freshDatabase, testInfrastructure } from '../support/infrastructure';
import { topicEnds, TopicRecorder } from '../support/kafka';
import { waitFor } from '../support/wait-for';
import { behind, groupShares, partitionStates, sampleLag } from './support/kafka-state';
import { RelayLockWatch } from './support/relay-lock';
import { RetryingClient } from './support/retrying-client';

/**
 * The production shape on one machine (issue 19), as `npm run cluster` runs it: three Kafka nodes (KRaft, each
 * broker and controller; 12 partitions, 3 replicas, min.insync.replicas 2), two replicas of each service, HAProxy
 * in front. A month for a few thousand workers of NTT: Kota Kupang's programme pays its workers' months, the others
 * pay their own through a bank channel, through the load balancer. In the middle of the payments the node leading
 * the controller quorum and one replica of every service (the one holding its outbox relay's lock) are killed with
 * SIGKILL; the supervisor starts them again. Then the next month is billed and paid, and the books are counted.
 */
const WORKERS = Number(process.env.CLUSTER_WORKERS ?? 2_000);
const CITY = Math.round(WORKERS / 2);
const SELF = WORKERS - CITY;
const KUPANG = '5371';
const PREFIX = 'jaring_cluster';
const LAYOUT = layout({ firstKafkaPort: 19392, postgresPort: 0, oidcPort: 0, firstServicePort: 16201 });
const PAYING_CHANNELS = 8;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const nextPeriod = (period: string) => {
  const [year, month] = period.split('-').map(Number);
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 7);
};

describe('the cluster: a controller and a replica of every service killed mid-month, nothing lost', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jaring-cluster-'));
  chmodSync(dataDir, 0o755);
  const logPath = join(findRepoRoot(__dirname), '.jaring', 'cluster-test.log');
  let logStream: WriteStream;
  const events: Array<SupervisorEvent & { at: number }> = [];
  let gaveUp: string | undefined;
  let cluster: RunningCluster;
  let admin: Admin;
  let programme: { id: string; key: string; budget: number };
  let period: string;
  const channel = new RetryingClient();
  const readers = new RetryingClient();
  const figures: string[] = [];

  beforeAll(async () => {
    logStream = createWriteStream(logPath, { flags: 'w' });
    await Promise.all(SERVICES.map((service) => freshDatabase(`${PREFIX}_${service}`)));
    const started = Date.now();
    cluster = await startCluster({
      layout: LAYOUT,
      dataDir,
      databaseUrl: testInfrastructure().databaseUrl,
      oidcIssuer: testInfrastructure().oidcIssuer,
      databasePrefix: PREFIX,
      log: (level, msg, extra) => logStream.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...extra })}\n`),
      output: (source, line) => logStream.write(`[${source}] ${line}\n`),
      onEvent: (event) => events.push({ ...event, at: Date.now() }),
      onGiveUp: (reason) => (gaveUp = reason),
    });
    figures.push(`cluster started in ${seconds(Date.now() - started)} (3 Kafka nodes, 8 replicas, HAProxy; log ${logPath})`);
    admin = createKafka({ brokers: cluster.brokers.split(','), clientId: 'jaring-cluster-test' }).admin();
    await admin.connect();
  }, 400_000);

  afterAll(async () => {
    process.stdout.write(`\nthe cluster run, ${WORKERS} workers:\n${figures.map((f) => `  ${f}`).join('\n')}\n`);
    await admin?.disconnect();
    await cluster?.stop();
    await new Promise<void>((done) => logStream.end(done));
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  async function query<T = any>(service: ServiceName, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: databaseUrlFor(testInfrastructure().databaseUrl, cluster.database(service)) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Every invoice of the period billed: the city's paid by its programme, the others waiting for their workers. */
  async function billed(of: string): Promise<void> {
    await whereStuckIfNot(of, () =>
      waitFor(
        async () => {
          const [counts] = await query<{ self: number; city: number }>(
            'contributions',
            `SELECT count(*) FILTER (WHERE payer = 'SELF' AND status = 'ISSUED')::int AS self,
                  count(*) FILTER (WHERE payer = 'APBD' AND status = 'PAID')::int AS city
             FROM invoices WHERE period = $1`,
            [of],
          );
          return counts.self === SELF && counts.city === CITY;
        },
        `${of}: ${SELF} invoices issued to the self-employed, ${CITY} paid by the city`,
        240_000,
        500,
      ),
    );
  }

  /** Which of the events are on the topic (read from its beginning to its current ends): where each is, by id. */
  async function eventsOnKafka(topic: string, eventIds: string[]): Promise<Record<string, string>> {
    const kafka = createKafka({ brokers: cluster.brokers.split(','), clientId: 'jaring-cluster-trail' });
    const total = (await topicEnds(kafka, [topic])).reduce((sum, end) => sum + Number(end.offset), 0);
    let read = 0;
    const found: Record<string, string> = {};
    const recorder = await new TopicRecorder(kafka, [topic], (m) => {
      read++;
      const id = (JSON.parse(m.value ?? '{}') as { id?: string }).id ?? '';
      if (eventIds.includes(id)) found[id] = `${m.topic}/${m.partition}@${m.offset}`;
      return false;
    }).start();
    try {
      await waitFor(() => read >= total, `${topic} read to its end`, 60_000, 200);
    } finally {
      await recorder.stop();
    }
    return found;
  }

  /** Runs `wait`; when it fails, says where the month is stuck: the city's unpaid invoices and their trail, the groups behind. */
  async function whereStuckIfNot(of: string, wait: () => Promise<unknown>): Promise<void> {
    try {
      await wait();
    } catch (error) {
      const unpaid = await query<{ worker_id: string }>(
        'contributions',
        `SELECT worker_id FROM invoices WHERE period = $1 AND payer = 'APBD' AND status <> 'PAID' LIMIT 20`,
        [of],
      );
      const workerIds = unpaid.map((u) => u.worker_id);
      const months = await query('subsidies', `SELECT * FROM sponsored_months WHERE period = $1 AND worker_id = ANY($2::uuid[]) LIMIT 5`, [
        of,
        workerIds,
      ]).catch((e: Error) => e.message);
      const unpublished = await Promise.all(
        SERVICES.map(async (s) => `${s} ${(await query(s, `SELECT count(*)::int AS n FROM outbox_pending`))[0].n}`),
      );
      // their events: written and published by subsidies' outbox, read (or not) by contributions' inbox
      const trail = await query<{ event_type: string; event_id: string; published: boolean }>(
        'subsidies',
        `SELECT event_type, event_id, txid < (SELECT published_below FROM outbox_relay) AS published FROM outbox
          WHERE message_key = ANY($1::text[]) ORDER BY position`,
        [workerIds.slice(0, 3)],
      ).catch((e: Error) => e.message);
      // events from an outbox leave no row each in the inbox: where contributions' consumer is on subsidies' topic
      const readBy = await query('contributions', `SELECT partition, sequences FROM inbox_positions WHERE topic = $1 ORDER BY partition`, [
        Topics.subsidiesSponsorships,
      ]).catch((e: Error) => e.message);
      const onKafka =
        typeof trail === 'string'
          ? trail
          : await eventsOnKafka(
              Topics.subsidiesSponsorships,
              trail.map((t) => t.event_id),
            );
      const lagging = (
        await Promise.all(SERVICES.map(async (s) => (await behind(admin, `jaring-${s}`)).map((b) => `jaring-${s} ${b}`)))
      ).flat();
      const dlq = (
        await topicEnds(
          createKafka({ brokers: cluster.brokers.split(','), clientId: 'jaring-cluster-dlq' }),
          ALL_TOPICS.map(deadLetterTopic),
        )
      ).filter((end) => Number(end.offset) !== 0);
      throw new Error(
        `${(error as Error).message}; ${workerIds.length} (of the first 20) city invoices unpaid, their sponsored months ${JSON.stringify(months)}; ` +
          `their events in subsidies' outbox ${JSON.stringify(trail)}, read by contributions ${JSON.stringify(readBy)}, on Kafka ${JSON.stringify(onKafka)}; ` +
          `unpublished ${unpublished.join(', ')}; lagging ${lagging.slice(0, 20).join('; ') || 'none'}; dead letters ${JSON.stringify(dlq)}`,
        { cause: error },
      );
    }
  }

  /** The self-employed pay their invoices of the period through the load balancer, `PAYING_CHANNELS` at a time. */
  function payAll(of: string): { sent: () => number; done: Promise<void> } {
    let sent = 0;
    const done = (async () => {
      const invoices = await query<{ id: string; worker_id: string; amount: string }>(
        'contributions',
        `SELECT id, worker_id, amount FROM invoices WHERE period = $1 AND payer = 'SELF' AND status = 'ISSUED'`,
        [of],
      );
      expect(invoices).toHaveLength(SELF);
      const headers = { 'content-type': 'application/json', ...(await as('channel-bank-ntt')) };
      let next = 0;
      await Promise.all(
        Array.from({ length: PAYING_CHANNELS }, async () => {
          while (next < invoices.length) {
            const invoice = invoices[next++];
            const key = randomUUID(); // one per payment: its retries carry it again
            await channel.send(
              `payment of ${invoice.id}`,
              `${cluster.urls.contributions}/v1/payments`,
              {
                method: 'POST',
                headers: { ...headers, 'idempotency-key': key },
                body: JSON.stringify({
                  workerId: invoice.worker_id,
                  amount: Number(invoice.amount),
                  externalReference: `CL-${invoice.id}`,
                }),
              },
              (status) => status === 201,
            );
            sent++;
          }
        }),
      );
    })();
    return { sent: () => sent, done };
  }

  /** Back-office reads on the three other services through their load balancers, until stopped. */
  function keepReading(): { stop: () => Promise<void> } {
    let reading = true;
    const routes: Array<[ServiceName, string]> = [
      ['enrollment', '/v1/workers?limit=1'],
      ['subsidies', `/v1/programmes/${programme.id}`],
      ['claims', '/v1/payout-ledger'],
    ];
    const loops = routes.map(async ([service, route]) => {
      const headers = await as('auditor');
      while (reading) {
        await readers.send(`${service} ${route}`, `${cluster.urls[service]}${route}`, { headers }, (status) => status === 200);
        // four reads a second: well under subsidies' per-caller limit (RATE_LIMIT_PER_MINUTE, 600 by default)
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    });
    return {
      stop: async () => {
        reading = false;
        await Promise.all(loops);
      },
    };
  }

  function healthySince(name: string, since: number): number | undefined {
    return events.find((e) => e.type === 'healthy' && e.name === name && e.at >= since)?.at;
  }

  async function inRotation(replica: Replica, up: boolean): Promise<boolean> {
    const status = (await replicaStatuses(LAYOUT.statsPort)).find((s) => s.replica === replica.name)?.status ?? '';
    return up ? status.startsWith('UP') : status.startsWith('DOWN');
  }

  it('a month begins through the load balancers: a city programme, the workers enrolled, their first month billed', async () => {
    const officer = await as('programme-officer');
    const funder = expectStatus(
      await call(cluster.urls.subsidies, 'POST', '/v1/funders', {
        body: { name: 'Pemerintah Kota Kupang', type: 'APBD_REGENCY', regionCode: KUPANG },
        headers: officer,
      }),
      201,
      'funder',
    ).body;
    const key = expectStatus(
      await call(cluster.urls.subsidies, 'POST', `/v1/funders/${funder.id}/api-keys`, { body: {}, headers: officer }),
      201,
      'api key',
    ).body.key;
    const startsOn = `${todayOf(systemClock).slice(0, 7)}-01`;
    const [year, month] = startsOn.split('-').map(Number);
    const endsOn = new Date(Date.UTC(year, month + 6, 0)).toISOString().slice(0, 10);
    const budget = CITY * 3 * 16_800 * 2;
    const created = expectStatus(
      await call(cluster.urls.subsidies, 'POST', '/v1/programmes', {
        body: {
          funderId: funder.id,
          name: 'Stimulus BPU Kota Kupang',
          budget,
          coverageMonths: 3,
          programs: ['JKK', 'JKM'],
          selection: 'AUTOMATIC',
          eligibility: { regions: [KUPANG] },
          startsOn,
          endsOn,
        },
        headers: { 'x-api-key': key, 'idempotency-key': randomUUID() },
      }),
      201,
      'programme',
    ).body;
    programme = { id: created.id, key, budget };

    const workers = [
      ...nttWorkers(CITY, { regencies: [KUPANG], uniform: true }),
      ...nttWorkers(SELF, { regencies: ['5310'], uniform: true, firstRow: CITY }),
    ];
    const started = Date.now();
    const officerHeaders = await as('enrollment-officer');
    const { id } = expectStatus(
      await call(cluster.urls.enrollment, 'POST', '/v1/worker-imports', {
        raw: `${WORKER_CSV_HEADER}\n${workers.map((w) => w.line).join('\n')}\n`,
        contentType: 'text/csv',
        headers: officerHeaders,
      }),
      202,
      'import',
    ).body;
    const report = await waitFor(
      async () => {
        const answer = expectStatus(
          await call(cluster.urls.enrollment, 'GET', `/v1/worker-imports/${id}?errorsLimit=5`, { headers: officerHeaders }),
          200,
          'import',
        ).body;
        return answer.status === 'DONE' || answer.status === 'FAILED' ? answer : undefined;
      },
      'the import',
      240_000,
      500,
    );
    expect({ status: report.status, enrolled: report.enrolled }).toEqual({ status: 'DONE', enrolled: WORKERS });
    const [first] = await waitFor(
      async () =>
        query<{ period: string }>('contributions', `SELECT DISTINCT period FROM invoices`).then((rows) => (rows.length ? rows : undefined)),
      'the first invoices',
      120_000,
      500,
    );
    period = first.period;
    await billed(period);
    figures.push(
      `${WORKERS} workers enrolled by CSV, billed for ${period}, the city's ${CITY} paid by its programme: ${seconds(Date.now() - started)}`,
    );
  }, 600_000);

  it('payments through the load balancer while the controller quorum leader and one replica of every service are killed', async () => {
    const lag = sampleLag(
      admin,
      SERVICES.map((s) => `jaring-${s}`),
    );
    const reading = keepReading();
    const payments = payAll(period);
    const paymentsStarted = Date.now();
    await waitFor(() => payments.sent() >= SELF / 3, 'a third of the payments made', 240_000, 20);

    // The victims: the node leading the controller quorum; in every service the replica seen holding its relay
    // lock (contributions' is publishing the payments' events: it is always seen), else the first.
    const leader = cluster.quorumLeader();
    expect(leader).toBeDefined();
    const leaderNode = cluster.nodes.find((n) => n.node.id === leader!.leaderId)!;
    const watches = new Map(
      await Promise.all(
        SERVICES.map(
          async (s) => [s, await RelayLockWatch.open(databaseUrlFor(testInfrastructure().databaseUrl, cluster.database(s)))] as const,
        ),
      ),
    );
    const victims = new Map<ServiceName, { victim: Replica; survivor: Replica; heldLock: boolean }>();
    const replicasOf = (s: ServiceName) => cluster.replicas.filter((r) => r.service === s);
    for (const service of SERVICES.filter((s) => s !== 'contributions')) {
      const pids = replicasOf(service).map((r) => r.process.pid!);
      const holder = await watches.get(service)!.seenHolder(pids, 2_000);
      const victim = replicasOf(service).find((r) => r.process.pid === holder) ?? replicasOf(service)[0];
      victims.set(service, { victim, survivor: replicasOf(service).find((r) => r !== victim)!, heldLock: holder !== undefined });
    }
    const holder = await watches.get('contributions')!.seenHolder(
      replicasOf('contributions').map((r) => r.process.pid!),
      30_000,
    );
    const contributionsVictim = replicasOf('contributions').find((r) => r.process.pid === holder);
    expect(contributionsVictim).toBeDefined();
    victims.set('contributions', {
      victim: contributionsVictim!,
      survivor: replicasOf('contributions').find((r) => r !== contributionsVictim)!,
      heldLock: true,
    });
    // all at once
    const killed = Date.now();
    process.kill(leaderNode.process.pid!, 'SIGKILL');
    for (const { victim } of victims.values()) process.kill(victim.process.pid!, 'SIGKILL');
    const paidBefore = payments.sent();

    const since = (at: number) => at - killed;
    try {
      const [controller, partitionsMoved, brokerBack, fullIsr, services] = await Promise.all([
        waitFor(
          () => {
            const now = cluster.quorumLeader();
            return now && now.leaderId !== leader!.leaderId && now.epoch > leader!.epoch ? { ...now, at: Date.now() } : undefined;
          },
          'a new controller quorum leader',
          60_000,
          20,
        ),
        waitFor(
          // led by another node, or by the killed one once it is back (restarted before the controller fenced it)
          async () => {
            const back = healthySince(`kafka-${leader!.leaderId}`, killed) !== undefined;
            return (await partitionStates(admin)).every((p) => p.leader >= 0 && (p.leader !== leader!.leaderId || back)) ? Date.now() : 0;
          },
          'every partition led by a serving node',
          60_000,
          100,
        ),
        waitFor(() => healthySince(`kafka-${leader!.leaderId}`, killed), `kafka-${leader!.leaderId} started again`, 180_000, 100),
        waitFor(
          async () =>
            healthySince(`kafka-${leader!.leaderId}`, killed) && (await partitionStates(admin)).every((p) => p.isr.length === 3)
              ? Date.now()
              : 0,
          'every partition with 3 in-sync replicas again',
          240_000,
          250,
        ),
        Promise.all(
          SERVICES.map(async (service) => {
            const { victim, survivor } = victims.get(service)!;
            const [out, lockTaken, back] = await Promise.all([
              waitFor(async () => ((await inRotation(victim, false)) ? Date.now() : 0), `${victim.name} out of rotation`, 60_000, 50),
              // while the victim is gone, the lock can only be the survivor's
              service === 'contributions'
                ? watches
                    .get(service)!
                    .seenHolder([survivor.process.pid!], 60_000)
                    .then((pid) => (pid === survivor.process.pid ? Date.now() : undefined))
                : Promise.resolve(undefined),
              waitFor(
                async () => (healthySince(victim.name, killed) && (await inRotation(victim, true)) ? Date.now() : 0),
                `${victim.name} started again and back in rotation`,
                240_000,
                100,
              ),
            ]);
            return { service, victim, survivor, out, lockTaken, back };
          }),
        ),
      ]);
      await payments.done;
      const paymentsEnded = Date.now();
      await reading.stop();

      figures.push(
        `${SELF} payments of ${period} through HAProxy, ${PAYING_CHANNELS} channels at once: ${seconds(paymentsEnded - paymentsStarted)} (${paidBefore} before the kill)`,
        `killed with SIGKILL at once: kafka-${leader!.leaderId} (controller quorum leader, epoch ${leader!.epoch}) and ${[
          ...victims.values(),
        ]
          .map((v) => `${v.victim.name}${v.heldLock ? ' (holding its relay lock)' : ''}`)
          .join(', ')}`,
        `Kafka: kafka-${controller.leaderId} leads the quorum after ${seconds(since(controller.at))} (epoch ${controller.epoch}); every partition led by a serving node after ${seconds(since(partitionsMoved))}; kafka-${leader!.leaderId} restarted and serving after ${seconds(since(brokerBack))}; every partition 3 in-sync replicas after ${seconds(since(fullIsr))}`,
      );
      for (const s of services) {
        const window =
          s.service === 'contributions' ? channel.failedBetween(killed, s.back) : readers.failedBetween(killed, s.back, `${s.service} `);
        figures.push(
          `${s.service}: ${s.victim.name} out of HAProxy's rotation after ${seconds(since(s.out))}${
            s.lockTaken ? `, relay lock taken by ${s.survivor.name} after ${seconds(since(s.lockTaken))}` : ''
          }, restarted and back in rotation after ${seconds(since(s.back))}; ${window.failed} requests failed at the load balancer (${window.attempts} attempts: ${window.answers.join(', ') || 'none'}), ${window.succeededOnRetry} of them succeeded on retry`,
        );
      }
      const highest = await lag.stop();
      figures.push(
        `highest consumer lag: ${Object.entries(highest)
          .map(([group, n]) => `${group} ${n}`)
          .join(', ')}`,
      );

      expect(gaveUp).toBeUndefined();
      expect(controller.leaderId).not.toBe(leader!.leaderId);
      expect(services.find((s) => s.service === 'contributions')!.lockTaken).toBeDefined();
      // every request that failed at a load balancer succeeded when sent again
      expect([...channel.outcomes, ...readers.outcomes].filter((o) => o.succeededAt === undefined).map((o) => o.what)).toEqual([]);
      expect(payments.sent()).toBe(SELF);
    } finally {
      await reading.stop().catch(() => undefined);
      await payments.done.catch(() => undefined);
      await Promise.all([...watches.values()].map((w) => w.close()));
    }
  }, 900_000);

  it('the month goes on once both are back: the next month billed through the load balancer and paid', async () => {
    const next = nextPeriod(period);
    const operator = await as('operator');
    const started = Date.now();
    const run = expectStatus(
      await call(cluster.urls.contributions, 'POST', '/v1/billing-runs', { body: { period: next }, headers: operator }),
      202,
      'billing run',
    ).body;
    await waitFor(
      async () => {
        const answer = await call(cluster.urls.contributions, 'GET', `/v1/billing-runs/${run.id}`, { headers: operator });
        if (answer.body?.status === 'FAILED') throw new Error(`the billing run failed: ${answer.text}`);
        return answer.body?.status === 'DONE';
      },
      'the billing run',
      240_000,
      250,
    );
    await billed(next);
    const payments = payAll(next);
    await payments.done;
    figures.push(
      `${next} billed by a run (POST /v1/billing-runs), the city's share authorised, ${SELF} paid: ${seconds(Date.now() - started)}`,
    );
  }, 600_000);

  it('nothing lost, nothing applied twice, every ledger balanced, every group caught up and spread over both replicas', async () => {
    const periods = [period, nextPeriod(period)];
    await waitFor(
      async () => {
        const lagging = (
          await Promise.all(SERVICES.map(async (s) => (await behind(admin, `jaring-${s}`)).map((b) => `jaring-${s} ${b}`)))
        ).flat();
        if (lagging.length) throw new Error(lagging.slice(0, 10).join('; '));
        return true;
      },
      'every consumer group at the end of every partition it reads',
      180_000,
      500,
    );
    // nothing left unpublished, nothing dead-lettered
    for (const service of SERVICES) {
      expect(await query(service, `SELECT count(*)::int AS unpublished FROM outbox_pending`)).toEqual([{ unpublished: 0 }]);
    }
    // (right after a broker's restart, kafkajs may read offsets before it has every partition's leader: asked again)
    const dlq = await waitFor(
      () =>
        topicEnds(createKafka({ brokers: cluster.brokers.split(','), clientId: 'jaring-cluster-dlq' }), ALL_TOPICS.map(deadLetterTopic)),
      "the dead-letter topics' ends",
      60_000,
      500,
    );
    expect(dlq.filter((end) => Number(end.offset) !== 0)).toEqual([]);

    // every invoice once and paid, every payment applied once
    expect(
      await query('contributions', `SELECT worker_id, period FROM invoices WHERE status <> 'VOID' GROUP BY 1, 2 HAVING count(*) > 1`),
    ).toEqual([]);
    const invoices = await query<{ payer: string; status: string; n: number; amount: string }>(
      'contributions',
      `SELECT payer, status, count(*)::int AS n, sum(amount)::text AS amount FROM invoices WHERE status <> 'VOID' AND period = ANY($1) GROUP BY 1, 2 ORDER BY 1, 2`,
      [periods],
    );
    expect(invoices.map(({ payer, status, n }) => ({ payer, status, n }))).toEqual([
      { payer: 'APBD', status: 'PAID', n: 2 * CITY },
      { payer: 'SELF', status: 'PAID', n: 2 * SELF },
    ]);
    const [payments] = await query(
      'contributions',
      `SELECT count(*) FILTER (WHERE source = 'FUNDER')::int AS funder,
              count(*) FILTER (WHERE source = 'CHANNEL')::int AS channel,
              count(DISTINCT external_reference) FILTER (WHERE source = 'CHANNEL')::int AS references,
              coalesce(sum(amount) FILTER (WHERE source = 'CHANNEL'), 0)::text AS "channelAmount",
              coalesce(sum(amount) FILTER (WHERE source = 'FUNDER'), 0)::text AS "funderAmount",
              (SELECT count(*)::int FROM payment_allocations) AS allocations,
              (SELECT count(*)::int FROM (SELECT invoice_id FROM payment_allocations GROUP BY 1 HAVING count(*) > 1) d) AS "invoicesPaidTwice"
         FROM payments`,
    );
    expect(payments).toEqual({
      funder: 2 * CITY,
      channel: 2 * SELF,
      references: 2 * SELF,
      channelAmount: invoices[1].amount,
      funderAmount: invoices[0].amount,
      allocations: 2 * WORKERS,
      invoicesPaidTwice: 0,
    });
    // the requests the channels made: each payment once, whatever its retries
    expect(channel.outcomes.filter((o) => o.what.startsWith('payment of '))).toHaveLength(2 * SELF);

    // the ledgers: contributions' double entry, the programme's budget, the claims payout ledger
    await expectBalancedLedger((sql) => query('contributions', sql));
    const [months] = await query(
      'subsidies',
      `SELECT count(*)::int AS authorised, coalesce(sum(authorised_amount), 0)::text AS amount FROM sponsored_months WHERE authorisation_id IS NOT NULL`,
    );
    expect(months).toEqual({ authorised: 2 * CITY, amount: invoices[0].amount });
    const budget = expectStatus(
      await call(cluster.urls.subsidies, 'GET', `/v1/programmes/${programme.id}`, { headers: { 'x-api-key': programme.key } }),
      200,
      'programme',
    ).body;
    expect({
      spent: budget.spent,
      sponsoredWorkers: budget.sponsoredWorkers,
      sum: budget.spent + budget.reserved + budget.remaining,
    }).toEqual({
      spent: Number(invoices[0].amount),
      sponsoredWorkers: CITY,
      sum: programme.budget,
    });
    const payoutLedger = expectStatus(
      await call(cluster.urls.claims, 'GET', '/v1/payout-ledger', { headers: await as('auditor') }),
      200,
      'payout ledger',
    ).body;
    expect(payoutLedger.balanced).toBe(true);

    // every group shared by its two replicas again (the restarted one rejoined and was given partitions)
    const shares = await Promise.all(
      SERVICES.map((service) =>
        waitFor(
          async () => {
            const share = await groupShares(admin, `jaring-${service}`);
            const members = Object.keys(share.members).sort();
            return share.state === 'Stable' &&
              members.join() === [`jaring-${service}-1`, `jaring-${service}-2`].join() &&
              Object.values(share.members).every((n) => n > 0)
              ? { service, ...share }
              : undefined;
          },
          `jaring-${service}'s partitions spread over both replicas`,
          120_000,
          500,
        ),
      ),
    );
    figures.push(
      `partitions per replica afterwards: ${shares
        .map((s) =>
          Object.entries(s.members)
            .map(([m, n]) => `${m} ${n}`)
            .join(', '),
        )
        .join('; ')}`,
    );
  }, 600_000);
});
