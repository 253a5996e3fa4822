import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ALL_TOPICS, EVENTS, EventHeaders, Topics, type EventEnvelope, type InvoiceIssuedV1 } from '@jaring/contracts';
import { AdjustableClock, Period } from '@jaring/domain';
import { connectKafkaEvents, createKafka, ensureTopics } from '@jaring/messaging';
import { bootstrapHttpService, loadConfig } from '@jaring/platform';
import { SubsidiesConfig } from '../../apps/subsidies/src/subsidies.config';
import { SubsidiesModule } from '../../apps/subsidies/src/subsidies.module';
import { freshDatabase } from '../support/infrastructure';
import { commitTopicEnds } from '../support/kafka';
import { backboneCounts, benchIssuer, consumeRaw, timed, untilCounted, type Figure } from './bench-kit';
import { produceUpstream } from './upstream-producer';

const RAW_TOPIC = 'bench.subsidies-raw.v1';
const MONTHS = 4;
const PROGRAMMES = 8;
const MONTHLY = 16_800;
const SEED_BATCH = 5_000;
const PRODUCE_BATCH = 500;

/**
 * The subsidies service authorising sponsored invoices through its real path, beside the raw limits of
 * the parts under it, measured in the same run on the same machine:
 * - raw PostgreSQL: authorisation-shaped rows inserted with unnest, 1,000 a statement;
 * - raw Kafka: the very invoice messages produced (idempotent, acks=all, 500 a batch), then consumed by
 *   a consumer that does nothing with them;
 * - authorisations: the same `invoices` contributions.invoice.issued events (each with a sponsorshipId)
 *   produced to the real topic while the service runs: its batch consumer (inbox, one transaction a
 *   batch) locks the sponsored months, moves RESERVED → SPENT on the programmes' double-entry budgets,
 *   writes one subsidies.subsidy.payment-authorised per invoice to the outbox (and, as every fourth month
 *   is a sponsorship's last, one sponsorship.ended per sponsorship), and the relay publishes them. Timed
 *   from the first invoice produced to the last authorisation committed (it exists, in the outbox), and
 *   to the last one published on Kafka (the shared outbox relay's pace included).
 *
 * Setup (not timed): invoices / 4 workers, each with a 4-month APBD sponsorship spread over 8 NOMINATED
 * programmes (so that registrations other benchmarks flood the shared topics with are not granted),
 * written straight into the service's tables with balances that match (reserved = what the months hold).
 */
export async function benchSubsidies(databaseUrl: string, brokers: string[], invoices: number): Promise<Figure[]> {
  const database = 'jaring_bench_subsidies';
  await freshDatabase(database, databaseUrl);
  const serviceName = `subsidies-bench-${randomUUID().slice(0, 8)}`;
  class BenchSubsidiesConfig extends SubsidiesConfig {
    override readonly serviceName: string = serviceName;
  }
  const config = loadConfig(BenchSubsidiesConfig, {
    DATABASE_URL: databaseUrl,
    DATABASE_NAME: database,
    KAFKA_BROKERS: brokers.join(','),
    OIDC_ISSUER: benchIssuer(),
    LOG_LEVEL: 'error',
  });
  const kafka = createKafka({ brokers, clientId: 'bench-subsidies' });
  await prepareTopics(kafka, `jaring-${serviceName}`);
  const app: NestExpressApplication = await bootstrapHttpService({
    serviceName,
    module: SubsidiesModule.forRoot(config, { clock: new AdjustableClock('2026-07-10T02:00:00Z') }),
    port: 0,
    host: '127.0.0.1',
    logLevels: process.env.BENCH_LOG ? ['fatal', 'error', 'warn', 'log'] : ['fatal', 'error'],
    configure: (application) => connectKafkaEvents(application),
  });
  const dataSource = app.get(DataSource);
  const figures: Figure[] = [];
  try {
    const workers = Math.ceil(invoices / MONTHS);
    const sponsorships = await seed(dataSource, workers);
    const messages = invoiceMessages(sponsorships, invoices);

    // 1. raw PostgreSQL: rows shaped like an authorisation, 1,000 a statement.
    await dataSource.query(
      'CREATE TABLE bench_raw_authorisations (id uuid PRIMARY KEY, invoice_id uuid NOT NULL, period text NOT NULL, amount bigint NOT NULL)',
    );
    const raw = await timed(async () => {
      for (let start = 0; start < invoices; start += 1_000) {
        const n = Math.min(1_000, invoices - start);
        await dataSource.query(
          'INSERT INTO bench_raw_authorisations SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[])',
          [
            Array.from({ length: n }, () => randomUUID()),
            Array.from({ length: n }, () => randomUUID()),
            new Array<string>(n).fill('2026-07'),
            new Array<number>(n).fill(MONTHLY),
          ],
        );
      }
    });
    figures.push({ name: 'raw PostgreSQL insert (unnest, 1,000 a statement)', items: invoices, ms: raw.ms, unit: 'rows' });

    // 2. raw Kafka: the same messages, produced then consumed with no work.
    const produced = await timed(() => produceUpstream(brokers, RAW_TOPIC, messages, PRODUCE_BATCH));
    figures.push({
      name: 'raw Kafka produce (another thread, idempotent, acks=all, 500 a batch)',
      items: invoices,
      ms: produced.ms,
      unit: 'msgs',
    });
    const consumed = await timed(() => consumeRaw(kafka, RAW_TOPIC, invoices));
    figures.push({ name: 'raw Kafka consume (eachBatch, no work)', items: invoices, ms: consumed.ms, unit: 'msgs' });

    // 3. the service: invoices in, authorisations out on Kafka (and, on the way, when they were all committed).
    let committedMs = 0;
    const before = await backboneCounts(app);
    const authorised = await timed(async () => {
      const started = process.hrtime.bigint();
      const producing = produceUpstream(brokers, Topics.contributionsInvoices, messages, PRODUCE_BATCH);
      await untilCounted(app, before, (since) => since.applied >= invoices);
      committedMs = Number(process.hrtime.bigint() - started) / 1e6;
      await producing;
      // One payment-authorised per invoice and one sponsorship.ended per sponsorship (its fourth month).
      await untilCounted(app, before, (since) => since.published >= invoices + workers);
    });
    figures.push({
      name: 'authorisations committed (consumer → budget ledger → outbox)',
      items: invoices,
      ms: committedMs,
      unit: 'authorisations',
      goal: 3_000,
    });
    figures.push({
      name: 'authorisations: invoice.issued → budget ledger → payment-authorised on Kafka',
      items: invoices,
      ms: authorised.ms,
      unit: 'authorisations',
      goal: 3_000,
    });
    await check(dataSource, invoices, workers);
  } finally {
    await app.close();
  }
  return figures;
}

interface SeededSponsorship {
  id: string;
  workerId: string;
}

/** Workers, programmes and sponsorships as grants would have left them, in a few large statements. */
async function seed(dataSource: DataSource, workers: number): Promise<SeededSponsorship[]> {
  const funderId = randomUUID();
  await dataSource.query(
    "INSERT INTO funders (id, name, type, region_code) VALUES ($1, 'Pemerintah Provinsi NTT', 'APBD_PROVINCE', '53')",
    [funderId],
  );
  const programmeIds = Array.from({ length: PROGRAMMES }, () => randomUUID());
  const perProgramme = Math.ceil(workers / PROGRAMMES);
  const reserve = perProgramme * MONTHS * MONTHLY;
  const budget = reserve + 1_000_000;
  for (const id of programmeIds) {
    await dataSource.query(
      `INSERT INTO programmes (id, funder_id, funder_type, name, budget, coverage_months, programs, regions, starts_on, ends_on, selection, available)
       VALUES ($1, $2, 'APBD_PROVINCE', 'Stimulus BPU NTT', $3, $4, '{JKK,JKM}', '{53}', '2026-07-01', '2026-12-31', 'NOMINATED', $3)`,
      [id, funderId, budget, MONTHS],
    );
    await dataSource.query(
      "INSERT INTO budget_entries (id, programme_id, debit_account, credit_account, amount, kind) VALUES ($1, $1, 'FUNDING', 'AVAILABLE', $2, 'BUDGET')",
      [id, budget],
    );
  }
  const periods = Period.sequence(Period.parse('2026-07'), MONTHS).map(String);
  const all: SeededSponsorship[] = [];
  for (let start = 0; start < workers; start += SEED_BATCH) {
    const batch = Array.from({ length: Math.min(SEED_BATCH, workers - start) }, () => ({ id: randomUUID(), workerId: randomUUID() }));
    const programmeOf = batch.map((_, i) => programmeIds[(start + i) % PROGRAMMES]);
    await dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO workers (worker_id, membership_number, region_code, occupation, declared_monthly_income, programs, registered_on)
         SELECT w, (53000000000 + $2::bigint + n)::text, '5371', 'WEAVER', 1000000, '{JKK,JKM}', '2026-07-01' FROM unnest($1::uuid[]) WITH ORDINALITY AS x (w, n)`,
        [batch.map((s) => s.workerId), start],
      );
      await manager.query(
        `INSERT INTO sponsorships (id, programme_id, funder_id, funder_type, worker_id, months, programs, first_period, last_period, reserved_amount, region_code, occupation, granted_on)
         SELECT s, p, $3, 'APBD_PROVINCE', w, $4, '{JKK,JKM}', $5, $6, $7, '5371', 'WEAVER', '2026-07-01' FROM unnest($1::uuid[], $2::uuid[], $8::uuid[]) AS x (s, p, w)`,
        [
          batch.map((s) => s.id),
          programmeOf,
          funderId,
          MONTHS,
          periods[0],
          periods[MONTHS - 1],
          MONTHS * MONTHLY,
          batch.map((s) => s.workerId),
        ],
      );
      await manager.query(
        `INSERT INTO sponsored_months (worker_id, period, sponsorship_id, programme_id, funder_type, last_period, reserved_amount)
         SELECT x.w, m.period, x.s, x.p, 'APBD_PROVINCE', $5, $3 FROM unnest($1::uuid[], $2::uuid[], $6::uuid[]) AS x (s, w, p) CROSS JOIN unnest($4::text[]) AS m (period)`,
        [batch.map((s) => s.id), batch.map((s) => s.workerId), MONTHLY, periods, periods[MONTHS - 1], programmeOf],
      );
      await manager.query(
        `INSERT INTO budget_entries (id, programme_id, debit_account, credit_account, amount, kind, sponsorship_id)
         SELECT s, p, 'AVAILABLE', 'RESERVED', $3, 'RESERVE', s FROM unnest($1::uuid[], $2::uuid[]) AS x (s, p)`,
        [batch.map((s) => s.id), programmeOf, MONTHS * MONTHLY],
      );
    });
    all.push(...batch);
  }
  await dataSource.query(
    `UPDATE programmes p SET available = p.available - c.amount, reserved = p.reserved + c.amount, sponsored_workers = p.sponsored_workers + c.n
     FROM (SELECT programme_id, count(*)::int AS n, sum(reserved_amount) AS amount FROM sponsorships WHERE id = ANY ($1::uuid[]) GROUP BY programme_id) c
     WHERE c.programme_id = p.id`,
    [all.map((s) => s.id)],
  );
  // Statistics, as a database in service has them (autovacuum would gather them a minute later).
  for (const table of ['workers', 'sponsorships', 'sponsored_months', 'programmes', 'budget_entries'])
    await dataSource.query(`ANALYZE ${table}`);
  return all;
}

/** invoice.issued envelopes as contributions produces them, month by month (all workers' July, then August...). */
function invoiceMessages(
  sponsorships: SeededSponsorship[],
  invoices: number,
): Array<{ key: string; value: string; headers: Record<string, string> }> {
  const periods = Period.sequence(Period.parse('2026-07'), MONTHS).map(String);
  const messages: Array<{ key: string; value: string; headers: Record<string, string> }> = [];
  for (const period of periods) {
    for (const s of sponsorships) {
      if (messages.length >= invoices) return messages;
      const data: InvoiceIssuedV1 = {
        invoiceId: randomUUID(),
        workerId: s.workerId,
        period,
        amount: MONTHLY,
        payer: 'APBD',
        dueDate: `${period}-15`,
        lines: [
          { program: 'JKK', amount: 10_000 },
          { program: 'JKM', amount: 6_800 },
        ],
        sponsorshipId: s.id,
        sponsoredAmount: MONTHLY,
      };
      const envelope: EventEnvelope<InvoiceIssuedV1> = {
        id: randomUUID(),
        type: EVENTS.InvoiceIssued.type,
        version: EVENTS.InvoiceIssued.version,
        occurredAt: new Date().toISOString(),
        source: 'contributions',
        subject: s.workerId,
        correlationId: randomUUID(),
        causationId: null,
        data,
      };
      messages.push({
        key: s.workerId,
        value: JSON.stringify(envelope),
        headers: { [EventHeaders.type]: envelope.type, [EventHeaders.version]: '1', [EventHeaders.correlationId]: envelope.correlationId },
      });
    }
  }
  return messages;
}

/** The raw topic fresh, and the service's consumer group starting at the end of the shared topics. */
async function prepareTopics(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: [RAW_TOPIC] }).catch(() => undefined);
    await ensureTopics(admin, [...ALL_TOPICS, RAW_TOPIC], { partitions: 6, replicationFactor: 1 });
  } finally {
    await admin.disconnect();
  }
  await commitTopicEnds(kafka, groupId, ALL_TOPICS);
}

/** The run is only a result if the money adds up: every invoice authorised once, budgets balanced. */
async function check(dataSource: DataSource, invoices: number, workers: number): Promise<void> {
  const [months] = await dataSource.query(
    'SELECT count(*)::int AS n, sum(authorised_amount)::bigint AS amount FROM sponsored_months WHERE authorisation_id IS NOT NULL',
  );
  if (months.n !== invoices || Number(months.amount) !== invoices * MONTHLY)
    throw new Error(`authorised ${months.n} months for ${months.amount}, expected ${invoices}`);
  const [balanced] = await dataSource.query(
    `SELECT bool_and(available + reserved + spent = budget AND available >= 0 AND reserved >= 0) AS ok, sum(spent)::bigint AS spent FROM programmes`,
  );
  if (!balanced.ok || Number(balanced.spent) !== invoices * MONTHLY) throw new Error(`budgets do not add up: ${JSON.stringify(balanced)}`);
  const [{ n: ended }] = await dataSource.query("SELECT count(*)::int AS n FROM sponsorships WHERE end_reason = 'MONTHS_USED'");
  const expectedEnded = invoices >= workers * MONTHS ? workers : Math.max(0, invoices - workers * (MONTHS - 1));
  if (ended !== expectedEnded) throw new Error(`${ended} sponsorships ended, expected ${expectedEnded}`);
}
