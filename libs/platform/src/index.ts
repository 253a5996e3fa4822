// @jaring/platform: what every service uses around its business code. See each file for the why.

export * from './config/base-service.config';
export * from './config/development-secrets';
export * from './config/env-decorators';
export * from './config/load-config';
export * from './config/service-config.module';

export * from './logging/json-logger';
export * from './logging/redact';

export * from './http/problem';
export * from './http/problem-details.filter';
export * from './http/request-context.middleware';
export * from './http/validation';
export * from './http/json-body';
export * from './http/text-rules';
export * from './http/field-rules';
export * from './http/validation-rule';
export * from './http/public-address';

export * from './metrics/http-metrics';
export * from './metrics/metrics.controller';
export * from './metrics/metrics.module';
export * from './metrics/metrics.tokens';

export * from './health/health-check.registry';
export * from './health/health.controller';
export * from './health/health.module';
export * from './health/health.module-options';
export * from './health/health.tokens';

export * from './database/database-url';
export * from './database/sql-values';
export * from './database/service-migrations';
export * from './database/transactions';
export * from './database/database.module';
export * from './database/ensure-database';
export * from './database/typeorm-logger';
export * from './database/typeorm-options';
export * from './database/run-migrations';

export * from './openapi/problem-details.dto';
export * from './openapi/setup-openapi';

export * from './clock/clock.module';
export * from './personal-data/keys';
export * from './personal-data/sealer';
export * from './personal-data/event-sealer';
export * from './batching/group-commit';
export * from './scheduling/scheduled-work';
export * from './idempotency';
export * from './auth';
export * from './bootstrap/bootstrap-http-service';
export * from './bootstrap/management-listener';
export * from './bootstrap/management-routes';
export * from './bootstrap/run-service';
export * from './bootstrap/service-foundation';
export * from './platform.module';
