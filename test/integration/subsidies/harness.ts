import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { EVENT_CATALOG, EventHeaders, Topics, type EventDefinition, type EventEnvelope } from '@jaring/contracts';
import { AdjustableClock } from '@jaring/domain';
import { connectKafkaEvents, createProducer } from '@jaring/messaging';
import { bootstrapHttpService, loadConfig } from '@jaring/platform';
import { SubsidiesConfig } from '../../../apps/subsidies/src/subsidies.config';
import { SubsidiesModule } from '../../../apps/subsidies/src/subsidies.module';
import { SUBSIDIES_OPENAPI } from '../../../apps/subsidies/src/subsidies.openapi';
import { as, identitySettings } from '../../support/identity';
import { freshDatabase, testInfrastructure } from '../../support/infrastructure';
import { commitTopicEnds, startGroupAtTopicEnds, testKafka, type SeenMessage } from '../../support/kafka';

export interface SubsidiesHarness {
  app: NestExpressApplication;
  baseUrl: string;
  dataSource: DataSource;
  clock: AdjustableClock;
  kafka: Kafka;
  producer: Producer;
  /** subsidies.sponsorships.v1 from now on, only this file's workers' messages (topics are shared by all test files). */
  recorder: LiveRecorder;
  /** Worker ids this file created: the recorder keeps their messages. */
  ownWorkers: Set<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** The clock's start, e.g. `2026-07-01T03:00:00Z`. */
  now?: string;
  env?: Record<string, string>;
}

/**
 * The subsidies service in-process, as it runs in production (HTTP + the Kafka event transport + the
 * outbox relay), on its own fresh database and its own consumer group. The group starts at the end of
 * every topic: other test files' history (and benchmarks' hundreds of thousands of events) is not this
 * file's input.
 */
export async function startSubsidies(name: string, options: HarnessOptions = {}): Promise<SubsidiesHarness> {
  const database = `jaring_test_subsidies_${name}`;
  await freshDatabase(database);
  const { databaseUrl, kafkaBrokers } = testInfrastructure();
  const serviceName = `subsidies-test-${name}-${randomUUID().slice(0, 8)}`;
  class TestSubsidiesConfig extends SubsidiesConfig {
    override readonly serviceName: string = serviceName;
  }
  const config = loadConfig(TestSubsidiesConfig, {
    DATABASE_URL: databaseUrl,
    DATABASE_NAME: database,
    KAFKA_BROKERS: kafkaBrokers.join(','),
    LOG_LEVEL: 'warn',
    // the run's development OpenID provider: programme officers and auditors sign in there
    ...identitySettings(),
    // The tests' webhook receivers listen on 127.0.0.1; a test of the refusals sets it 'false'.
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    ...options.env,
  });
  await startGroupAtTopicEnds(serviceName);
  const kafka = testKafka();
  const clock = new AdjustableClock(options.now ?? '2026-07-01T03:00:00Z');
  const app = await bootstrapHttpService({
    serviceName,
    module: SubsidiesModule.forRoot(config, { clock }),
    port: 0,
    host: '127.0.0.1',
    logLevels: ['fatal', 'error'],
    openApi: SUBSIDIES_OPENAPI,
    configure: (application) => connectKafkaEvents(application, { maxAttempts: 2, retryDelayMs: 20 }),
  });
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const producer = createProducer(kafka);
  await producer.connect();
  const ownWorkers = new Set<string>();
  const recorder = await new LiveRecorder(kafka, Topics.subsidiesSponsorships, (m) => ownWorkers.has(m.key ?? '')).start();
  return {
    app,
    baseUrl,
    dataSource: app.get(DataSource),
    clock,
    kafka,
    producer,
    recorder,
    ownWorkers,
    close: async () => {
      await recorder.stop();
      await producer.disconnect();
      await app.close();
    },
  };
}

/**
 * Like the shared TopicRecorder, but reading from the topic's current end: a shared broker's history (a
 * benchmark leaves hundreds of thousands of messages) is not read again by every test file.
 */
export class LiveRecorder {
  readonly messages: SeenMessage[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly keep: (m: SeenMessage) => boolean,
  ) {}

  async start(): Promise<this> {
    const groupId = `test-recorder-${randomUUID()}`;
    await commitTopicEnds(this.kafka, groupId, [this.topic]);
    this.consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topic] });
    await this.consumer.run({
      eachMessage: ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) if (value !== undefined) headers[name] = value.toString();
        const seen = {
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

/** An envelope as the owning service's outbox would write it, checked against the declared schema. */
export function envelope<T extends object>(
  definition: EventDefinition<T>,
  subject: string,
  data: T,
  id: string = randomUUID(),
): EventEnvelope<T> {
  const built: EventEnvelope<T> = {
    id,
    type: definition.type,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    source: definition.type.split('.')[0],
    subject,
    correlationId: randomUUID(),
    causationId: null,
    data,
  };
  EVENT_CATALOG.assertProducible(built);
  return built;
}

/** Produces envelopes to their topics, keyed by worker, with the headers every Jaring message carries. */
export async function produce(producer: Producer, envelopes: EventEnvelope[]): Promise<void> {
  const byTopic = new Map<string, EventEnvelope[]>();
  for (const e of envelopes) {
    const topic = EVENT_CATALOG.get(e.type, e.version).topic;
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), e]);
  }
  await producer.sendBatch({
    acks: -1,
    topicMessages: [...byTopic].map(([topic, list]) => ({
      topic,
      messages: list.map((e) => ({
        key: e.subject,
        value: JSON.stringify(e),
        headers: {
          [EventHeaders.type]: e.type,
          [EventHeaders.version]: String(e.version),
          [EventHeaders.traceparent]: `00-${randomUUID().replace(/-/g, '')}-${randomUUID().replace(/-/g, '').slice(0, 16)}-01`,
          [EventHeaders.correlationId]: e.correlationId,
        },
      })),
    })),
  });
}

/**
 * Who a test client calls as: a funder's API key (sent as `X-Api-Key`), or headers got afresh for every
 * request (`() => as('programme-officer')`: a token of the run's OpenID provider), or nobody.
 */
export type Credentials = string | (() => Promise<Record<string, string>>);

/** An HTTP client for the service, as an integrator would call it. */
export function client(baseUrl: string, credentials?: Credentials) {
  return async function call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T; headers: Headers; text: string }> {
    const signedIn = typeof credentials === 'function' ? await credentials() : credentials ? { 'x-api-key': credentials } : {};
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...signedIn,
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // CSV and other non-JSON answers stay text.
    }
    return { status: response.status, body: parsed as T, headers: response.headers, text };
  };
}

/** A client signed in as a development client of the OpenID provider, e.g. `clientAs(h, 'programme-officer')`. */
export function clientAs(h: Pick<SubsidiesHarness, 'baseUrl'>, clientId: string) {
  return client(h.baseUrl, () => as(clientId));
}

/** The events of one type on the sponsorships topic, as envelopes. */
export function recorded<T = any>(harness: SubsidiesHarness, type: string): Array<EventEnvelope<T>> {
  return harness.recorder.messages.filter((m) => m.headers.type === type).map((m) => JSON.parse(m.value!) as EventEnvelope<T>);
}
