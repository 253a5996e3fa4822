import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import type { BaseServiceConfig } from './config/base-service.config';
import { ServiceConfigModule } from './config/service-config.module';
import { HealthModule } from './health/health.module';
import type { HealthModuleOptions } from './health/health.module-options';
import { RequestContextMiddleware } from './http/request-context.middleware';
import { MetricsModule } from './metrics/metrics.module';

export interface PlatformModuleOptions {
  config: BaseServiceConfig;
  health?: HealthModuleOptions;
}

/**
 * What every service module imports once: its configuration (injectable), `/metrics`, `/health`, and
 * the request context for its routes. The database is separate (`DatabaseModule.forRoot`), as it needs
 * the service's entities and migrations.
 */
@Module({})
export class PlatformModule implements NestModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ServiceConfigModule.forRoot(options.config),
        MetricsModule.forRoot({ defaultLabels: { service: options.config.serviceName } }),
        HealthModule.forRoot(options.health),
      ],
    };
  }

  // Also installed before the body parsers by bootstrapHttpService. Here it covers apps built without the
  // bootstrap, and re-enters the same context after the body parsers, which read the socket in callbacks
  // that may not carry it (on Node 24 they do, checked with a 900 kB body; older runtimes may not).
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*');
  }
}
