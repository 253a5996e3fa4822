import { type DynamicModule, Global, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { HttpMetrics, HttpMetricsMiddleware } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { METRICS_REGISTRY } from './metrics.tokens';

export interface MetricsModuleOptions {
  /** Labels added to every series of this registry, e.g. `{ service: 'enrollment' }`. */
  defaultLabels?: Record<string, string>;
}

/**
 * Serves `GET /metrics` and gives the app its own prom-client `Registry` (token `METRICS_REGISTRY`) with
 * Node's default metrics and the HTTP request histogram. Other modules register their counters in it:
 *
 *   constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
 *     this.paid = new Counter({ name: 'jaring_claims_paid_total', help: '...', registers: [registry] });
 *   }
 *
 * The registry is created per app, never prom-client's global one: two apps in one process (tests) would
 * otherwise fail with "metric already registered". Global, so every module can inject the registry.
 */
@Global()
@Module({})
export class MetricsModule implements NestModule {
  static forRoot(options: MetricsModuleOptions = {}): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [
        {
          provide: METRICS_REGISTRY,
          useFactory: (): Registry => {
            const registry = new Registry();
            if (options.defaultLabels) registry.setDefaultLabels(options.defaultLabels);
            collectDefaultMetrics({ register: registry });
            return registry;
          },
        },
        HttpMetrics,
      ],
      exports: [METRICS_REGISTRY, HttpMetrics],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
