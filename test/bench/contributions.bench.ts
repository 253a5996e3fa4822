import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { Session } from 'node:inspector/promises';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  EVENTS,
  EventHeaders,
  Topics,
  type EventDefinition,
  type EventEnvelope,
  type SponsorshipGrantedV1,
  type SubsidyPaymentAuthorisedV1,
  type WorkerRegisteredV2,
} from '@jaring/contracts';
import { AdjustableClock } from '@jaring/domain';
import { connectKafkaEvents, createKafka, ensureTopics } from '@jaring/messaging';
import { bootstrapHttpService, loadConfig } from '@jaring/platform';
import { FollowWorkersHandler } from '../../apps/contributions/src/follow-workers/follow-workers.handler';
import { ContributionsConfig } from '../../apps/contributions/src/contributions.config';
import { ContributionsModule } from '../../apps/contributions/src/contributions.module';
import { GrantSponsorshipHandler } from '../../apps/contributions/src/grant-sponsorship/grant-sponsorship.handler';
import { RecordPaymentHandler } from '../../apps/contributions/src/record-payment/record-payment.handler';
import { freshDatabase } from '../support/infrastructure';
import { commitTopicEnds } from '../support/kafka';
import { sealedBirthDate } from '../support/sealed-facts';
import {
  backboneCounts,
  benchCaller,
  benchIssuer,
  closedLoop,
  consumeRaw,
  LoadClient,
  expectBalancedLedger,
  goalCheck,
  percentOf,
  perSecond,
  rawInvoiceInserts,
  timed,
  untilCounted,
  type Figure,
  type GoalCheck,
} from './bench-kit';
import { cpuSnapshot } from './scale/cpu-usage';
import { produceUpstream, type BenchMessage } from './upstream-producer';

const RAW_TOPIC = 'bench.contributions-raw.v1';
const SETUP_BATCH = 5_000;
/** Requests in each step of the saturation search, for the floor and the payments alike (fewer when there are not enough workers). */
const HTTP_REQUESTS_A_STEP = 5_000;
/**
 * Requests at once in the steps of the saturation search, for the HTTP floor and the payments API alike: each
 * one's rate at saturation is its best step. Why steps: at 32 at once the payments API idled a third of the
 * time (a profile: 217 of 658 µs a payment), because one group commit gathered all 32 requests and the
 * service then waited on PostgreSQL with nothing else to do; at 128 it idled a tenth. The floor too: 5,000
 * requests/s at 32, 8,000 at 128 (more requests served in each turn of the event loop). A rate taken where the
 * service still waits is not its rate at saturation. 512: the payments still rose from 128 to 256 in some runs
 * (2,793 to 3,462/s) and peaked at 512 in another; at 1,024 the floor fell to half (the client, in the same
 * process, could not keep up with its own connections).
 */
const HTTP_CONCURRENCY_STEPS = [32, 64, 128, 256, 512];
/** The payments API at saturation should reach at least this share of the service's HTTP floor (issue 18). */
const SHARE_OF_FLOOR_GOAL = 50;
const PAYMENT_GROUP_SETTINGS = ['PAYMENT_GROUP_WINDOW_MS', 'PAYMENT_GROUP_SIZE', 'PAYMENT_GROUPS_IN_FLIGHT'];

/**
 * The contributions service's rates through its real code, each beside the raw limit measured in the
 * same run on the same machine:
 * - setup (measured too): `workers` registrations through the registration handler's code (account, terms,
 *   first invoice and its event each) and as many APBD sponsorships of the next period, called in-process
 *   in transactions of 5,000 (the Kafka consumer's batch path without the broker, so that the shared
 *   topics are not flooded with registrations);
 * - the billing run of the next period started with POST /v1/billing-runs and followed to DONE:
 *   invoices/s (each sponsored by APBD: the lateral look-ups of terms and sponsorship included), beside raw
 *   PostgreSQL inserts of invoice-shaped rows (unnest, 5,000 a statement);
 * - paying every one of them through Kafka: one subsidies.subsidy.payment-authorised per invoice produced
 *   to the real topic and applied by the service's batch consumer (payment, allocation, invoice PAID,
 *   balanced journal, invoice.paid and coverage.activated events): applied payments/s, beside raw Kafka
 *   produce + consume of the same messages;
 * - workers' own payments over HTTP (POST /v1/payments with an Idempotency-Key), beside the service's HTTP
 *   floor on the same app: GET /health/live (the same Nest pipeline, no caller token, no database), each
 *   measured 32, 64, 128, 256 and 512 at a time (the floor just before the payments at each step), and the payments'
 *   best rate as a share of the floor's best (goal >= 50 %): both at saturation; and under the goals, the most
 *   payments a second the machine allows from the same run's CPU times (`machineBound`).
 * The outbox relay publishes the service's events meanwhile, as in production.
 */
export async function benchContributions(
  databaseUrl: string,
  brokers: string[],
  workers: number,
): Promise<{ figures: Figure[]; goals: GoalCheck[]; notes: string[] }> {
  const database = 'jaring_bench_contributions';
  await freshDatabase(database, databaseUrl);
  const kafka = createKafka({ brokers, clientId: 'bench-contributions' });
  await prepareTopics(kafka);
  const config = loadConfig(ContributionsConfig, {
    DATABASE_URL: databaseUrl,
    DATABASE_NAME: database,
    KAFKA_BROKERS: brokers.join(','),
    OIDC_ISSUER: benchIssuer(),
    LOG_LEVEL: 'error',
    SCHEDULE_INTERVAL_MS: '0',
    // The payments API's group commit may be tuned for a run from the environment (defaults otherwise).
    ...Object.fromEntries(PAYMENT_GROUP_SETTINGS.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : []))),
  });
  const clock = new AdjustableClock('2026-10-05T02:00:00Z');
  const app: NestExpressApplication = await bootstrapHttpService({
    serviceName: config.serviceName,
    module: ContributionsModule.forRoot(config, { clock }),
    port: 0,
    host: '127.0.0.1',
    logLevels: process.env.BENCH_LOG ? ['fatal', 'error', 'warn', 'log'] : ['fatal', 'error'],
    configure: (application) => connectKafkaEvents(application),
  });
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const dataSource = app.get(DataSource);
  const figures: Figure[] = [];
  try {
    // 0. raw PostgreSQL: invoice-shaped rows, 5,000 a statement, in the same database.
    figures.push(await rawInvoiceInserts((sql, params) => dataSource.query(sql, params), workers));

    // 1. setup: registrations and sponsorships through the handlers' code.
    const ids: string[] = Array.from({ length: workers }, () => randomUUID());
    const accounts = app.get(FollowWorkersHandler);
    const registered = await timed(() =>
      inBatches(ids, (batch) =>
        dataSource.transaction((manager) =>
          accounts.register(
            manager,
            batch.map((workerId) => envelope(EVENTS.WorkerRegistered, workerId, registration(workerId, clock))),
          ),
        ),
      ),
    );
    figures.push({
      name: 'registrations (account + first invoice + event; 5,000 a tx)',
      items: workers,
      ms: registered.ms,
      unit: 'workers',
    });
    const sponsorships = app.get(GrantSponsorshipHandler);
    // Only the ids are kept (a million sponsorship objects would not fit the bench's memory comfortably).
    const sponsorshipIds = new Map(ids.map((workerId) => [workerId, randomUUID()]));
    const granted = await timed(() =>
      inBatches(ids, (batch) =>
        dataSource.transaction((manager) =>
          sponsorships.grant(
            manager,
            batch.map((workerId) => envelope(EVENTS.SponsorshipGranted, workerId, sponsorship(workerId, sponsorshipIds.get(workerId)!))),
          ),
        ),
      ),
    );
    figures.push({ name: 'sponsorships granted (read model; 5,000 a tx)', items: workers, ms: granted.ms, unit: 'grants' });

    // 2. the billing run of 2026-11, over HTTP, followed to DONE.
    let issued = 0;
    const operator = await benchCaller('operator');
    const billing = await timed(async () => {
      const started = await post(base, '/v1/billing-runs', { period: '2026-11' }, operator);
      for (;;) {
        const run = (await (await fetch(`${base}/v1/billing-runs/${started.id}`, { headers: operator })).json()) as {
          status: string;
          invoicesIssued: number;
          error: string | null;
        };
        if (run.status === 'FAILED') throw new Error(`billing run failed: ${run.error}`);
        if (run.status === 'DONE') return (issued = run.invoicesIssued);
        await sleep(100);
      }
    });
    // Other test files share the topics: a foreign registration arriving meanwhile is billed too.
    if (issued < workers) throw new Error(`billing run issued ${issued} invoices for ${workers} workers`);
    figures.push({
      name: 'billing run (POST /v1/billing-runs → DONE; invoice + event each)',
      items: issued,
      ms: billing.ms,
      unit: 'invoices',
      goal: 5_000,
    });
    const relayed = await timed(() => drainOutbox(dataSource));
    figures.push({
      name: 'outbox relay catching up (registrations + billing events to Kafka)',
      items: relayed.result,
      ms: relayed.ms,
      unit: 'events',
    });

    // 3. raw Kafka produce + consume of authorisation-sized messages.
    const invoices = (
      await dataSource.query<Array<{ id: string; worker_id: string; amount: number }>>(
        `SELECT id, worker_id, sponsored_amount::int AS amount FROM invoices WHERE period = '2026-11' AND status = 'ISSUED'`,
      )
    ).filter((invoice) => sponsorshipIds.has(invoice.worker_id));
    const authorisationIds = invoices.map(() => randomUUID());
    const authorisations: BenchMessage[] = invoices.map((invoice, i) => {
      const data: SubsidyPaymentAuthorisedV1 = {
        authorisationId: authorisationIds[i],
        sponsorshipId: sponsorshipIds.get(invoice.worker_id)!,
        programmeId: PROGRAMME_ID,
        funderType: 'APBD_REGENCY',
        workerId: invoice.worker_id,
        invoiceId: invoice.id,
        period: '2026-11',
        amount: invoice.amount,
      };
      const e = { ...envelope(EVENTS.SubsidyPaymentAuthorised, invoice.worker_id, data), id: authorisationIds[i] };
      return {
        key: e.subject,
        value: JSON.stringify(e),
        headers: { [EventHeaders.type]: e.type, [EventHeaders.version]: String(e.version) },
      };
    });
    const rawKafka = await timed(async () => {
      await produceUpstream(brokers, RAW_TOPIC, authorisations);
      await consumeRaw(kafka, RAW_TOPIC, authorisations.length);
    });
    figures.push({
      name: 'raw Kafka produce (another thread) + consume (same messages, 1,000 a send)',
      items: authorisations.length,
      ms: rawKafka.ms,
      unit: 'msgs',
    });

    // 4. funders' payments through Kafka (produced from another thread, as the subsidies service would), until every one is applied.
    const before = await backboneCounts(app);
    const viaKafka = await timed(async () => {
      await produceUpstream(brokers, Topics.subsidiesSponsorships, authorisations);
      await untilCounted(app, before, (since) => since.applied >= authorisations.length);
    });
    const [{ n: paid }] = await dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM invoices WHERE period = '2026-11' AND status = 'PAID' AND sponsorship_id IS NOT NULL`,
    );
    if (paid !== authorisations.length) throw new Error(`${paid} sponsored invoices PAID after ${authorisations.length} authorisations`);
    figures.push({
      name: 'payments via Kafka (payment-authorised → PAID, ledger, events)',
      items: authorisations.length,
      ms: viaKafka.ms,
      unit: 'payments',
      goal: 3_000,
    });
    await drainOutbox(dataSource);

    // 5. workers' own payments over HTTP (their 2026-10 invoice), beside the HTTP floor (what this app answers when
    // a request does nothing), both at saturation: the best of each over the steps. The outbox is drained before
    // each floor, so that the relay's work does not lower it.
    const channel = await benchCaller('channel-bank-ntt');
    const perStep = Math.min(HTTP_REQUESTS_A_STEP, Math.floor(workers / HTTP_CONCURRENCY_STEPS.length));
    const floors: Array<Profiled<Figure>> = [];
    const payments: Array<Profiled<Figure>> = [];
    for (const [step, concurrency] of HTTP_CONCURRENCY_STEPS.entries()) {
      const client = new LoadClient(base, concurrency);
      try {
        await drainOutbox(dataSource);
        floors.push(await profiled(`http-floor-${concurrency}`, () => httpFloor(client, perStep, concurrency)));
        const payers = ids.slice(step * perStep, (step + 1) * perStep);
        payments.push(await profiled(`payments-http-${concurrency}`, () => httpPayments(app, client, channel, payers, concurrency)));
      } finally {
        client.close();
      }
    }
    figures.push(...floors.map((f) => f.value), ...payments.map((p) => p.value));

    await expectBalancedLedger((sql) => dataSource.query(sql));
    const floor = fastest(floors);
    const paying = fastest(payments);
    const share = percentOf(perSecond(paying.value), perSecond(floor.value));
    return {
      figures,
      goals: [goalCheck('payments API at saturation, share of the HTTP floor', share, '%', '>=', SHARE_OF_FLOOR_GOAL)],
      notes: [machineBound(floor, paying)],
    };
  } finally {
    await app.close();
  }
}

/**
 * GET /health/live, `requests` of them `concurrency` at a time: the service's HTTP floor (Express, Nest's
 * pipeline and its middlewares, the metrics, an answer; no token to check, no database). The payments API
 * cannot go faster than this on the same machine; how close it gets is its own cost.
 */
async function httpFloor(client: LoadClient, requests: number, concurrency: number): Promise<Figure> {
  const { ms } = await timed(() =>
    closedLoop(requests, concurrency, async () => {
      const { status, text } = await client.send('GET', '/health/live');
      if (status !== 200) throw new Error(`/health/live: ${status} ${text}`);
    }),
  );
  return { name: `HTTP floor (GET /health/live, ${concurrency} concurrent)`, items: requests, ms, unit: 'requests' };
}

/**
 * Each payer pays its open invoice with POST /v1/payments (a new Idempotency-Key each), `concurrency` at a
 * time; prints to stderr how the group commit gathered them (its settings decide how many transactions the
 * payments took).
 */
async function httpPayments(
  app: NestExpressApplication,
  client: LoadClient,
  channel: Record<string, string>,
  payers: string[],
  concurrency: number,
): Promise<Figure> {
  const before = app.get(RecordPaymentHandler).groups;
  const { ms } = await timed(() =>
    closedLoop(payers.length, concurrency, async (i) => {
      const workerId = payers[i];
      const { status, text } = await client.send(
        'POST',
        '/v1/payments',
        { workerId, amount: 8_400, externalReference: `BENCH-${workerId}` },
        { ...channel, 'idempotency-key': randomUUID() },
      );
      if (status !== 201) throw new Error(`/v1/payments: ${status} ${text}`);
    }),
  );
  const { groups, items } = app.get(RecordPaymentHandler).groups;
  process.stderr.write(
    `[bench] payments-http-${concurrency}: ${groups - before.groups} group commits, ${((items - before.items) / (groups - before.groups)).toFixed(1)} payments a group\n`,
  );
  return { name: `payments via HTTP (POST /v1/payments, ${concurrency} concurrent)`, items: payers.length, ms, unit: 'payments' };
}

/** A phase's result, and the CPU time (ms) its parts used meanwhile. */
interface Profiled<T> {
  value: T;
  cpuMs: { process: number; postgres: number; kafka: number };
}

/**
 * Runs one phase of the bench and prints to stderr the CPU time over it of this process (the app, its client
 * and the relay share it: a steadier figure than a rate when the machine is shared), of PostgreSQL's and of
 * Kafka's processes, and how busy the machine was. With BENCH_CPU_PROFILE=<directory>, the phase's CPU profile
 * is written there too, as <phase>.cpuprofile, for Chrome DevTools or speedscope.
 */
async function profiled<T>(phase: string, run: () => Promise<T>): Promise<Profiled<T>> {
  const directory = process.env.BENCH_CPU_PROFILE;
  const session = directory ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  const cpu = process.cpuUsage();
  const parts = cpuSnapshot(new Map());
  const machine = machineTimes();
  const started = performance.now();
  try {
    const value = await run();
    const { user, system } = process.cpuUsage(cpu);
    const after = cpuSnapshot(new Map());
    const usedMs = (part: string) => Math.round(((after.get(part) ?? 0) - (parts.get(part) ?? 0)) * 1000);
    const cpuMs = { process: Math.round((user + system) / 1000), postgres: usedMs('PostgreSQL'), kafka: usedMs('Kafka (JVM)') };
    const { busy, total } = machineTimes();
    process.stderr.write(
      `[bench] ${phase}: ${cpuMs.process} ms of CPU in ${Math.round(performance.now() - started)} ms, PostgreSQL ${cpuMs.postgres} ms, ` +
        `Kafka ${cpuMs.kafka} ms; the machine's cores ${Math.round((100 * (busy - machine.busy)) / Math.max(1, total - machine.total))} % busy\n`,
    );
    return { value, cpuMs };
  } finally {
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(`${directory}/${phase}.cpuprofile`, JSON.stringify(profile));
      session.disconnect();
    }
  }
}

function fastest(steps: Array<Profiled<Figure>>): Profiled<Figure> {
  return steps.reduce((best, step) => (perSecond(step.value) > perSecond(best.value) ? step : best));
}

/**
 * The most payments a second these cores could take, from the same run's CPU times: a payment's PostgreSQL and
 * Kafka work as measured at the payments' best step, plus this process's time for one request of the floor at
 * its best step, as if the service's own work for a payment (its client's included) cost no more than an empty
 * request's. Read beside the share's goal: when even this bound is below it, no change to the service's code alone
 * reaches the goal on this machine; when it is above, what stands between is the service's own work for a payment.
 */
function machineBound(floor: Profiled<Figure>, paying: Profiled<Figure>): string {
  const perItem = (ms: number, figure: Figure) => (ms * 1000) / figure.items;
  const backing = perItem(paying.cpuMs.postgres + paying.cpuMs.kafka, paying.value);
  const emptyRequest = perItem(floor.cpuMs.process, floor.value);
  const bound = Math.round((availableParallelism() * 1e6) / (backing + emptyRequest));
  const µs = (n: number) => `${Math.round(n)} µs`;
  return (
    `a payment's PostgreSQL and Kafka work took ${µs(perItem(paying.cpuMs.postgres, paying.value))} and ${µs(perItem(paying.cpuMs.kafka, paying.value))} of CPU ` +
    `(this process ${µs(perItem(paying.cpuMs.process, paying.value))}); an empty request took this process ${µs(emptyRequest)}. ` +
    `Were a payment's own work in the service no dearer than an empty request, these ${availableParallelism()} cores would still allow at most ` +
    `${bound.toLocaleString('en')} payments/s: ${percentOf(bound, perSecond(floor.value))} % of the floor`
  );
}

/** Every core's time since boot, in ms: busy (user, nice, system, interrupts) and in all (idle too). */
function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/** Waits until the relay has published every event written so far; returns how many were waiting. */
async function drainOutbox(dataSource: DataSource): Promise<number> {
  const [{ n: waiting }] = await dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM outbox_pending');
  for (;;) {
    const [{ n }] = await dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM outbox_pending');
    if (n === 0) return waiting;
    await sleep(200);
  }
}

function registration(workerId: string, clock: AdjustableClock): WorkerRegisteredV2 {
  return {
    workerId,
    membershipNumber: '12345678901',
    nikHash: 'b'.repeat(64),
    regionCode: '5371',
    occupation: 'WEAVER',
    declaredMonthlyIncome: 1_000_000,
    programs: ['JKK', 'JKM'],
    sealedBirthDate: sealedBirthDate(workerId, '1990-07-25'),
    registeredOn: clock.now().toISOString().slice(0, 10),
  };
}

const PROGRAMME_ID = '00000000-0000-4000-8000-000000005371';

function sponsorship(workerId: string, sponsorshipId: string): SponsorshipGrantedV1 {
  return {
    sponsorshipId,
    programmeId: PROGRAMME_ID,
    funderId: '00000000-0000-4000-8000-000000000053',
    funderType: 'APBD_REGENCY',
    workerId,
    months: 1,
    programs: ['JKK', 'JKM'],
    reservedAmount: 16_800,
    firstPeriod: '2026-11',
  };
}

function envelope<T extends object>(definition: EventDefinition<T>, subject: string, data: T): EventEnvelope<T> {
  return {
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    source: 'bench',
    subject,
    correlationId: randomUUID(),
    causationId: null,
    data,
  };
}

async function inBatches<T>(items: T[], work: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += SETUP_BATCH) await work(items.slice(start, start + SETUP_BATCH));
}

/**
 * The raw topic starts empty; the service's consumer group starts at the end of the shared topics, so
 * that the run measures this run's events and not the broker's history.
 */
async function prepareTopics(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: [RAW_TOPIC] }).catch(() => undefined);
    await ensureTopics(admin, [RAW_TOPIC, Topics.enrollmentWorkers, Topics.subsidiesSponsorships], { partitions: 6, replicationFactor: 1 });
  } finally {
    await admin.disconnect();
  }
  await commitTopicEnds(kafka, 'jaring-contributions', [Topics.enrollmentWorkers, Topics.subsidiesSponsorships]);
}

async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<any> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
