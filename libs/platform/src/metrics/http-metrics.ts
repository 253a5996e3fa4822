import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { Histogram, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics.tokens';

/** Requests that no route matched share one label value, so that scanners cannot blow up the series count. */
export const UNMATCHED_ROUTE = '(unmatched)';

type ExpressRequest = IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };
type Next = (error?: unknown) => void;

/**
 * Times every HTTP request into `http_server_request_duration_seconds{method, route, status_code}`, where
 * `route` is the route template (`/v1/workers/:id`), never the raw path. The status is read when the
 * response is finished, so it is the one the exception filter chose.
 *
 * Its `middleware` may be installed twice (by `MetricsModule` for its routes, and by the bootstrap before
 * the body parsers, so that 400/413 answers to bad bodies are counted): each request is observed once.
 */
@Injectable()
export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status_code'>;
  private readonly observed = new WeakSet<IncomingMessage>();

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.duration = new Histogram({
      name: 'http_server_request_duration_seconds',
      help: 'Duration of HTTP requests handled by this service, by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  // An arrow function, so it can be handed to `app.use` as it is.
  readonly middleware = (request: IncomingMessage, response: ServerResponse, next: Next): void => {
    if (!this.observed.has(request)) {
      this.observed.add(request);
      const start = process.hrtime.bigint();
      response.once('finish', () => {
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        this.duration.observe(
          {
            method: request.method ?? 'UNKNOWN',
            route: routeTemplate(request),
            status_code: String(response.statusCode),
          },
          seconds,
        );
      });
    }
    next();
  };
}

/**
 * The same as a Nest middleware class. Nest builds middleware instances apart from providers, so the
 * histogram lives in the `HttpMetrics` provider (one per registry) and this only delegates to it.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: HttpMetrics) {}

  use(request: IncomingMessage, response: ServerResponse, next: Next): void {
    this.metrics.middleware(request, response, next);
  }
}

function routeTemplate(request: ExpressRequest): string {
  const path = request.route?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : UNMATCHED_ROUTE;
}
