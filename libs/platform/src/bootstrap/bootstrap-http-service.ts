import { type DynamicModule, type INestApplication, type LogLevel, type Type } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { JsonBodyInterceptor, refusePrototypeKeys } from '../http/json-body';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { requestContextMiddleware } from '../http/request-context.middleware';
import { createValidationPipe } from '../http/validation';
import { JsonLogger } from '../logging/json-logger';
import { HttpMetrics } from '../metrics/http-metrics';
import { type OpenApiOptions, setupOpenApi } from '../openapi/setup-openapi';
import { ManagedExpressAdapter } from './management-listener';
import { managementRoutes } from './management-routes';

export interface HttpAppOptions {
  serviceName: string;
  /** Largest JSON body accepted (default `1mb`); a larger one is a 413 problem. */
  jsonBodyLimit?: string | number;
  /** OpenAPI document details; `false` for no `/docs`. Default title "Jaring <serviceName>", version 1.0.0. */
  openApi?: Partial<OpenApiOptions> | false;
  /**
   * `/metrics` and the OpenAPI description (`/docs`, `/docs-json`) on the management listener only, the
   * public port answering 404 for them (production). Needs a `managementPort`.
   */
  operatorRoutesPrivate?: boolean;
}

export interface BootstrapHttpServiceOptions extends HttpAppOptions {
  /** The service's root module (which imports `PlatformModule.forRoot(...)`). */
  module: Type<unknown> | DynamicModule;
  /** 0 picks a free port (tests): read it back with `app.getHttpServer().address().port`. */
  port: number;
  /** Default `0.0.0.0`; the management listener binds to the same. */
  host?: string;
  /**
   * The management listener's port (`/health`, `/metrics`, `/docs` and nothing else); 0 picks a free one,
   * read back with `managementAddress(app)`. None when undefined.
   */
  managementPort?: number;
  /** Log levels (`config.logLevels`); default all. */
  logLevels?: LogLevel[];
  /**
   * Last word before the app starts: connect microservices (`app.connectMicroservice(...)`, the Kafka
   * transport), add body parsers (`app.useBodyParser('text', { type: 'text/csv', limit: '20mb' })`)...
   * Microservices are started after it, then the HTTP server listens.
   */
  configure?: (app: NestExpressApplication) => void | Promise<void>;
}

/**
 * Creates, sets up and starts a service's HTTP app (plus the microservices `configure` connects), the
 * same way for every service: JSON logs (buffered until the logger is in place), the request context
 * (correlation id, traceparent) before anything else, helmet's security headers, HTTP metrics, a 1 MB JSON
 * body limit (a body of another media type is a 415; one with a `__proto__`, `constructor` or `prototype`
 * key a 400), the validation pipe, the problem details filter, OpenAPI at /docs, the management listener when
 * it has a port, and shutdown hooks (SIGTERM closes Kafka consumers, the database and both listeners
 * cleanly). A start-up failure closes what was opened and rejects.
 */
export async function bootstrapHttpService(options: BootstrapHttpServiceOptions): Promise<NestExpressApplication> {
  if (options.operatorRoutesPrivate && options.managementPort === undefined) {
    throw new Error('operatorRoutesPrivate needs a managementPort: /metrics and /docs would be served nowhere');
  }
  const logger = new JsonLogger(options.serviceName, { logLevels: options.logLevels });
  const adapter = new ManagedExpressAdapter();
  const app = await NestFactory.create<NestExpressApplication>(options.module, adapter, {
    logger,
    bufferLogs: true,
    // Nest's default is to abort the process on a start-up error: let the caller see it (and tests survive).
    abortOnError: false,
  });
  // The JSON logger is in place: what was buffered while Nest built the app is printed, and from here on each line
  // as it comes (Nest would hold them until the HTTP server listens, and a start that waits, for the service's
  // Kafka topics say, must say so while it waits).
  app.flushLogs();
  try {
    configureHttpApp(app, options);
    app.enableShutdownHooks();
    await options.configure?.(app);
    await app.startAllMicroservices();
    await app.listen(options.port, options.host ?? '0.0.0.0');
    if (options.managementPort !== undefined) await adapter.listenManagement(options.managementPort, options.host ?? '0.0.0.0');
    return app;
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}

/**
 * The HTTP set-up of `bootstrapHttpService`, on an app created elsewhere: tests build the app with
 * `Test.createTestingModule(...).createNestApplication()` and call this before `init()`/`listen()`,
 * so that they exercise the same pipeline as production.
 */
export function configureHttpApp(app: NestExpressApplication, options: HttpAppOptions): NestExpressApplication {
  // Order matters: Express runs these in turn, before Nest's own middleware and routes. The request
  // context comes first so that even a request rejected by the body parser gets its correlation id.
  app.use(requestContextMiddleware);
  // Security headers on every answer (helmet's defaults: Content-Security-Policy, X-Content-Type-Options:
  // nosniff, Strict-Transport-Security, X-Frame-Options...). The default CSP also suits the OpenAPI UI at
  // /docs: Nest's swagger-ui page loads its scripts and style sheets from the same origin (no inline script;
  // inline styles are allowed by the default `style-src 'unsafe-inline'`) and fetches /docs-json.
  app.use(helmet());
  const httpMetrics = optional(app, HttpMetrics);
  if (httpMetrics) app.use(httpMetrics.middleware);
  // Each listener to its routes (the management listener: probes, metrics and docs only), before the body
  // parsers: a request the listener does not serve is not read. After helmet, so that its 404 has the headers.
  app.use(managementRoutes({ operatorRoutesPrivate: options.operatorRoutesPrivate ?? false }));
  // Registered before init, so Nest does not add its default (100 kB) JSON parser.
  app.useBodyParser('json', { limit: options.jsonBodyLimit ?? '1mb' });
  // Right after parsing: a `__proto__`, `constructor` or `prototype` key anywhere in a JSON body is a 400.
  app.use(refusePrototypeKeys);

  app.useGlobalInterceptors(new JsonBodyInterceptor(app.get(Reflector)));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  if (options.openApi !== false) {
    setupOpenApi(app, { title: `Jaring ${options.serviceName}`, version: '1.0.0', ...options.openApi });
  }
  return app;
}

function optional<T>(app: INestApplication, token: Type<T>): T | undefined {
  try {
    return app.get(token, { strict: false });
  } catch {
    return undefined;
  }
}
