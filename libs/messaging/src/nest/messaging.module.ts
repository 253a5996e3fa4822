import { Inject, Injectable, Logger, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ALL_TOPICS } from '@jaring/contracts';
import { createKafka, createProducer, ensureTopics } from '../kafka/kafka-client';
import { Outbox } from '../outbox/outbox';
import { OutboxRelay, type OutboxRelayOptions } from '../outbox/outbox-relay';

export interface MessagingOptions {
  /** The producing service: the envelope's `source` and the default consumer group. */
  serviceName: string;
  brokers: string[];
  clientId?: string;
  topicPartitions?: number;
  replicationFactor?: number;
  relay?: Omit<OutboxRelayOptions, 'log'>;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

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
      log: (level, message, extra) => this.logger[level]({ message, ...extra }),
    });
    this.producer = createProducer(this.kafka);
    this.admin = this.kafka.admin();
  }

  async onModuleInit(): Promise<void> {
    await Promise.all([this.producer.connect(), this.admin.connect()]);
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

  constructor(dataSource: DataSource, connection: KafkaConnection, @Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    this.relay = new OutboxRelay(dataSource, connection.producer, {
      ...options.relay,
      log: (level, message, extra) => this.logger[level]({ message, ...extra }),
    });
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
        OutboxRelayRunner,
        { provide: Outbox, useFactory: () => new Outbox(options.serviceName) },
      ],
      exports: [KafkaConnection, OutboxRelayRunner, Outbox, MESSAGING_OPTIONS],
    };
  }
}
