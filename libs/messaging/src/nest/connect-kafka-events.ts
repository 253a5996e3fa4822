import { Logger, type INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KafkaEventServer, type KafkaEventServerOptions } from './kafka-event-server';
import { KafkaConnection, MESSAGING_OPTIONS, MessagingMetrics, type MessagingOptions } from './messaging.module';
import { RethrowRpcErrorsFilter } from './rethrow-rpc-errors.filter';

/** The one consumer group of a service: its replicas share the partitions, and its Kafka user reads no other group. */
export function consumerGroupOf(serviceName: string): string {
  return `jaring-${serviceName}`;
}

/**
 * Makes the app a hybrid of HTTP and the Kafka event transport: its `@EventPattern` handlers consume with
 * the service's consumer group. Call before `app.startAllMicroservices()`, which waits until the service's
 * topics exist (`KafkaConnection.topicsReady`) and then subscribes.
 */
export function connectKafkaEvents(app: INestApplication, consumer?: KafkaEventServerOptions['consumer']): void {
  const connection = app.get(KafkaConnection);
  const options = app.get<MessagingOptions>(MESSAGING_OPTIONS);
  const logger = new Logger('KafkaConsumer');
  const metrics = app.get(MessagingMetrics);
  const server = new KafkaEventServer({
    kafka: connection.kafka,
    producer: connection.producer,
    dataSource: app.get(DataSource),
    groupId: consumerGroupOf(options.serviceName),
    topicsReady: (consumed) => connection.topicsReady(consumed),
    consumer: {
      partitionCounts: connection.partitionCounts,
      log: (level, message, extra) => logger[level]({ message, ...extra }),
      onApplied: (count) => metrics.applied?.inc(count),
      onDeadLettered: (count) => metrics.deadLettered?.inc(count),
      ...consumer,
    },
  });
  // Deferred, so that the filter below is in place when Nest wires the handlers (at startAllMicroservices).
  const microservice = app.connectMicroservice({ strategy: server }, { deferInitialization: true });
  microservice.useGlobalFilters(new RethrowRpcErrorsFilter());
}
