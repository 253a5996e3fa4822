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
import { ALL_TOPICS } from '@jaring/contracts';
import { createKafka, createProducer, ensureTopics, type KafkaSecurity } from '../kafka/kafka-client';
import { Outbox } from '../outbox/outbox';
import { OutboxRelay, type OutboxRelayOptions } from '../outbox/outbox-relay';

export interface MessagingOptions {
  /** The producing service: the envelope's `source` and the default consumer group. */
  serviceName: string;
  brokers: string[];
  clientId?: string;
  /** TLS and SASL to the brokers, for every client of the service; none by default. */
  security?: KafkaSecurity;
  /**
   * Create missing topics at start (default true). A cluster that declares its topics itself and gives the
   * service no right to create any (the production overlay's KafkaUsers) sets it false.
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

  /** The outbox backlog, read when Prometheus scrapes. */
  watchBacklog(registry: Registry | undefined, backlog: () => Promise<number>): void {
    if (!registry) return;
    new Gauge({
      name: 'jaring_outbox_backlog',
      help: 'Events written to the outbox and not yet published',
      registers: [registry],
      async collect() {
        this.set(await backlog().catch(() => -1));
      },
    });
  }
}

/** The service's connection to Kafka: one client, one idempotent producer, one admin. */
@Injectable()
export class KafkaConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Kafka');
  readonly kafka: Kafka;
  readonly producer: Producer;
  private readonly admin: Admin;

  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {
    this.kafka = createKafka({
      brokers: options.brokers,
      clientId: options.clientId ?? `jaring-${options.serviceName}`,
      security: options.security,
      log: (level, message, extra) => this.logger[level]({ message, ...extra }),
    });
    this.producer = createProducer(this.kafka);
    this.admin = this.kafka.admin();
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
