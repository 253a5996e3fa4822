import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthCheckRegistry } from './health-check.registry';
import { HealthController } from './health.controller';
import type { HealthModuleOptions } from './health.module-options';
import { HEALTH_MODULE_OPTIONS } from './health.tokens';

/**
 * `GET /health`, `GET /health/ready` and `GET /health/live`. Global so that any module can inject
 * `HealthCheckRegistry`.
 * The Kafka check is whatever provider of `KAFKA_HEALTH_CHECK` is visible (a global messaging module,
 * or one passed in `imports`); without one, Kafka is not checked.
 */
@Global()
@Module({})
export class HealthModule {
  static forRoot(options: HealthModuleOptions = {}): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), ...(options.imports ?? [])],
      controllers: [HealthController],
      providers: [{ provide: HEALTH_MODULE_OPTIONS, useValue: options }, HealthCheckRegistry],
      exports: [HealthCheckRegistry],
    };
  }
}
