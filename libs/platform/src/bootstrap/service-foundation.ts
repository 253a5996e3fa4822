import type { DynamicModule } from '@nestjs/common';
import type { MixedList } from 'typeorm';
import type { Clock } from '@jaring/domain';
import { MessagingModule, MessagingTables1764100000000 } from '@jaring/messaging';
import type { BaseServiceConfig } from '../config/base-service.config';
import { ClockModule } from '../clock/clock.module';
import { DatabaseModule } from '../database/database.module';
import { PlatformModule } from '../platform.module';

export interface ServiceFoundationOptions {
  entities: MixedList<Function | string>;
  /** The service's own migrations; the messaging tables (outbox, inbox) are added first. */
  migrations: Function[];
  /** The service's clock; the system clock unless a test brings an adjustable one. */
  clock?: Clock;
}

/**
 * What every Jaring service stands on: its validated configuration, `/health` and `/metrics`, its own
 * database (created if missing, migrations run at start) and its Kafka connection with the outbox relay.
 */
export function serviceFoundation(config: BaseServiceConfig, options: ServiceFoundationOptions): DynamicModule[] {
  return [
    PlatformModule.forRoot({ config }),
    options.clock || !config.CLOCK_CONTROL ? ClockModule.forRoot(options.clock) : ClockModule.controlled(config.CLOCK_START ?? new Date()),
    DatabaseModule.forRoot({ entities: options.entities, migrations: [MessagingTables1764100000000, ...options.migrations] }),
    MessagingModule.forRoot({ serviceName: config.serviceName, brokers: config.kafkaBrokers, clientId: config.kafkaClientId }),
  ];
}
