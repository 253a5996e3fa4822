import { Logger, type DynamicModule, type Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { connectKafkaEvents } from '@jaring/messaging';
import type { BaseServiceConfig } from '../config/base-service.config';
import { loadConfig } from '../config/load-config';
import { redactText } from '../logging/redact';
import { bootstrapHttpService, type BootstrapHttpServiceOptions } from './bootstrap-http-service';
import { managementAddress } from './management-listener';

export interface RunServiceOptions<C extends BaseServiceConfig> {
  config: Type<C>;
  module: (config: C) => DynamicModule;
  /** The OpenAPI document's details (the bearer scheme of signed-in routes is always there; `configure` adds more). */
  openApi?: BootstrapHttpServiceOptions['openApi'];
  /** Extra set-up before the app starts (body parsers, ...). */
  configure?: (app: NestExpressApplication, config: C) => void | Promise<void>;
}

/**
 * A service's `main`: validates the configuration first, before any connection is opened (a missing or
 * malformed setting, or in production a development one, stops the process with a message naming it and
 * exit code 78), starts HTTP (the public port and, in production or when `MANAGEMENT_PORT` is set, the
 * management listener) and the Kafka event consumer, and exits non-zero when start-up fails. SIGTERM and
 * SIGINT close it cleanly (consumer, relay, database, listeners).
 */
export async function runService<C extends BaseServiceConfig>(options: RunServiceOptions<C>): Promise<NestExpressApplication> {
  let config: C;
  try {
    config = loadConfig(options.config);
  } catch (error) {
    fatal('configuration', error);
    process.exit(78); // EX_CONFIG
  }
  try {
    const app = await bootstrapHttpService({
      serviceName: config.serviceName,
      module: options.module(config),
      port: config.PORT,
      managementPort: config.managementPort,
      // in production metrics and the API description are for the cluster's eyes only (docs/operations.md)
      operatorRoutesPrivate: config.isProduction,
      logLevels: config.logLevels,
      openApi: options.openApi,
      configure: async (app) => {
        connectKafkaEvents(app, { stallTimeoutMs: config.CONSUMER_STALL_TIMEOUT_MS });
        await options.configure?.(app, config);
      },
    });
    const management = managementAddress(app)?.port;
    Logger.log(
      {
        message: `${config.serviceName} listening`,
        port: config.PORT,
        ...(management !== undefined ? { managementPort: management } : {}),
        docs: config.isProduction ? `/docs on the management port` : '/docs',
        health: '/health',
      },
      'Bootstrap',
    );
    return app;
  } catch (error) {
    fatal(config.serviceName, error);
    process.exit(1);
  }
}

function fatal(context: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', timestamp: new Date().toISOString(), context, message: redactText(message) })}\n`,
  );
}
