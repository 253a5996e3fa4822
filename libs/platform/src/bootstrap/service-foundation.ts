import type { DynamicModule, Type } from '@nestjs/common';
import type { Clock } from '@jaring/domain';
import { MessagingModule } from '@jaring/messaging';
import type { BaseServiceConfig } from '../config/base-service.config';
import { ClockModule } from '../clock/clock.module';
import { DatabaseModule } from '../database/database.module';
import { serviceMigrations } from '../database/service-migrations';
import type { EntityList, MigrationClasses } from '../database/typeorm-options';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { PlatformModule } from '../platform.module';
import type { ApiKeyResolver } from '../auth/api-key-resolver';
import type { TokenHolderResolver } from '../auth/token-holder-resolver';
import { AuthModule } from '../auth/auth.module';

export interface ServiceFoundationOptions {
  entities: EntityList;
  /** The service's own migrations; the messaging tables (outbox, inbox) are added first. */
  migrations: MigrationClasses;
  /** The service's clock; the system clock unless a test brings an adjustable one. */
  clock?: Clock;
  /** Money-moving routes take an `Idempotency-Key`: adds its table (first, after the messaging tables) and the `Idempotency` provider. */
  idempotency?: boolean;
  /** The service's API-key sign-in (subsidies' funders), besides the identity provider's tokens. */
  apiKeys?: Type<ApiKeyResolver>;
  /** What the service makes of a token's holder beyond its claims (subsidies: the funder a funder's staff work for). */
  tokenHolders?: Type<TokenHolderResolver>;
}

/**
 * What every Jaring service stands on: its validated configuration, the access guard in front of every route
 * (docs/api.md, "Who may call"), `/health` and `/metrics`, its own
 * database (created if missing, migrations run at start), its Kafka connection with the outbox relay and, for
 * services with money-moving routes, the `Idempotency-Key` store.
 */
export function serviceFoundation(config: BaseServiceConfig, options: ServiceFoundationOptions): DynamicModule[] {
  return [
    PlatformModule.forRoot({ config }),
    AuthModule.forRoot({ tokens: config.tokenSettings, apiKeys: options.apiKeys, tokenHolders: options.tokenHolders }),
    options.clock || !config.CLOCK_CONTROL ? ClockModule.forRoot(options.clock) : ClockModule.controlled(config.CLOCK_START ?? new Date()),
    DatabaseModule.forRoot({
      entities: options.entities,
      migrations: serviceMigrations(options.migrations, { idempotency: options.idempotency }),
    }),
    MessagingModule.forRoot({
      serviceName: config.serviceName,
      brokers: config.kafkaBrokers,
      clientId: config.kafkaClientId,
      security: config.kafkaSecurity,
      createTopics: config.KAFKA_CREATE_TOPICS,
      topicPartitions: config.KAFKA_TOPIC_PARTITIONS,
      replicationFactor: config.KAFKA_TOPIC_REPLICATION_FACTOR,
    }),
    ...(options.idempotency ? [IdempotencyModule.forRoot()] : []),
  ];
}
