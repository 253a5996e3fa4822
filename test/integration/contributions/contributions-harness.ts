import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  EVENT_CATALOG,
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
import { connectKafkaEvents, createProducer } from '@jaring/messaging';
import { bootstrapHttpService, loadConfig } from '@jaring/platform';
import { ContributionsConfig } from '../../../apps/contributions/src/contributions.config';
import { ContributionsModule } from '../../../apps/contributions/src/contributions.module';
import { as, identitySettings } from '../../support/identity';
import { freshDatabase, testInfrastructure } from '../../support/infrastructure';
import { commitTopicEnds, startGroupAtTopicEnds, testKafka, type SeenMessage } from '../../support/kafka';
import { sealedBirthDate } from '../../support/sealed-facts';
import { waitFor } from '../../support/wait-for';

/**
 * The contributions service booted in-process as in production (HTTP + the Kafka event transport), on
 * its own fresh database, with an AdjustableClock the test walks through months. Input events are real
 * envelopes produced to the real topics; the recorder keeps the output events of this file's workers.
 * Its HTTP helpers sign in as the development clients of the test run's OpenID provider: payments as the
 * channel Bank NTT, runs as an operator, reads as an auditor; `get` and `post` send only the headers given.
 */
export class ContributionsHarness {
  app!: NestExpressApplication;
  baseUrl!: string;
  dataSource!: DataSource;
  recorder!: RecorderFromNow;
  producer!: Producer;
  readonly workers = new Set<string>();

  constructor(
    readonly database: string,
    readonly clock: AdjustableClock,
    private readonly env: Record<string, string> = {},
  ) {}

  async start(): Promise<this> {
    await freshDatabase(this.database);
    const { databaseUrl, kafkaBrokers } = testInfrastructure();
    const config = loadConfig(ContributionsConfig, {
      DATABASE_URL: databaseUrl,
      DATABASE_NAME: this.database,
      KAFKA_BROKERS: kafkaBrokers.join(','),
      LOG_LEVEL: 'warn',
      SCHEDULE_INTERVAL_MS: '0',
      ...identitySettings(),
      ...this.env,
    });
    // what other test files left on the shared topics never reaches this database: its runs count its workers only
    await startGroupAtTopicEnds(config.serviceName);
    this.app = await bootstrapHttpService({
      serviceName: config.serviceName,
      module: ContributionsModule.forRoot(config, { clock: this.clock }),
      port: 0,
      host: '127.0.0.1',
      logLevels: ['fatal', 'error'],
      configure: (application) => connectKafkaEvents(application, { maxAttempts: 2, retryDelayMs: 20 }),
    });
    this.baseUrl = `http://127.0.0.1:${(this.app.getHttpServer().address() as { port: number }).port}`;
    this.dataSource = this.app.get(DataSource);
    const kafka = testKafka();
    this.producer = createProducer(kafka);
    await this.producer.connect();
    this.recorder = await new RecorderFromNow(kafka, [Topics.contributionsInvoices, Topics.contributionsCoverage], (m) =>
      this.workers.has(m.key ?? ''),
    ).start();
    return this;
  }

  async stop(): Promise<void> {
    await this.recorder?.stop();
    await this.producer?.disconnect();
    await this.app?.close();
  }

  /** A valid envelope of a declared event, as its owning service would write it. */
  envelope<T extends object>(definition: EventDefinition<T>, subject: string, data: T, id: string = randomUUID()): EventEnvelope<T> {
    return {
      id,
      type: definition.type,
      version: definition.version,
      occurredAt: this.clock.now().toISOString(),
      source: 'test',
      subject,
      correlationId: randomUUID(),
      causationId: null,
      data,
    };
  }

  /** Produces a valid envelope of a declared event, as its owning service would. */
  async produce<T extends object>(
    definition: EventDefinition<T>,
    subject: string,
    data: T,
    id: string = randomUUID(),
  ): Promise<EventEnvelope<T>> {
    const envelope = this.envelope(definition, subject, data, id);
    EVENT_CATALOG.assertProducible(envelope);
    await this.producer.send({
      topic: definition.topic,
      acks: -1,
      messages: [
        {
          key: subject,
          value: JSON.stringify(envelope),
          headers: { [EventHeaders.type]: envelope.type, [EventHeaders.version]: String(envelope.version) },
        },
      ],
    });
    return envelope;
  }

  /** A regency's 3 months of JKK and JKM for the worker from November 2026, as subsidies grants it. */
  sponsorshipGrant(workerId: string, overrides: Partial<SponsorshipGrantedV1> = {}): SponsorshipGrantedV1 {
    return {
      sponsorshipId: randomUUID(),
      programmeId: randomUUID(),
      funderId: randomUUID(),
      funderType: 'APBD_REGENCY',
      workerId,
      months: 3,
      programs: ['JKK', 'JKM'],
      reservedAmount: 50_400,
      firstPeriod: '2026-11',
      ...overrides,
    };
  }

  /** The sponsor's payment of an invoice, as subsidies authorises it (the sponsored part, whole). */
  authorisation(
    sponsorship: SponsorshipGrantedV1,
    invoice: { id: string; period: string; sponsoredAmount: number },
    overrides: Partial<SubsidyPaymentAuthorisedV1> = {},
  ): SubsidyPaymentAuthorisedV1 {
    return {
      authorisationId: randomUUID(),
      sponsorshipId: sponsorship.sponsorshipId,
      programmeId: sponsorship.programmeId,
      funderType: sponsorship.funderType,
      workerId: sponsorship.workerId,
      invoiceId: invoice.id,
      period: invoice.period,
      amount: invoice.sponsoredAmount,
      ...overrides,
    };
  }

  /** Waits for the worker's live (not VOID) invoice of a period with this payer. */
  async liveInvoice(workerId: string, period: string, payer: string): Promise<any> {
    return waitFor(
      async () => (await this.invoices(workerId)).find((i) => i.period === period && i.status !== 'VOID' && i.payer === payer),
      `${workerId}'s ${period} invoice paid by ${payer}`,
    );
  }

  registration(overrides: Partial<WorkerRegisteredV2> = {}): WorkerRegisteredV2 {
    const workerId = overrides.workerId ?? randomUUID();
    this.workers.add(workerId);
    return {
      workerId,
      membershipNumber: String(10_000_000_000 + Math.floor(Math.random() * 89_999_999_999)).slice(0, 11),
      nikHash: 'a'.repeat(64),
      regionCode: '5371',
      occupation: 'MARKET_TRADER',
      declaredMonthlyIncome: 1_000_000,
      programs: ['JKK', 'JKM'],
      sealedBirthDate: sealedBirthDate(workerId, '1990-01-01'),
      registeredOn: this.clock.now().toISOString().slice(0, 10),
      ...overrides,
    };
  }

  // ---- HTTP, as an integrator calls it ----

  async get<T = any>(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as T };
  }

  async post<T = any>(
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T; headers: Headers }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T, headers: response.headers };
  }

  /** A payment as a channel makes it (Bank NTT unless said), with a fresh reference unless the body has one. */
  async pay(body: Record<string, unknown>, key: string = randomUUID(), channel = 'channel-bank-ntt') {
    return this.post(
      '/v1/payments',
      { externalReference: `TRX-${randomUUID()}`, ...body },
      { 'idempotency-key': key, ...(await as(channel)) },
    );
  }

  async invoices(workerId: string): Promise<any[]> {
    const { status, body } = await this.get<{ items: any[] }>(`/v1/workers/${workerId}/invoices`, await as('auditor'));
    if (status !== 200) throw new Error(`invoices of ${workerId}: ${status}`);
    return body.items;
  }

  async coverage(workerId: string, date?: string): Promise<any> {
    const { status, body } = await this.get(`/v1/workers/${workerId}/coverage${date ? `?date=${date}` : ''}`, await as('auditor'));
    if (status !== 200) throw new Error(`coverage of ${workerId}: ${status} ${JSON.stringify(body)}`);
    return body;
  }

  /** Registers a worker through enrollment's event and waits for the account's first invoice. */
  async register(overrides: Partial<WorkerRegisteredV2> = {}): Promise<{ workerId: string; firstInvoice: any }> {
    const data = this.registration(overrides);
    await this.produce(EVENTS.WorkerRegistered, data.workerId, data);
    const firstInvoice = await waitFor(async () => (await this.invoicesIfAny(data.workerId))?.[0], `the first invoice of ${data.workerId}`);
    return { workerId: data.workerId, firstInvoice };
  }

  async invoicesIfAny(workerId: string): Promise<any[] | undefined> {
    const { status, body } = await this.get<{ items: any[] }>(`/v1/workers/${workerId}/invoices`, await as('auditor'));
    return status === 200 && body.items.length ? body.items : undefined;
  }

  async billingRun(period?: string): Promise<any> {
    const started = await this.post('/v1/billing-runs', period ? { period } : {}, await as('operator'));
    if (started.status !== 202) throw new Error(`billing run: ${started.status} ${JSON.stringify(started.body)}`);
    return waitFor(async () => {
      const { body } = await this.get(`/v1/billing-runs/${started.body.id}`, await as('operator'));
      return body.status !== 'RUNNING' ? body : undefined;
    }, 'the billing run to finish');
  }

  async arrearsRun(): Promise<{ id: string; asOf: string; overdue: number; lapsed: number; trigger: string; requestedBy: unknown }> {
    const { status, body } = await this.post('/v1/arrears-runs', {}, await as('operator'));
    if (status !== 200) throw new Error(`arrears run: ${status} ${JSON.stringify(body)}`);
    return body;
  }

  events(workerId: string, type?: string): Array<EventEnvelope<any>> {
    return this.recorder.messages
      .filter((m: SeenMessage) => m.key === workerId && (!type || m.headers.type === type))
      .map((m) => JSON.parse(m.value!) as EventEnvelope<any>);
  }

  async waitForEvent(workerId: string, type: string, count = 1): Promise<Array<EventEnvelope<any>>> {
    return waitFor(() => {
      const found = this.events(workerId, type);
      return found.length >= count ? found : undefined;
    }, `${count} ${type} event(s) of ${workerId}`);
  }

  /** Waits until the service has applied an event produced by the test (its inbox holds the event's id). */
  async processed(eventId: string, what = `event ${eventId} processed`): Promise<void> {
    await waitFor(
      async () => (await this.dataSource.query<unknown[]>('SELECT 1 FROM processed_events WHERE event_id = $1', [eventId])).length === 1,
      what,
    );
  }

  /** Sum of every ledger entry (must be 0), and the journals that do not balance (must be none). */
  async ledgerCheck(): Promise<{ total: number; unbalanced: number; journals: number }> {
    const [row] = await this.dataSource.query<Array<{ total: string; unbalanced: number; journals: number }>>(
      `SELECT (SELECT coalesce(sum(amount), 0)::bigint FROM ledger_entries) AS total,
              (SELECT count(*) FROM (SELECT journal_id FROM ledger_entries GROUP BY journal_id HAVING sum(amount) <> 0) u)::int AS unbalanced,
              (SELECT count(*) FROM ledger_journals)::int AS journals`,
    );
    return { total: Number(row.total), unbalanced: row.unbalanced, journals: row.journals };
  }
}

/**
 * Records this file's output events like test/support's TopicRecorder, but its fresh consumer group starts
 * at the topics' current ends: the shared topics keep every earlier run's events (a benchmark writes
 * hundreds of thousands), and this file's events all come after it starts. The start offsets are committed
 * for the new group before it joins, so nothing produced afterwards is missed.
 */
export class RecorderFromNow {
  readonly messages: SeenMessage[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: string[],
    private readonly keep: (m: SeenMessage) => boolean,
  ) {}

  async start(): Promise<this> {
    const groupId = `test-recorder-${randomUUID()}`;
    await commitTopicEnds(this.kafka, groupId, this.topics);
    this.consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: ({ topic, partition, message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).flatMap(([name, value]) => (value === undefined ? [] : [[name, value.toString()]])),
        );
        const seen: SeenMessage = {
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers,
        };
        if (this.keep(seen)) this.messages.push(seen);
        return Promise.resolve();
      },
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
