import {
  Inject,
  Injectable,
  Logger,
  Module,
  Optional,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { Counter, Gauge, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { ALL_TOPICS, deadLetterTopic, EVENT_CATALOG } from '@jaring/contracts';
import { createKafka, createProducer, ensureTopics, waitForTopics, type KafkaSecurity } from '../kafka/kafka-client';
import { Outbox } from '../outbox/outbox';
import { AdminPartitionCounts, type PartitionCounts } from '../outbox/delivery-check';
import { OutboxRelay, type OutboxRelayOptions } from '../outbox/outbox-relay';

export interface MessagingOptions {
  /** The producing service: the envelope's `source` and the default consumer group. */
  serviceName: string;
  brokers: string[];
  clientId?: string;
  /** TLS and SASL to the brokers, for every client of the service; none by default. */
  security?: KafkaSecurity;
  /**
   * Create missing topics at start (default true), with `topicPartitions` (default 6) partitions and
   * `replicationFactor` (default 1) replicas each. A cluster that declares its topics itself and gives the
   * service no right to create any (the production overlay's KafkaUsers) sets it false: the service then
   * waits at start until its topics exist.
   */
  createTopics?: boolean;
  topicPartitions?: number;
  replicationFactor?: number;
  relay?: Omit<OutboxRelayOptions, 'log'>;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/**
 * Tokens the platform library defines (as plain strings, so that this library need not import it): the
 * per-app Prometheus registry, and the Kafka check `/health` runs.
 */
export const METRICS_REGISTRY_TOKEN = 'METRICS_REGISTRY';
export const KAFKA_HEALTH_CHECK_TOKEN = 'KAFKA_HEALTH_CHECK';

/** A gauge whose value is read when Prometheus scrapes, on the app's registry when it has one. */
function scrapedGauge(registry: Registry | undefined, name: string, help: string, read: () => Promise<number>): void {
  if (!registry) return;
  new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      this.set(await read());
    },
  });
}

/** Counters of the event backbone, on the app's registry when it has one. */
@Injectable()
export class MessagingMetrics {
  readonly published?: Counter;
  readonly applied?: Counter;
  readonly deadLettered?: Counter;

  constructor(@Optional() @Inject(METRICS_REGISTRY_TOKEN) registry?: Registry) {
    if (!registry) return;
    const registers = [registry];
    this.published = new Counter({ name: 'jaring_outbox_published_total', help: 'Events the outbox relay published to Kafka', registers });
    this.applied = new Counter({ name: 'jaring_events_applied_total', help: 'Consumed events applied (duplicates excluded)', registers });
    this.deadLettered = new Counter({
      name: 'jaring_events_dead_lettered_total',
      help: 'Consumed messages sent to a dead-letter topic',
      registers,
    });
  }

  /** 1 while a broker answers the service's Kafka client within 2 s, else 0; looked at when Prometheus scrapes. */
  watchKafka(registry: Registry | undefined, reachable: () => Promise<boolean>): void {
    scrapedGauge(
      registry,
      'jaring_kafka_connected',
      'Whether a Kafka broker answers this service (1) or not (0), as GET /health reports it',
      async () => ((await reachable()) ? 1 : 0),
    );
  }

  /** The outbox backlog, read when Prometheus scrapes. */
  watchBacklog(registry: Registry | undefined, backlog: () => Promise<number>): void {
    scrapedGauge(registry, 'jaring_outbox_backlog', 'Events written to the outbox and not yet published', () => backlog().catch(() => -1));
  }
}

/** The service's connection to Kafka: one client, one idempotent producer, one admin. */
@Injectable()
export class KafkaConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Kafka');
  readonly kafka: Kafka;
  readonly producer: Producer;
  /** The topics' partition counts, for the relay's check that Kafka acknowledged every partition it wrote to. */
  readonly partitionCounts: PartitionCounts;
  private readonly admin: Admin;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    metrics: MessagingMetrics,
    @Optional() @Inject(METRICS_REGISTRY_TOKEN) registry?: Registry,
  ) {
    this.kafka = createKafka({
      brokers: options.brokers,
      clientId: options.clientId ?? `jaring-${options.serviceName}`,
      security: options.security,
      log: (level, message, extra) => this.logger[level]({ message, ...extra }),
    });
    this.producer = createProducer(this.kafka);
    this.admin = this.kafka.admin();
    this.partitionCounts = new AdminPartitionCounts(this.admin);
    metrics.watchKafka(registry, () => this.reachable(2000));
  }

  async onModuleInit(): Promise<void> {
    await Promise.all([this.producer.connect(), this.admin.connect()]);
    if (this.options.createTopics === false) return;
    await ensureTopics(this.admin, ALL_TOPICS, {
      partitions: this.options.topicPartitions ?? 6,
      replicationFactor: this.options.replicationFactor ?? 1,
    });
  }

  /** Throws when no broker answers: the health check's Kafka indicator. */
  async check(): Promise<void> {
    await this.admin.describeCluster();
  }

  /** Whether a broker answers within `timeoutMs` (kafkajs keeps retrying a broker that is away much longer). */
  async reachable(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([
        this.check().then(
          () => true,
          () => false,
        ),
        timedOut,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Resolves when the topics the service needs exist: those it announces on, those it consumes (`consumed`)
   * and their dead-letter topics. At once when the service created them at start; otherwise (the cluster
   * declares them) it waits, saying in the log which are missing, and the service opens no port meanwhile:
   * its readiness probe fails until they are there. Only its own topics: a service's Kafka user may see no other.
   */
  async topicsReady(consumed: readonly string[]): Promise<void> {
    if (this.options.createTopics !== false) return;
    const wanted = [
      ...new Set([...EVENT_CATALOG.topicsAnnouncedBy(this.options.serviceName), ...consumed, ...consumed.map(deadLetterTopic)]),
    ];
    await waitForTopics(this.admin, wanted.sort(), {
      onMissing: (missing) =>
        this.logger.warn({
          message:
            'waiting for Kafka topics that do not exist yet; the cluster declares them (KafkaTopic resources), the service does not create them (KAFKA_CREATE_TOPICS=false)',
          missing,
        }),
    });
    this.logger.log({ message: 'Kafka topics ready', topics: wanted.length });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }
}

/** Runs the outbox relay for the application's lifetime. */
@Injectable()
export class OutboxRelayRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  readonly relay: OutboxRelay;

  constructor(
    dataSource: DataSource,
    connection: KafkaConnection,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    metrics: MessagingMetrics,
    @Optional() @Inject(METRICS_REGISTRY_TOKEN) registry?: Registry,
  ) {
    this.relay = new OutboxRelay(dataSource, connection.producer, {
      ...options.relay,
      partitionCounts: connection.partitionCounts,
      log: (level, message, extra) => this.logger[level]({ message, ...extra }),
      onPublished: (count) => metrics.published?.inc(count),
    });
    metrics.watchBacklog(registry, () => this.relay.backlog());
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

/**
 * Kafka for a service: the connection (topics created at start), the Outbox its application services
 * write events to, and the relay that publishes them. Needs TypeORM's DataSource in the application.
 * Consuming is a Nest transport: see `connectKafkaEvents`.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        KafkaConnection,
        MessagingMetrics,
        OutboxRelayRunner,
        { provide: Outbox, useFactory: () => new Outbox(options.serviceName) },
        {
          provide: KAFKA_HEALTH_CHECK_TOKEN,
          useFactory: (connection: KafkaConnection) => () => connection.check(),
          inject: [KafkaConnection],
        },
      ],
      exports: [KafkaConnection, MessagingMetrics, OutboxRelayRunner, Outbox, MESSAGING_OPTIONS, KAFKA_HEALTH_CHECK_TOKEN],
    };
  }
}
